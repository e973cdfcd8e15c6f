#!/usr/bin/env bash
# The stop sequence does not wait for a backup: under pgbench load, SIGTERM to pgfit while a
# scheduled pgBackRest backup runs as its child; pgfit exits 0 within PGFIT_STOP_TIMEOUT, and
# no pgbackrest process is left.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
command -v pgbackrest >/dev/null || skip "pgbackrest is not installed"

REPO=$T_DIR/repo
start_pgfit load POSTGRES_PASSWORD=secret PGBACKREST_REPO1_PATH="$REPO" PGBACKREST_STANZA=stop \
    PGFIT_BACKUP_FULL_SCHEDULE="* * * * *" PGFIT_STOP_TIMEOUT=10s
wait_ready_tcp load
as_postgres "$PGBIN/pgbench" -i -s 10 -q -h "$SOCKET_DIR" -p "$PORT" postgres >"$T_DIR/init.log" 2>&1 ||
    fail "pgbench -i: $(cat "$T_DIR/init.log")"
as_postgres "$PGBIN/pgbench" -n -c 4 -T 120 -h "$SOCKET_DIR" -p "$PORT" postgres >"$T_DIR/bench.log" 2>&1 &
bench=$!
on_exit "kill $bench 2>/dev/null"
started() { grep -q -F "backup: full backup started" "$T_DIR/load.log"; }
wait_until 120 started || fail "no scheduled backup started: $(tail -20 "$T_DIR/load.log")"
sleep 0.5
pgrep -f "pgbackrest.*--stanza=stop.*backup" >/dev/null || fail "the backup is not running any more"
from=$SECONDS
kill -TERM "$PGFIT_PID"
finish load 30
took=$((SECONDS - from))
assert_eq "$STATUS" 0 "exit code after SIGTERM during a backup"
[ "$took" -le 12 ] || fail "the stop took $took s, more than PGFIT_STOP_TIMEOUT=10s"
note "stopped in $took s while a backup ran"; grep -E "backup:|stopping|leftover" "$T_DIR/load.log" >&2
if pgrep -f "pgbackrest.*--stanza=stop" >/dev/null; then
    fail "a pgbackrest process is left: $(pgrep -af 'pgbackrest.*--stanza=stop')"
fi
