#!/usr/bin/env bash
# `pgfit pgbouncer` with this machine's PgBouncer and PostgreSQL 15 initialised by pgfit's own
# first start with the shipped scripts (PGFIT_INITDB_DIR=initdb.d): pools sized from
# max_connections, a 0600 one-line auth_file, and logins through PgBouncer in transaction mode
# — the application role as itself with its own SCRAM password; a superuser, an expired, an
# unknown user and a wrong password refused; no secret in PgBouncer's environment; SIGTERM to
# pgfit stops PgBouncer cleanly.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
command -v pgbouncer >/dev/null || skip "pgbouncer is not installed"

printf 'auth "pass"\n' >"$T_DIR/auth-password"
chmod 600 "$T_DIR/auth-password"
start_pgfit server "${IMAGE_ENV[@]}" POSTGRES_PASSWORD=pw POSTGRES_MEMORY=512M \
    POSTGRES_DB="app db" POSTGRES_APP_USER="app user" POSTGRES_APP_PASSWORD="app pass" \
    PGBOUNCER_AUTH_PASSWORD_FILE="$T_DIR/auth-password" -- -c max_connections=20
wait_ready_tcp server
sql_super postgres "CREATE ROLE expired LOGIN PASSWORD 'pw' VALID UNTIL '2001-01-01'"
sql_super postgres "CREATE ROLE admin LOGIN SUPERUSER PASSWORD 'pw'"

bouncer_port=$(free_port)
# PgBouncer reaches the server from outside: initdb trusts 127.0.0.1, the catch-all asks SCRAM.
PGBOUNCER_AUTH_PASSWORD_FILE="$T_DIR/auth-password" POSTGRES_APP_PASSWORD="app pass" \
    PGBOUNCER_SERVER_HOST="$OUTSIDE_ADDRESS" PGBOUNCER_SERVER_PORT=$PORT PGBOUNCER_DATABASES="app_db=app db" \
    PGBOUNCER_LISTEN_ADDR=127.0.0.1 PGBOUNCER_LISTEN_PORT=$bouncer_port \
    PGBOUNCER_RUNTIME_DIR="$T_DIR/pgbouncer" PGFIT_PGBOUNCER_TEMPLATE="$PGFIT_SOURCE_DIR/conf/pgbouncer.ini.template" \
    "$PGFIT" pgbouncer >"$T_DIR/pgbouncer.log" 2>&1 &
pgfit_pid=$!
on_exit "kill -KILL $pgfit_pid 2>/dev/null"
wait_until 60 pg_isready -q -h 127.0.0.1 -p "$bouncer_port" ||
    fail "PgBouncer did not listen: $(cat "$T_DIR/pgbouncer.log")"

note "pool sizes from max_connections 20"
assert_contains "$(cat "$T_DIR/pgbouncer.log")" \
    "pgfit: pgbouncer: PgBouncer $(pgbouncer --version | sed -n 's/^PgBouncer //p'); pools: 13 server connections per database (12 pooled + 1 reserve) x 1 database(s) + 2 auth_query + 2 direct + 3 superuser reserved + 0 reserved <= max_connections 20" \
    "the sizing log line"
ini="$T_DIR/pgbouncer/pgbouncer.ini"
assert_contains "$(cat "$ini")" "app_db = host=$OUTSIDE_ADDRESS port=$PORT dbname='app db'" "the routed database"
assert_contains "$(cat "$ini")" "max_db_connections = 13" "the database cap"
assert_contains "$(cat "$ini")" "pool_mode = transaction" "transaction pooling"
assert_eq "$(stat -c '%a %U' "$T_DIR/pgbouncer/userlist.txt")" "600 postgres" "auth_file mode and owner"
assert_eq "$(cat "$T_DIR/pgbouncer/userlist.txt")" '"pgbouncer_auth" "auth ""pass"""' "the only auth_file line"
assert_not_contains "$(cat "$ini")" 'auth "pass' "pgbouncer.ini holds no password"

through() { # user password query
    PGPASSWORD=$2 psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$bouncer_port" -U "$1" -d app_db -c "$3" 2>&1
}

note "the application role, as itself, with its own privileges"
assert_eq "$(through "app user" "app pass" "SELECT current_user || '/' || session_user")" "app user/app user" \
    "identity on the server"
through "app user" "app pass" "CREATE TABLE pooled (x int); INSERT INTO pooled VALUES (1)" >/dev/null ||
    fail "the application role cannot write through PgBouncer"
assert_eq "$(sql_super "app db" "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'pooled'")" "app user" \
    "tables belong to the application role"

note "refused logins"
assert_contains "$(through "app user" "wrong" "SELECT 1")" "SASL authentication failed" "a wrong password"
assert_contains "$(through admin pw "SELECT 1")" 'no such user' "a superuser"
assert_contains "$(through postgres pw "SELECT 1")" 'no such user' "the bootstrap superuser"
assert_contains "$(through expired pw "SELECT 1")" "SASL authentication failed" "an expired role"
assert_contains "$(through nobody pw "SELECT 1")" 'no such user' "an unknown user"

note "no secret in PgBouncer's environment"
bouncer_pid=$(pgrep -P "$pgfit_pid" -x pgbouncer) || fail "no pgbouncer child of pgfit"
assert_eq "$(stat -c %U "/proc/$bouncer_pid")" postgres "PgBouncer runs as postgres"
environ=$(tr '\0' '\n' <"/proc/$bouncer_pid/environ")
assert_not_contains "$environ" "PGBOUNCER_AUTH_PASSWORD" "PgBouncer's environment"
assert_not_contains "$environ" "POSTGRES_APP_PASSWORD" "PgBouncer's environment"
assert_not_contains "$(tr '\0' '\n' <"/proc/$pgfit_pid/environ")" "app pass" "pgfit's own environment, once read"

note "SIGTERM: safe shutdown, pgfit exits with PgBouncer's code"
kill -TERM "$pgfit_pid"
status=0
wait "$pgfit_pid" || status=$?
assert_eq "$status" 0 "pgfit's exit code"
assert_contains "$(cat "$T_DIR/pgbouncer.log")" "pgfit: pgbouncer: received signal 15; safe shutdown (SIGINT)" \
    "the stop line"
if kill -0 "$bouncer_pid" 2>/dev/null; then
    fail "pgbouncer is still running"
fi
stop_pgfit server
