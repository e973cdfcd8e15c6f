#!/usr/bin/env bash
# pgfit as PID 1 forwards signals to its child exactly once (a payload writes down each one it
# gets), never the job-control stops, and passes the child's death by TERM/INT/QUIT on as
# 128 + n. A signal that arrives right after pgfit has blocked signals, before its child
# exists, is not lost.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces"

got="$T_DIR/got"
# Whether the namespace init has no signal pending any more (pgfit has read them all).
nothing_pending() { grep -q '^ShdPnd:\s*0*$' "/proc/$INIT/status"; }

start_pid1 signals "$PGFIT" "$PAYLOAD" signals "$got"
wait_until 30 grep -q '^ready pid=' "$got" || fail "payload did not start"
for signal in HUP USR1 USR2 WINCH ALRM; do
    kill -s "$signal" "$INIT"
    wait_until 30 grep -qx "$signal" "$got" || fail "$signal did not reach the child"
done
for signal in TSTP TTIN TTOU; do
    kill -s "$signal" "$INIT"
done
wait_until 30 nothing_pending || fail "pgfit did not read TSTP/TTIN/TTOU"
kill -s USR1 "$INIT"
two_usr1() { [ "$(grep -cx USR1 "$got")" -eq 2 ]; }
wait_until 30 two_usr1 || fail "second USR1 did not arrive"
kill -s TERM "$INIT"
finish signals
assert_eq "$STATUS" 143 "exit status after TERM"
# PID 2: the payload is pgfit's first child in a fresh namespace.
assert_eq "$(cat "$got")" "$(printf 'ready pid=2\nHUP\nUSR1\nUSR2\nWINCH\nALRM\nUSR1\nTERM')" \
    "signals the child received, in order, each once"

for signal in INT QUIT; do
    rm -f "$got"
    start_pid1 "$signal" "$PGFIT" "$PAYLOAD" signals "$got"
    wait_until 30 grep -q '^ready' "$got" || fail "payload did not start"
    kill -s "$signal" "$INIT"
    finish "$signal"
    assert_eq "$STATUS" $((128 + $(kill -l "$signal"))) "exit status after $signal"
done

# As soon as pgfit has blocked its signals (maybe before it has started its child): TERM
# must still reach the child (which dies of it: it has no handler yet, or the payload's).
blocked() { ! grep -q '^SigBlk:\s*0*$' "/proc/$INIT/status"; }
rm -f "$got"
start_pid1 early "$PGFIT" "$PAYLOAD" signals "$got"
wait_until 30 blocked || fail "pgfit never blocked its signals"
kill -s TERM "$INIT"
finish early
assert_eq "$STATUS" 143 "exit status after an early TERM"
