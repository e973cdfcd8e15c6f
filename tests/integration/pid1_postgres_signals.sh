#!/usr/bin/env bash
# pgfit as PID 1 with the real PostgreSQL 15: SIGHUP reloads; SIGTERM and SIGINT are fast
# shutdowns, SIGQUIT an immediate one; with PGFIT_SMART_TIMEOUT, SIGTERM is a smart shutdown
# first, which a second SIGTERM (or the timeout) turns into a fast one. Exit status 0 after a
# clean shutdown.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces, the postgres user"

new_pgdata "$T_DIR/data"
log_of() { cat "$T_DIR/$1.err"; }

session_open() {
    [ "$(psql_sock "select count(*) from pg_stat_activity where query like 'select pg_sleep%'")" = 1 ]
}
# A session that keeps a smart shutdown waiting.
open_session() {
    as_postgres psql -h "$SOCK" -U postgres -d postgres -Xq -c 'select pg_sleep(300)' \
        >/dev/null 2>&1 &
    on_exit "kill $! 2>/dev/null"
    wait_until 30 session_open ||
        fail "session did not start: $(psql_sock "select count(*), string_agg(query, '|') from pg_stat_activity")"
}

# SIGHUP: reload.
start_server hup
kill -s HUP "$INIT"
wait_until 30 grep -q 'received SIGHUP, reloading configuration files' "$T_DIR/hup.err" ||
    fail "no reload: $(log_of hup)"
assert_contains "$(log_of hup)" "pgfit: received SIGHUP: forwarded to postgres (reload)" "pgfit's log"
psql_sock 'select 1' >/dev/null || fail "server not serving after reload"

# SIGTERM and SIGINT: fast shutdown, exit 0.
for signal in TERM INT; do
    kill -s "$signal" "$INIT"
    finish hup
    assert_eq "$STATUS" 0 "exit status after SIG$signal"
    assert_contains "$(log_of hup)" "pgfit: stopping postgres: fast shutdown (SIGINT to process $POSTMASTER)" "pgfit's log"
    assert_contains "$(log_of hup)" "received fast shutdown request" "server log after SIG$signal"
    assert_contains "$(log_of hup)" "database system is shut down" "server log after SIG$signal"
    assert_contains "$(log_of hup)" "pgfit: postgres (process $POSTMASTER) exited with code 0" "pgfit's log"
    [ "$signal" = INT ] || start_server hup
done

# Smart first; a second SIGTERM moves up to fast while a session still keeps smart waiting.
start_server smart PGFIT_SMART_TIMEOUT=300
open_session
kill -s TERM "$INIT"
wait_until 30 grep -q 'received smart shutdown request' "$T_DIR/smart.err" || fail "no smart shutdown: $(log_of smart)"
runner_done && fail "smart shutdown did not wait for the session"
kill -s TERM "$INIT"
finish smart
assert_eq "$STATUS" 0 "exit status after two SIGTERMs"
assert_contains "$(log_of smart)" "pgfit: received SIGTERM while stopping: moving up one step" "pgfit's log"
assert_contains "$(log_of smart)" "received fast shutdown request" "server log after the second SIGTERM"

# Smart for PGFIT_SMART_TIMEOUT, then fast by itself.
start_server smart_timeout PGFIT_SMART_TIMEOUT=1
open_session
kill -s TERM "$INIT"
finish smart_timeout
assert_eq "$STATUS" 0 "exit status after the smart timeout"
assert_contains "$(log_of smart_timeout)" "received smart shutdown request" "server log"
assert_contains "$(log_of smart_timeout)" "received fast shutdown request" "server log"

# The logging collector outlives postmaster briefly: reaped like any leftover, no SIGKILL.
mkdir "$T_DIR/log"
chown postgres: "$T_DIR/log"
start_server collector -- -c logging_collector=on -c log_directory="$T_DIR/log"
kill -s TERM "$INIT"
finish collector
assert_eq "$STATUS" 0 "exit status with the logging collector"
assert_not_contains "$(log_of collector)" "SIGKILL" "pgfit's log with the logging collector"

# SIGQUIT: immediate shutdown (last: the next start would need crash recovery).
start_server quit
kill -s QUIT "$INIT"
finish quit
assert_contains "$(log_of quit)" "pgfit: stopping postgres: immediate shutdown (SIGQUIT to process" "pgfit's log"
assert_contains "$(log_of quit)" "received immediate shutdown request" "server log after SIGQUIT"
assert_eq "$STATUS" 0 "exit status after SIGQUIT"
