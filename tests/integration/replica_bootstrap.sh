#!/usr/bin/env bash
# Replica bootstrap against the real PostgreSQL 15: the real pgfit (PID 1 of a new namespace)
# with POSTGRES_REPLICATION_ROLE=replica and an empty PGDATA clones a running primary with
# pg_basebackup through its slot, streams from it (a row arrives), runs with the primary's
# max_connections although its own memory gives fewer, keeps the replication password out of
# postgresql.auto.conf, every argv and every environment, does not clone again on restart
# (and follows a rotated password and a changed POSTGRES_PRIMARY_HOST), raises an operator's
# too-low value with a warning, and keeps a promoted replica a primary on restart.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/replica_primary.sh"

# More connections than a 512M container gets from the tuner, and values above the defaults.
init_primary -c max_connections=150 -c max_prepared_transactions=3 \
    -c max_locks_per_transaction=128 -c shared_preload_libraries=pg_stat_statements
primary_sql -c "CREATE TABLE replicated (x text); INSERT INTO replicated VALUES ('before the clone')"
tuned_connections=$(env POSTGRES_MEMORY=512M POSTGRES_REPLICATION_ROLE=replica "$PGFIT" plan --format args 2>/dev/null |
    sed -n 's/^-c max_connections=\([0-9]*\)$/\1/p')

note "first start: clone, stream, the primary's settings"
# The password itself in the environment this time, so its scrubbing is what is tested.
direct_env=(POSTGRES_REPLICATION_ROLE=replica POSTGRES_PRIMARY_HOST=127.0.0.1
    POSTGRES_PRIMARY_PORT="$PRIMARY_PORT" POSTGRES_REPLICATION_PASSWORD="$REPLICATION_PASSWORD")
start_pgfit clone "${direct_env[@]}" POSTGRES_MEMORY=512M
wait_ready_tcp clone
log=$(cat "$T_DIR/clone.log")
assert_contains "$log" "with pg_basebackup through slot 'replica1' into '$PGDATA_DIR'" "the clone line"
assert_contains "$log" "cloned primary 127.0.0.1:$PRIMARY_PORT in " "the clone's end"
assert_not_contains "$log" "superuser password is not specified" "a replica needs no POSTGRES_PASSWORD"
assert_not_contains "$log" "running /docker-entrypoint-initdb.d" "no init scripts"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" t "the replica is a standby"
assert_eq "$(sql_super postgres 'SHOW max_connections')" 150 "max_connections is the primary's"
assert_eq "$(sql_super postgres 'SHOW max_prepared_transactions')" 3 "max_prepared_transactions"
assert_eq "$(sql_super postgres 'SHOW max_locks_per_transaction')" 128 "max_locks_per_transaction"
assert_contains "$(sql_super postgres 'SHOW shared_preload_libraries')" pg_stat_statements \
    "the primary's preload libraries"
if [ -n "$tuned_connections" ] && [ "$tuned_connections" -lt 150 ]; then
    assert_contains "$log" "standby: max_connections raised from $tuned_connections (tuned for this container) to 150, the primary's value: a hot standby refuses to start with less than its primary" \
        "the max_connections line"
else
    fail "pgfit plan for 512M gives '$tuned_connections' connections; the test needs fewer than 150"
fi
assert_contains "$log" "standby: planning again with max_connections pinned to 150 (the primary's), so the per-connection memory shrinks to fit" \
    "the re-plan line"
# The re-plan pins max_connections through the tuner's inputs: its origin is the primary, not a
# variable the operator never set, and the plan's summary is logged once.
assert_not_contains "$log" "POSTGRES_MAX_CONNECTIONS" "no operator variable blamed for the primary's value"
assert_contains "$log" "from the primary's max_connections (pg_controldata)" "the re-plan's origin"
assert_eq "$(grep -c 'pgfit: plan for ' <<<"$log")" 1 "one plan summary line"
assert_contains "$log" "standby: max_prepared_transactions raised from 0 (PostgreSQL default) to 3" \
    "the max_prepared_transactions line"
wait_until 60 streaming || fail "the replica does not stream: $(primary_sql -c 'SELECT * FROM pg_stat_replication')"
assert_eq "$(primary_sql -c "SELECT active FROM pg_replication_slots WHERE slot_name = 'replica1'")" t \
    "the slot is in use"
primary_sql -c "INSERT INTO replicated VALUES ('after the clone')"
arrived() { [ "$(sql_super postgres "SELECT count(*) FROM replicated")" = 2 ]; }
wait_until 60 arrived || fail "the row did not reach the replica"

note "the password is in no conf file, argv or environment"
auto_conf=$(cat "$PGDATA_DIR/postgresql.auto.conf")
# primary_conninfo is itself a quoted string in the file, so its inner quotes are doubled.
assert_contains "$auto_conf" "passfile=''$PGDATA_DIR/pgfit-replication.pgpass''" "primary_conninfo names the passfile"
assert_contains "$auto_conf" "application_name=replica1" "application_name is the slot"
assert_not_contains "$auto_conf" "password" "no password in postgresql.auto.conf"
assert_eq "$(stat -c '%a %U' "$PGDATA_DIR/pgfit-replication.pgpass")" "600 postgres" "the passfile's mode and owner"
for proc in /proc/[0-9]*; do
    if grep -qaF -- "$REPLICATION_PASSWORD" "$proc/cmdline" 2>/dev/null; then
        fail "the password is in the argv of $(tr '\0' ' ' <"$proc/cmdline")"
    fi
done
postmaster=$(pgrep -P "$PGFIT_PID" -x postgres)
for pid in "$PGFIT_PID" "$postmaster" $(pgrep -P "$postmaster"); do
    if grep -qaF -- "$REPLICATION_PASSWORD" "/proc/$pid/environ" 2>/dev/null; then
        fail "the password is in the environment of $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline"))"
    fi
done
assert_not_contains "$(cat "$T_DIR/clone.log")" "$REPLICATION_PASSWORD" "no password in the log"
stop_pgfit clone

note "restart with a rotated password and the primary by another name: no second clone, streaming again, operator value raised"
touch "$PGDATA_DIR/pgfit-test-sentinel"
REPLICATION_PASSWORD='rotated:\ pass'
printf '%s\n' "$REPLICATION_PASSWORD" >"$REPLICATION_PASSWORD_FILE"
primary_sql -v "password=$REPLICATION_PASSWORD" <<<"ALTER ROLE replicator PASSWORD :'password';"
# The same primary as "localhost": the standby follows the environment, not the clone's conninfo.
start_pgfit restart "${REPLICA_ENV[@]}" POSTGRES_PRIMARY_HOST=localhost POSTGRES_MEMORY=512M -- \
    -c max_prepared_transactions=1
wait_ready_tcp restart
log=$(cat "$T_DIR/restart.log")
[ -f "$PGDATA_DIR/pgfit-test-sentinel" ] || fail "PGDATA was replaced: the replica was cloned again"
assert_not_contains "$log" "with pg_basebackup" "no second clone"
assert_contains "$log" "PGDATA '$PGDATA_DIR' holds a standby; not cloning again (primary localhost:$PRIMARY_PORT, slot 'replica1')" \
    "the restart line"
assert_contains "$log" "standby: streaming from localhost:$PRIMARY_PORT as user 'replicator', slot 'replica1'" \
    "the followed primary"
assert_contains "$(sql_super postgres 'SHOW primary_conninfo')" "host='localhost' port=$PRIMARY_PORT user='replicator'" \
    "primary_conninfo follows POSTGRES_PRIMARY_HOST"
assert_contains "$log" "standby: max_prepared_transactions raised from 1 (command line '-c max_prepared_transactions=1') to 3" \
    "the operator's value is raised"
assert_eq "$(sql_super postgres 'SHOW max_prepared_transactions')" 3 "max_prepared_transactions after the restart"
assert_eq "$(sql_super postgres 'SHOW max_connections')" 150 "max_connections after the restart"
primary_sql -c "INSERT INTO replicated VALUES ('after the restart')"
arrived() { [ "$(sql_super postgres "SELECT count(*) FROM replicated")" = 3 ]; }
wait_until 60 arrived || fail "the row did not reach the restarted replica: $(tail -20 "$T_DIR/restart.log")"
wait_until 60 streaming || fail "the restarted replica does not stream with the rotated password"

note "a promoted replica stays a primary on restart"
assert_eq "$(sql_super postgres 'SELECT pg_promote()')" t "promotion"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" f "promoted"
stop_pgfit restart
start_pgfit promoted "${REPLICA_ENV[@]}" POSTGRES_MEMORY=512M
wait_ready_tcp promoted
assert_contains "$(cat "$T_DIR/promoted.log")" "PGDATA '$PGDATA_DIR' holds a promoted or primary cluster (no standby.signal): running it as it is, not turning it back into a standby of 127.0.0.1:$PRIMARY_PORT; to follow a primary again, start with an empty PGDATA" \
    "the promoted line"
[ ! -e "$PGDATA_DIR/standby.signal" ] || fail "standby.signal came back"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" f "still a primary after the restart"
sql_super postgres "INSERT INTO replicated VALUES ('written on the promoted node')"
stop_pgfit promoted
