#!/usr/bin/env bash
# A fast shutdown that cannot finish becomes an immediate one after PGFIT_STOP_TIMEOUT: a
# backend stopped with SIGSTOP never answers the postmaster's SIGTERM, so the fast shutdown
# waits for it forever; pgfit sends SIGQUIT when the timeout has passed, and postgres
# (immediate shutdown) SIGKILLs the stuck backend and exits.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces, the postgres user"

new_pgdata "$T_DIR/data"
# No collation check on this cluster's first pgfit start: its temporary server's shutdown
# checkpoint would be in the log this test reads.
start_server stuck PGFIT_STOP_TIMEOUT=2 PGFIT_REFRESH_COLLATION=off

as_postgres psql -h "$SOCK" -U postgres -d postgres -Xq -c 'select pg_sleep(300)' >/dev/null 2>&1 &
on_exit "kill $! 2>/dev/null"
backend_pid() { psql_sock "select pid from pg_stat_activity where query like 'select pg_sleep%'"; }
session_started() { [ -n "$(backend_pid)" ]; }
wait_until 30 session_started || fail "session did not start"
# Its PID inside the namespace; the same process seen from here is a child of the postmaster.
postmaster=$(postmaster_of "$INIT")
backend=$(ps -o pid=,args= --ppid "$postmaster" | awk '/postgres: postgres postgres .*SELECT/ {print $1}')
[ -n "$backend" ] || fail "backend not found among $(ps -o pid=,args= --ppid "$postmaster")"
kill -s STOP "$backend"
on_exit "kill -s CONT $backend 2>/dev/null"

kill -s TERM "$INIT"
finish stuck 60
log=$(cat "$T_DIR/stuck.err")
assert_contains "$log" "received fast shutdown request" "server log"
assert_contains "$log" "pgfit: stopping postgres: immediate shutdown (SIGQUIT to process " "pgfit's log"
assert_contains "$log" "received immediate shutdown request" "server log"
assert_not_contains "$log" "sending SIGKILL" "pgfit's log (postmaster itself exited)"
# The fast shutdown never got to its checkpoint.
assert_not_contains "$log" "checkpoint starting: shutdown" "server log"
