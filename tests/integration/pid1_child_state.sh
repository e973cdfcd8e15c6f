#!/usr/bin/env bash
# What pgfit's child inherits, whatever pgfit itself inherited: an empty signal mask, no
# ignored signal, no descriptor above 2, its own process group — started by a parent that
# ignores and blocks signals and leaves a descriptor open (tini's sigconf test, inverted:
# pgfit gives its children a clean state on purpose).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces"

# posix_spawn leaves the C library's two internal signals (32 and 33, below the SIGRTMIN that
# programs see) ignored, as for any program glibc's posix_spawn starts; glibc sets their handlers
# itself when it needs them.
state_of() { # file
    local line
    while IFS= read -r line; do
        if [[ $line == "SigIgn: "* ]]; then
            printf 'SigIgn: %016x\n' $((0x${line#SigIgn: } & ~0x180000000))
        else
            printf '%s\n' "$line"
        fi
    done <"$1"
}

expected_state() { # parent-pid
    printf 'SigBlk: 0000000000000000\nSigIgn: 0000000000000000\nfds: 0 1 2\n'
    printf 'group leader: yes\nppid: %s\n' "$1"
}

exec 7</dev/null 9>"$T_DIR/leaked"
"$PIDNS" --ignore INT,QUIT,TTOU,USR1,PIPE --block TERM,TTIN,USR2,HUP -- \
    "$PGFIT" "$PAYLOAD" state >"$T_DIR/state" 2>"$T_DIR/err" || fail "pgfit failed: $(cat "$T_DIR/err")"
assert_eq "$(state_of "$T_DIR/state")" "$(expected_state 1)" "child state under pgfit as PID 1"

# Not PID 1: the same, from a shell's background job (which ignores INT and QUIT).
set +m
"$PGFIT" "$PAYLOAD" state >"$T_DIR/state" 2>"$T_DIR/err" &
pgfit_pid=$!
wait "$pgfit_pid" || fail "pgfit failed: $(cat "$T_DIR/err")"
assert_eq "$(state_of "$T_DIR/state")" "$(expected_state "$pgfit_pid")" "child state under pgfit as a subreaper"
exec 7<&- 9>&-
