#!/usr/bin/env bash
# `pgfit health`, the image's HEALTHCHECK, against pgfit's own first start on the real
# PostgreSQL 15: unhealthy (exit 1) while an init script runs on the temporary server, healthy
# (exit 0) once the real server takes a TCP login as POSTGRES_USER, with the password from
# POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE when the loopback asks for one; a wrong password
# and a stopped server are unhealthy, and the reason is on stderr.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"

health() { # VAR=value... ; sets STATUS and OUTPUT
    STATUS=0
    OUTPUT=$(env -i PATH="$CLEAN_PATH" PGPORT="$PORT" POSTGRES_USER=admin POSTGRES_DB=shop \
        "$@" "$PGFIT" health 2>&1) || STATUS=$?
}
init_running() { grep -q -F "slow.sql" "$T_DIR/health.log"; }

echo "SELECT pg_sleep(4);" >"$USER_DIR/slow.sql"
start_pgfit health POSTGRES_PASSWORD=secret POSTGRES_USER=admin POSTGRES_DB=shop \
    POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256
wait_until 60 init_running || fail "the slow init script did not start: $(tail -20 "$T_DIR/health.log")"
health POSTGRES_PASSWORD=secret
assert_eq "$STATUS" 1 "health while an init script runs"
assert_contains "$OUTPUT" "pgfit health: unhealthy: " "the reason during init"

wait_ready_tcp health
health POSTGRES_PASSWORD=secret
assert_eq "$STATUS" 0 "health of the real server (output: $OUTPUT)"
assert_eq "$OUTPUT" "" "nothing printed when healthy"
printf 'secret\n' >"$T_DIR/password"
health POSTGRES_PASSWORD_FILE="$T_DIR/password"
assert_eq "$STATUS" 0 "health with POSTGRES_PASSWORD_FILE (output: $OUTPUT)"
health POSTGRES_PASSWORD=wrong
assert_eq "$STATUS" 1 "health with a wrong password"
assert_contains "$OUTPUT" 'password authentication failed for user "admin"' "the reason for a wrong password"
health POSTGRES_PASSWORD=secret POSTGRES_DB=nothere
assert_eq "$STATUS" 1 "health for a database that does not exist"

stop_pgfit health
health POSTGRES_PASSWORD=secret
assert_eq "$STATUS" 1 "health after the stop"
assert_contains "$OUTPUT" "127.0.0.1" "the reason after the stop names the address"
