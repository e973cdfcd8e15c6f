#!/usr/bin/env bash
# A postmaster.pid left by an unclean stop, whose PID now belongs to another live process of the
# postgres user in the new container (PID reuse: entrypoint/cluster/pidfile.hpp), must not block the start: pgfit
# sees that the process does not work in PGDATA and names it in PG_GRANDPARENT_PID, so postgres
# ignores it (without this, postgres stops with "lock file "postmaster.pid" already exists").
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

start_pgfit first POSTGRES_PASSWORD=pw
wait_ready_tcp first
stop_pgfit first

# In the new namespace a postgres-owned `sleep` takes a PID, and the "old" pidfile names it.
BEFORE_PGFIT="
    ${AS_POSTGRES[*]} sleep 600 &
    until [ \"\$(cat /proc/\$!/comm)\" = sleep ]; do :; done # setpriv has become postgres's sleep
    printf '%s\n%s\n1700000000\n$PORT\n/var/run/postgresql\n*\n  5432001 999999999\nready   \n' \
        \$! '$PGDATA_DIR' >'$PGDATA_DIR/postmaster.pid'
    echo \$! >'$T_DIR/sleep.pid'"
start_pgfit second POSTGRES_PASSWORD=pw
wait_until 30 test -s "$T_DIR/sleep.pid" || fail "the stand-in process did not start"
stale=$(cat "$T_DIR/sleep.pid")
wait_ready_tcp second
assert_eq "$(sql_as postgres pw postgres 'SELECT 1')" 1 "server up despite the stale pidfile"
stop_pgfit second
log=$(cat "$T_DIR/second.log")
assert_contains "$log" "pgfit: postmaster.pid names process $stale, which is alive but not a server of this data directory (a PID reused after an unclean stop); postgres is told to ignore it" \
    "stale pidfile log line"
assert_not_contains "$log" "already exists" "postgres's lock file error"
