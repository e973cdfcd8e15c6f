#!/usr/bin/env bash
# The password never reaches the real server on an ordinary start: not in any process's
# arguments (ps), not in the environment of postgres or its backends (/proc/PID/environ),
# not in the server log.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces, the postgres user"

secret="pgfit-secret-$RANDOM$RANDOM"
echo "$secret-r" >"$T_DIR/password"
chmod 644 "$T_DIR/password"
new_pgdata "$T_DIR/data"
# Through the environment only: this test's own command lines must not show the secret.
export POSTGRES_PASSWORD="$secret" POSTGRES_REPLICATION_PASSWORD_FILE="$T_DIR/password"
export PGPASSWORD="$secret" POSTGRES_USER=postgres
start_server server
unset POSTGRES_PASSWORD POSTGRES_REPLICATION_PASSWORD_FILE PGPASSWORD
psql_sock 'select 1' >/dev/null

postmaster=$(postmaster_of "$INIT")
[ -n "$postmaster" ] || fail "no postmaster under pgfit"
assert_not_contains "$(ps -eo args)" "$secret" "process arguments"
for pid in $postmaster $(pgrep -P "$postmaster"); do
    environment=$(tr '\0' '\n' <"/proc/$pid/environ")
    assert_not_contains "$environment" "$secret" "environment of $(cat "/proc/$pid/comm") ($pid)"
    assert_not_contains "$environment" "PASSWORD" "environment of $(cat "/proc/$pid/comm") ($pid)"
done
assert_contains "$(tr '\0' '\n' <"/proc/$postmaster/environ")" "POSTGRES_USER=postgres" \
    "other variables are passed on"
kill -s TERM "$INIT"
finish server
assert_eq "$STATUS" 0 "exit status"
assert_not_contains "$(cat "$T_DIR/server.err" "$T_DIR/server.out")" "$secret" "the log"
