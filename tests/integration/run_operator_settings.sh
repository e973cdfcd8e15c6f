#!/usr/bin/env bash
# The operator's settings win over tuned ones: a value given with -c on the command line, or
# set with ALTER SYSTEM (postgresql.auto.conf), is what postgres uses, pgfit passes no tuned
# flag of that name, and the log says whose value was kept. Needs the tuner: skipped while
# pgfit passes no tuned shared_buffers.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces, the postgres user"

new_pgdata "$T_DIR/data"
stop_server() { kill -s INT "$INIT"; finish "$1"; assert_eq "$STATUS" 0 "$1: exit status"; }
# The postmaster's command line, one argument a line.
postmaster_args() { tr '\0' '\n' <"/proc/$(postmaster_of "$INIT")/cmdline"; }
tuned_value() { postmaster_args | sed -n "s/^$1=//p" | head -1; }

start_server tuned POSTGRES_MEMORY=1GB
tuned_shared_buffers=$(tuned_value shared_buffers)
tuned_work_mem=$(tuned_value work_mem)
stop_server tuned
[ -n "$tuned_shared_buffers" ] || skip "the tuner passes no shared_buffers yet (no tuned -c flags)"
[ "$tuned_shared_buffers" != 77MB ] || fail "the test's value must differ from the tuned one"
note "tuned with POSTGRES_MEMORY=1GB: shared_buffers=$tuned_shared_buffers work_mem=$tuned_work_mem"

# -c on the command line.
start_server flag POSTGRES_MEMORY=1GB -- -c shared_buffers=77MB
assert_eq "$(postmaster_args | grep -c '^shared_buffers=')" 1 "shared_buffers flags passed"
assert_eq "$(psql_sock 'show shared_buffers')" 77MB "shared_buffers in use"
assert_contains "$(cat "$T_DIR/flag.err")" \
    "pgfit: shared_buffers: keeping the operator's 77MB (command line '-c shared_buffers=77MB') instead of the tuned $tuned_shared_buffers" \
    "pgfit's log"
# ALTER SYSTEM, picked up at the next start.
psql_sock "alter system set shared_buffers = '88MB'"
[ -z "$tuned_work_mem" ] || psql_sock "alter system set work_mem = '7MB'"
stop_server flag

start_server altered POSTGRES_MEMORY=1GB
assert_eq "$(postmaster_args | grep -c '^shared_buffers=')" 0 "shared_buffers flags passed"
assert_eq "$(psql_sock 'show shared_buffers')" 88MB "shared_buffers in use"
log=$(cat "$T_DIR/altered.err")
assert_contains "$log" \
    "pgfit: shared_buffers: keeping the operator's 88MB ($T_DIR/data/postgresql.auto.conf:3 (ALTER SYSTEM)) instead of the tuned $tuned_shared_buffers" \
    "pgfit's log"
if [ -n "$tuned_work_mem" ]; then
    assert_eq "$(psql_sock 'show work_mem')" 7MB "work_mem in use"
    assert_eq "$(grep -c "pgfit: work_mem: keeping the operator's 7MB" <<<"$log")" 1 "work_mem logged once"
fi
stop_server altered

# POSTGRES_SKIP_AUTOCONFIG=true: no tuned flag at all.
start_server skipped POSTGRES_MEMORY=1GB POSTGRES_SKIP_AUTOCONFIG=true
assert_eq "$(postmaster_args | grep -c '^-c$')" 1 "-c flags with POSTGRES_SKIP_AUTOCONFIG=true"
stop_server skipped
