#!/usr/bin/env bash
# A stop signal during the first start (docker-library/postgres#1207): SIGTERM while an init
# script sleeps ends the script's process group, fast-stops the temporary server (its log says
# it shut down), writes no completion marker and exits 143; the same while a .sql statement runs
# (the query is cancelled). The next start refuses with the recovery message; with
# PGFIT_REINIT_INCOMPLETE=true the half-initialised content is moved aside and init succeeds.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

FLAGS=$T_DIR/flags
mkdir -p "$FLAGS"
chmod 777 "$FLAGS"
cat >"$USER_DIR/10-sleep.sh" <<SH
#!/bin/sh
trap 'touch $FLAGS/script-got-term; exit 143' TERM
touch $FLAGS/script-sleeping
sleep 300 &
wait
SH
chmod 755 "$USER_DIR/10-sleep.sh"

start_pgfit stopped POSTGRES_PASSWORD=pw
wait_until 120 test -e "$FLAGS/script-sleeping" || fail "the script did not start: $(tail "$T_DIR/stopped.log")"
kill -TERM "$PGFIT_PID"
finish stopped 60
assert_eq "$STATUS" 143 "exit code after SIGTERM during init"
log=$(cat "$T_DIR/stopped.log")
[ -e "$FLAGS/script-got-term" ] || fail "the running script did not get SIGTERM"
assert_contains "$log" "received fast shutdown request" "temporary server fast-stopped"
assert_contains "$log" "database system is shut down" "temporary server shut down cleanly"
assert_contains "$log" "pgfit: ERROR: initialisation interrupted by SIGTERM; PGDATA keeps its in-progress marker" \
    "interruption message"
assert_not_contains "$log" "init process complete" "no completion line"
assert_eq "$(marker_state)" "state=in-progress" "marker after the stop"

note "the next start refuses"
run_pgfit refused POSTGRES_PASSWORD=pw
assert_eq "$STATUS" 1 "exit code on a half-initialised PGDATA"
assert_contains "$(cat "$T_DIR/refused.log")" "set PGFIT_REINIT_INCOMPLETE=true" "recovery hint"

note "PGFIT_REINIT_INCOMPLETE=true"
printf '#!/bin/sh\ntrue\n' >"$USER_DIR/10-sleep.sh"
echo "CREATE TABLE after_reinit (x int);" >"$USER_DIR/20-table.sql"
start_pgfit reinit POSTGRES_PASSWORD=pw PGFIT_REINIT_INCOMPLETE=true
wait_ready_tcp reinit
assert_eq "$(sql_as postgres pw postgres 'SELECT count(*) FROM after_reinit')" 0 "init ran again"
stop_pgfit reinit
assert_eq "$(marker_state)" "state=complete" "marker after the re-init"
aside=$(ls -d "$PGDATA_DIR"/pgfit-incomplete-* 2>/dev/null | head -1)
[ -n "$aside" ] && [ -s "$aside/PG_VERSION" ] && [ -e "$aside/pgfit-init.state" ] ||
    fail "the half-initialised content was not moved aside: $(ls "$PGDATA_DIR")"
assert_contains "$(cat "$T_DIR/reinit.log")" "PGFIT_REINIT_INCOMPLETE=true: moved the half-initialised cluster to '$aside'" \
    "move-aside log line"

note "a stop while a statement runs"
rm -rf "$PGDATA_DIR" "$USER_DIR"/*
printf "SELECT pg_sleep(300);\n" >"$USER_DIR/10-slow.sql"
start_pgfit slowsql POSTGRES_PASSWORD=pw
# Seen through the temporary server's private socket (root may enter its 0700 directory).
statement_running() {
    local socket
    socket=$(ls -d "$SOCKET_DIR"/pgfit-init.* 2>/dev/null | head -1)
    [ -n "$socket" ] && [ "$("$PGBIN/psql" -X -A -t -h "$socket" -p "$PORT" -U postgres -d postgres \
        -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(300);'")" = 1 ]
}
wait_until 120 statement_running || fail "the slow statement did not start"
kill -TERM "$PGFIT_PID"
finish slowsql 60
assert_eq "$STATUS" 143 "exit code after SIGTERM during a statement"
assert_contains "$(cat "$T_DIR/slowsql.log")" "database system is shut down" "temporary server shut down"
assert_eq "$(marker_state)" "state=in-progress" "marker after the stop"
