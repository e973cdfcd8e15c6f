#!/usr/bin/env bash
# initdb.d/04-monitoring.sql and 05-app-user.sql against the real PostgreSQL 15: skipped without
# passwords; the monitoring role sees every pg_stat_activity row; the application role logs in
# over TCP with its own SCRAM password and owns POSTGRES_DB.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/image_sql.sh"
monitoring="$PGFIT_SOURCE_DIR/initdb.d/04-monitoring.sql"
app="$PGFIT_SOURCE_DIR/initdb.d/05-app-user.sql"
export POSTGRES_DB="app db"
scratch_server
sql postgres 'CREATE DATABASE "app db"'

note "no passwords: one line each, nothing created"
output=$(run_shipped_script "$monitoring" 2>&1) || fail "04-monitoring.sql failed: $output"
assert_contains "$output" "NOTICE:  monitoring: skipped, no POSTGRES_MONITOR_PASSWORD or POSTGRES_MONITOR_PASSWORD_FILE given" \
    "the monitoring skip line"
output=$(POSTGRES_APP_USER=app run_shipped_script "$app" 2>&1) || fail "05-app-user.sql failed: $output"
assert_contains "$output" "NOTICE:  application role: skipped, needs POSTGRES_APP_USER and POSTGRES_APP_PASSWORD or POSTGRES_APP_PASSWORD_FILE" \
    "the application skip line"
assert_eq "$(sql postgres "SELECT count(*) FROM pg_roles WHERE rolname IN ('postgres_exporter', 'app')")" 0 "roles"

note "monitoring role, twice"
export POSTGRES_MONITOR_PASSWORD="monitor pass"
for run in 1 2; do
    output=$(run_shipped_script "$monitoring" 2>&1) || fail "run $run failed: $output"
done
assert_eq "$(sql postgres "SELECT rolcanlogin, rolinherit, rolsuper, rolreplication, rolconnlimit, pg_has_role(oid, 'pg_monitor', 'MEMBER') FROM pg_roles WHERE rolname = 'postgres_exporter'")" \
    "t|t|f|f|5|t" "postgres_exporter's attributes"
as_monitor() { PGPASSWORD="monitor pass" psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres_exporter -d postgres -c "$1"; }
assert_eq "$(as_monitor "SELECT count(*) FROM pg_stat_activity WHERE query = '<insufficient privilege>'")" 0 \
    "the monitoring role sees every session"
as_monitor "SELECT count(*) FROM pg_ls_waldir()" >/dev/null || fail "the monitoring role cannot list the WAL directory"

note "application role, twice"
export POSTGRES_APP_USER="app user" POSTGRES_APP_PASSWORD="app pass"
for run in 1 2; do
    output=$(run_shipped_script "$app" 2>&1) || fail "run $run failed: $output"
done
assert_eq "$(sql postgres "SELECT rolcanlogin, rolsuper, rolreplication, rolcreaterole, rolcreatedb, rolconnlimit FROM pg_roles WHERE rolname = 'app user'")" \
    "t|f|f|f|f|-1" "the application role's attributes"
assert_eq "$(sql postgres "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'app db'")" "app user" \
    "the application role owns POSTGRES_DB"
PGPASSWORD="app pass" psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "app user" -d "app db" \
    -c "CREATE TABLE t (x int); INSERT INTO t VALUES (1); DROP TABLE t" >/dev/null ||
    fail "the application role cannot use its database over TCP"
assert_eq "$(sql postgres "SELECT count(*) FROM pg_authid WHERE rolpassword NOT LIKE 'SCRAM-SHA-256\$%'")" 0 \
    "every password is a SCRAM verifier"
for secret in "monitor pass" "app pass"; do
    assert_not_contains "$(cat "$SCRATCH_LOG")" "$secret" "the server log"
done
