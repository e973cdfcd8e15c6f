#!/usr/bin/env bash
# initdb.d/04-monitoring.sql and 05-app-user.sql, run by pgfit's own first start (PID 1,
# PGFIT_INITDB_DIR=initdb.d) on the real PostgreSQL 15: skipped without passwords; the
# monitoring role sees every pg_stat_activity row; the application role logs in over TCP with
# its own SCRAM password and owns POSTGRES_DB; both idempotent (every shipped script runs twice).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
IMAGE=("${IMAGE_ENV[@]}" POSTGRES_PASSWORD=pw POSTGRES_MEMORY=512M
    POSTGRES_DB="app db")

note "no passwords: one line each, nothing created"
start_pgfit plain "${IMAGE[@]}" POSTGRES_APP_USER=app
wait_ready_tcp plain
assert_logged plain NOTICE "monitoring: skipped, no POSTGRES_MONITOR_PASSWORD or POSTGRES_MONITOR_PASSWORD_FILE given" \
    "the monitoring skip line"
assert_logged plain NOTICE "application role: skipped, needs POSTGRES_APP_USER and POSTGRES_APP_PASSWORD or POSTGRES_APP_PASSWORD_FILE" \
    "the application skip line"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_roles WHERE rolname IN ('postgres_exporter', 'app')")" 0 "roles"
stop_pgfit plain

note "monitoring and application roles, the scripts run twice"
new_cluster
rerun_image_scripts
start_pgfit roles "${IMAGE[@]}" POSTGRES_MONITOR_PASSWORD="monitor pass" \
    POSTGRES_APP_USER="app user" POSTGRES_APP_PASSWORD="app pass"
wait_ready_tcp roles
for script in 04-monitoring.sql 05-app-user.sql; do
    assert_eq "$(count_lines "$T_DIR/roles.log" "running /docker-entrypoint-initdb.d/$script")" 1 \
        "the second run of $script"
done
assert_eq "$(sql_super postgres "SELECT rolcanlogin, rolinherit, rolsuper, rolreplication, rolconnlimit, pg_has_role(oid, 'pg_monitor', 'MEMBER') FROM pg_roles WHERE rolname = 'postgres_exporter'")" \
    "t|t|f|f|5|t" "postgres_exporter's attributes"
as_monitor() { sql_as postgres_exporter "monitor pass" postgres "$1"; }
assert_eq "$(as_monitor "SELECT count(*) FROM pg_stat_activity WHERE query = '<insufficient privilege>'")" 0 \
    "the monitoring role sees every session"
as_monitor "SELECT count(*) FROM pg_ls_waldir()" >/dev/null || fail "the monitoring role cannot list the WAL directory"

assert_eq "$(sql_super postgres "SELECT rolcanlogin, rolsuper, rolreplication, rolcreaterole, rolcreatedb, rolconnlimit FROM pg_roles WHERE rolname = 'app user'")" \
    "t|f|f|f|f|-1" "the application role's attributes"
assert_eq "$(sql_super postgres "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'app db'")" "app user" \
    "the application role owns POSTGRES_DB"
sql_as "app user" "app pass" "app db" "CREATE TABLE t (x int); INSERT INTO t VALUES (1); DROP TABLE t" >/dev/null ||
    fail "the application role cannot use its database over TCP"
if sql_as "app user" "wrong" "app db" "SELECT 1" >/dev/null 2>&1; then
    fail "a wrong password of the application role was accepted over TCP"
fi
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_authid WHERE rolpassword NOT LIKE 'SCRAM-SHA-256\$%'")" 0 \
    "every password is a SCRAM verifier"
stop_pgfit roles
for secret in "monitor pass" "app pass"; do
    assert_not_contains "$(cat "$T_DIR/roles.log")" "$secret" "the log of pgfit and the server"
done
