#!/usr/bin/env bash
# The passwords never show: not in any process's arguments (`ps`) during init or after, not in
# the temporary or the real server's environment (/proc/PID/environ), not in the log, not in
# pg_stat_activity; pgfit's own /proc/1/environ has them overwritten; pg_authid holds a SCRAM
# verifier. Covers POSTGRES_PASSWORD and the contract's other secrets.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

PASSWORD="Root-S3cret-$RANDOM$RANDOM"
REPLICATION="Repl-S3cret-$RANDOM$RANDOM"
FLAGS=$T_DIR/flags
mkdir -p "$FLAGS"
chmod 777 "$FLAGS"
cat >"$USER_DIR/10-wait.sh" <<SH
#!/bin/sh
touch $FLAGS/waiting
while [ ! -e $FLAGS/go ]; do sleep 0.1; done
SH
chmod 755 "$USER_DIR/10-wait.sh"
printf '%s\n' "$REPLICATION" >"$T_DIR/replication"
chmod 600 "$T_DIR/replication"

no_secret() { # text what
    assert_not_contains "$1" "$PASSWORD" "$2"
    assert_not_contains "$1" "$REPLICATION" "$2"
}
# The postmaster pgfit runs now (the temporary one during init, the real one after).
postmaster() { pgrep -P "$PGFIT_PID" -x postgres || true; }

start_pgfit secrets POSTGRES_PASSWORD="$PASSWORD" POSTGRES_REPLICATION_PASSWORD_FILE="$T_DIR/replication"
wait_until 120 test -e "$FLAGS/waiting" || fail "init did not reach the script: $(tail "$T_DIR/secrets.log")"
no_secret "$(ps -eo args)" "process arguments during init"
temp=$(postmaster)
[ -n "$temp" ] || fail "temporary server not found"
no_secret "$(tr '\0' '\n' <"/proc/$temp/environ")" "the temporary server's environment"
no_secret "$(tr '\0' '\n' <"/proc/$PGFIT_PID/environ")" "pgfit's own environment"
assert_contains "$(tr '\0' '\n' <"/proc/$PGFIT_PID/environ")" "POSTGRES_PASSWORD=*****" \
    "pgfit's own copy overwritten"
touch "$FLAGS/go"

wait_ready_tcp secrets
real=$(postmaster)
[ -n "$real" ] && [ "$real" != "$temp" ] || fail "real server not found"
no_secret "$(tr '\0' '\n' <"/proc/$real/environ")" "the real server's environment"
no_secret "$(ps -eo args)" "process arguments after init"
no_secret "$(sql_as postgres "$PASSWORD" postgres 'SELECT string_agg(coalesce(query, $$$$), $$ $$) FROM pg_stat_activity')" \
    "pg_stat_activity"
assert_contains "$(sql_as postgres "$PASSWORD" postgres "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")" \
    'SCRAM-SHA-256$4096:' "stored as a SCRAM verifier"
stop_pgfit secrets
no_secret "$(cat "$T_DIR/secrets.log")" "the log"
assert_contains "$(cat "$PGDATA_DIR/pg_hba.conf")" \
    'host replication "replicator" samenet scram-sha-256' "replication line with a replication password"
