#!/usr/bin/env bash
# When the main child exits, what it left behind gets SIGTERM, then SIGKILL after a short
# grace, before pgfit exits with the child's code — as PID 1 (kill(-1)) and as a subreaper
# outside any namespace, where pgfit signals only its own descendants: an unrelated process of
# the same user survives (pgfit never uses kill(-1) when it is not PID 1).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces"

# An unrelated process of the same user, started before and outside pgfit.
sleep 300 &
bystander=$!
on_exit "kill $bystander 2>/dev/null"

status=0
"$PGFIT" sh -c "sleep 301 & echo \$! > '$T_DIR/leftover'; exit 3" 2>"$T_DIR/err" || status=$?
assert_eq "$status" 3 "exit status as a subreaper"
assert_contains "$(cat "$T_DIR/err")" "pgfit: sending SIGTERM to the processes left over" "pgfit's log"
leftover=$(cat "$T_DIR/leftover")
kill -0 "$leftover" 2>/dev/null && fail "the leftover sleep ($leftover) is still running"
kill -0 "$bystander" || fail "the unrelated sleep was killed"

# A leftover that ignores SIGTERM gets SIGKILL.
status=0
# (Its parent waits until it ignores SIGTERM, so that pgfit cannot signal it earlier.)
"$PGFIT" sh -c "(trap '' TERM; touch '$T_DIR/ignoring'; exec sleep 302) & echo \$! > '$T_DIR/stubborn'
    until [ -e '$T_DIR/ignoring' ]; do sleep 0.01; done; exit 4" 2>"$T_DIR/err" || status=$?
assert_eq "$status" 4 "exit status with a stubborn leftover"
assert_contains "$(cat "$T_DIR/err")" "pgfit: WARNING: processes still left over: sending SIGKILL" "pgfit's log"
kill -0 "$(cat "$T_DIR/stubborn")" 2>/dev/null && fail "the stubborn leftover is still running"
kill -0 "$bystander" || fail "the unrelated sleep was killed"

# As PID 1: kill(-1) reaches the leftovers, also those not descended from pgfit's child (an
# exec session's orphan is pgfit's own child anyway).
start_pid1 pid1 "$PGFIT" sh -c "setsid sleep 303 & exec '$PAYLOAD' signals '$T_DIR/got'"
wait_until 30 grep -q '^ready' "$T_DIR/got" || fail "payload did not start"
kill -s INT "$INIT"
finish pid1
assert_eq "$STATUS" 130 "exit status as PID 1"
assert_contains "$(cat "$T_DIR/pid1.err")" "pgfit: sending SIGTERM to the processes left over" "pgfit's log"
assert_not_contains "$(cat "$T_DIR/pid1.err")" "SIGKILL" "pgfit's log"
kill -0 "$bystander" || fail "the unrelated sleep was killed"
