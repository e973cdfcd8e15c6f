#!/usr/bin/env bash
# An orphan killed by SIGKILL (an exec session's background job) causes no crash recovery when
# pgfit is PID 1: pgfit adopts and reaps it, postgres never hears of it. The negative control
# is exec mode (PGFIT_EXEC=true, postgres is PID 1): the same orphan makes postgres terminate
# every session and run crash recovery (docker-library/postgres#1349).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces, nsenter, the postgres user"

new_pgdata "$T_DIR/data"
# kill_orphan — starts `sleep 300` from an exec session, waits until PID 1 has adopted it,
# and SIGKILLs it; prints its PID inside the namespace.
kill_orphan() {
    ns_sh "$INIT" 'sleep 300 >/dev/null 2>&1 &'
    local adopted
    adopted_sleep() { pgrep -P "$INIT" -x sleep >/dev/null; }
    wait_until 30 adopted_sleep || fail "the orphan was not adopted by PID 1"
    adopted=$(pgrep -P "$INIT" -x sleep)
    grep NSpid "/proc/$adopted/status" | awk '{print $3}'
    kill -s KILL "$adopted"
}

start_server supervised PGFIT_LOG_LEVEL=debug
orphan=$(kill_orphan)
reaped() { grep -q "pgfit: DEBUG: reaped orphan process $orphan (killed by SIGKILL)" "$T_DIR/supervised.err"; }
wait_until 30 reaped || fail "pgfit did not log the reaped orphan: $(cat "$T_DIR/supervised.err")"
assert_eq "$(psql_sock 'select 1')" 1 "a query after the orphan died"
log=$(cat "$T_DIR/supervised.err")
assert_not_contains "$log" "terminated by signal 9" "server log under pgfit"
assert_not_contains "$log" "terminating any other active server processes" "server log under pgfit"
assert_not_contains "$log" "automatic recovery in progress" "server log under pgfit"
kill -s INT "$INIT"
finish supervised
assert_eq "$STATUS" 0 "exit status"

# Negative control: postgres as PID 1 treats the same orphan as a crashed backend.
start_server exec PGFIT_EXEC=true
assert_eq "$(cat "/proc/$INIT/comm")" postgres "PID 1 in exec mode"
kill_orphan >/dev/null
crashed() { grep -q "terminating any other active server processes" "$T_DIR/exec.err"; }
wait_until 30 crashed || fail "exec mode: no crash handling: $(cat "$T_DIR/exec.err")"
assert_contains "$(cat "$T_DIR/exec.err")" "was terminated by signal 9: Killed" "server log in exec mode"
assert_contains "$(cat "$T_DIR/exec.err")" \
    "pgfit: PGFIT_EXEC=true: replacing pgfit by postgres" "pgfit's log in exec mode"
kill -s QUIT "$INIT"
finish exec
