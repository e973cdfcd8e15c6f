#!/usr/bin/env bash
# Orphans are reaped: 100 short-lived orphans made through nsenter (a `docker exec` session)
# leave no zombie in a namespace whose PID 1 is pgfit; the same burst under a PID 1 that does
# not reap leaves 100 (the negative control: this test can fail). As a subreaper outside any
# namespace, pgfit adopts and reaps its descendants' orphans the same way.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces and nsenter"

no_running_sleep() { [ "$(sleep_states "$INIT" | cut -d' ' -f1)" = 0 ]; }

# pgfit as PID 1; its own child is a long-running payload, the orphans are `sleep`s.
start_pid1 reaping "$PGFIT" "$PAYLOAD" signals "$T_DIR/got"
wait_until 30 grep -q '^ready' "$T_DIR/got" || fail "payload did not start"
make_orphans "$INIT" 100
wait_until 60 no_running_sleep || fail "orphans still running: $(sleep_states "$INIT")"
assert_eq "$(sleep_states "$INIT")" "0 0" "running and zombie sleeps under pgfit"
assert_eq "$(zombies_in "$INIT")" 0 "zombies under pgfit"
kill -s TERM "$INIT"
finish reaping
assert_eq "$STATUS" 143 "pgfit's exit status"

# Negative control: the payload as PID 1 never waits for anything.
start_pid1 control "$PAYLOAD" signals "$T_DIR/control"
wait_until 30 grep -q '^ready' "$T_DIR/control" || fail "control payload did not start"
make_orphans "$INIT" 100
wait_until 60 no_running_sleep || fail "control orphans still running: $(sleep_states "$INIT")"
assert_eq "$(sleep_states "$INIT")" "0 100" "running and zombie sleeps under a non-reaping PID 1"
kill -s KILL "$INIT"
finish control

# pgfit as a subreaper: its child's children become pgfit's orphans and are reaped.
"$PGFIT" sh -c "for i in \$(seq 100); do (sleep 0.\$((i % 9 + 1)) &); done; exec '$PAYLOAD' signals '$T_DIR/sub'" \
    2>"$T_DIR/subreaper.err" &
pgfit_pid=$!
on_exit "kill -KILL $pgfit_pid 2>/dev/null"
wait_until 30 grep -q '^ready' "$T_DIR/sub" || fail "payload did not start"
adopted=$(ps -o pid= --ppid "$pgfit_pid" | wc -l)
[ "$adopted" -gt 1 ] || fail "no orphan was adopted by pgfit (children: $adopted)"
children_states() { ps -o stat=,comm= --ppid "$pgfit_pid" | sort | uniq -c | tr -s ' '; }
wait_until 60 sh -c "[ \"\$(ps -o pid= --ppid $pgfit_pid | wc -l)\" = 1 ]" ||
    fail "pgfit's children: $(children_states)"
assert_not_contains "$(children_states)" " Z" "zombie children of pgfit"
kill -s TERM "$pgfit_pid"
status=0
wait "$pgfit_pid" || status=$?
assert_eq "$status" 143 "pgfit's exit status as a subreaper"
