#!/usr/bin/env bash
# pgfit as PID 1 of a PID namespace passes its child's exit status on: the code itself
# (every one of 0..255), 128 + n when the child dies of a signal, 127 for a missing command,
# 126 for one that cannot be executed; `pgfit echo hi` prints exactly "hi" and nothing else.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces"

run_pid1() { # expected-status command...
    local expected=$1 status=0
    shift
    "$PIDNS" -- "$PGFIT" "$@" >"$T_DIR/out" 2>"$T_DIR/err" || status=$?
    assert_eq "$status" "$expected" "exit status of pgfit $*"
}

# Every status on the release build; under the sanitizers, where each start costs about a
# second, the edges and a few between (the path is the same for every value).
codes=$(seq 0 255)
[ "${PGFIT_SANITIZED:-0}" = 0 ] || codes="0 1 2 63 64 125 126 127 128 129 254 255"
for code in $codes; do
    run_pid1 "$code" "$PAYLOAD" exit "$code"
done
# 256 wraps like any exit status.
run_pid1 0 sh -c 'exit 256'

for signal in HUP INT QUIT KILL USR1 TERM; do
    run_pid1 $((128 + $(kill -l "$signal"))) "$PAYLOAD" raise "$signal"
done

run_pid1 127 pgfit-no-such-command
assert_contains "$(cat "$T_DIR/err")" \
    "pgfit: ERROR: cannot run command 'pgfit-no-such-command': not found in PATH" "missing command"
run_pid1 127 /no/such/program
assert_contains "$(cat "$T_DIR/err")" \
    "pgfit: ERROR: cannot run command '/no/such/program': No such file or directory" "missing path"
mkdir "$T_DIR/directory"
run_pid1 126 "$T_DIR/directory"
assert_contains "$(cat "$T_DIR/err")" \
    "pgfit: ERROR: cannot run command '$T_DIR/directory': Permission denied" "directory"
printf 'echo hi\n' >"$T_DIR/not-executable"
run_pid1 126 "$T_DIR/not-executable"

# docker run IMAGE echo hi: exactly "hi" on stdout, nothing from pgfit anywhere.
run_pid1 0 echo hi
assert_eq "$(od -c "$T_DIR/out")" "$(printf 'hi\n' | od -c)" "stdout of pgfit echo hi"
assert_eq "$(cat "$T_DIR/err")" "pidns: exited 0" "stderr of pgfit echo hi"

# The same codes when pgfit is not PID 1 (a child subreaper).
status=0
"$PGFIT" "$PAYLOAD" exit 77 || status=$?
assert_eq "$status" 77 "exit code as a subreaper"
status=0
"$PGFIT" "$PAYLOAD" raise TERM || status=$?
assert_eq "$status" 143 "signal as a subreaper"
