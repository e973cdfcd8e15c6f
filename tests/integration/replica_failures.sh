#!/usr/bin/env bash
# Replica bootstrap when things go wrong, against the real PostgreSQL 15 and the real pgfit:
# bad role variables; an unreachable primary (timeout message); a missing slot; a primary that
# comes up late (one wait line, then the clone) and whose replication user may not read
# shared_preload_libraries; a stop signal while waiting; a half-done clone (removed and
# cloned again, the libraries from the primary's copied record) next to a half-initialised
# primary cluster (never removed); a pg_basebackup that fails, cleaned up and retried within
# the same start.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/replica_primary.sh"

no_cluster() { [ ! -e "$PGDATA_DIR/PG_VERSION" ] || fail "$1: PGDATA holds a cluster"; }

note "bad role variables: exit 2 (bad input) with the variable named"
run_pgfit badrole POSTGRES_REPLICATION_ROLE=standby
assert_eq "$STATUS" 2 "exit code for a bad role"
assert_contains "$(cat "$T_DIR/badrole.log")" 'POSTGRES_REPLICATION_ROLE: "standby" is not a replication role; use primary or replica' \
    "the bad role message"
run_pgfit nohost POSTGRESQL_REPLICATION_MODE=slave POSTGRESQL_REPLICATION_PASSWORD=x
assert_eq "$STATUS" 2 "exit code without a primary host"
assert_contains "$(cat "$T_DIR/nohost.log")" "POSTGRES_PRIMARY_HOST: not set; a replica (POSTGRES_REPLICATION_ROLE=replica) needs the host name or address of its primary" \
    "the missing host message"
no_cluster "after refused starts"

note "unreachable primary: the timeout names host, port, user and libpq's error"
run_pgfit unreachable "${REPLICA_ENV[@]}" PGFIT_PRIMARY_WAIT_TIMEOUT=2s
assert_eq "$STATUS" 1 "exit code after the wait timeout"
log=$(cat "$T_DIR/unreachable.log")
assert_contains "$log" "cannot clone the primary 127.0.0.1:$PRIMARY_PORT as user 'replicator': gave up after 2 s (PGFIT_PRIMARY_WAIT_TIMEOUT); last attempt: primary 127.0.0.1:$PRIMARY_PORT does not answer yet: connection to server at \"127.0.0.1\", port $PRIMARY_PORT failed: Connection refused" \
    "the timeout message"
assert_eq "$(count_lines "$T_DIR/unreachable.log" "waiting for the primary")" 1 "one wait line per kind of failure"
no_cluster "after the timeout"

note "stop signal while waiting: exit 128+15, the next start begins again"
start_pgfit waiting "${REPLICA_ENV[@]}" PGFIT_PRIMARY_WAIT_TIMEOUT=120s
waiting() { grep -q "waiting for the primary" "$T_DIR/waiting.log"; }
wait_until 60 waiting || fail "no wait line: $(cat "$T_DIR/waiting.log")"
kill -TERM "$PGFIT_PID"
finish waiting
assert_eq "$STATUS" 143 "exit code after SIGTERM while waiting"
assert_contains "$(cat "$T_DIR/waiting.log")" "clone of the primary interrupted by SIGTERM; the next start clones again" \
    "the interruption line"
assert_eq "$(marker_state)" "state=in-progress" "the marker after the interruption"

note "a primary that comes up late: the replica waits, then clones"
init_primary
# A replication user that may not read shared_preload_libraries does not stop the clone.
primary_sql -c "REVOKE pg_read_all_settings FROM replicator"
stop_primary
start_pgfit late "${REPLICA_ENV[@]}" PGFIT_PRIMARY_WAIT_TIMEOUT=120s
late_waiting() { grep -q "does not answer yet" "$T_DIR/late.log"; }
wait_until 60 late_waiting || fail "no wait line: $(cat "$T_DIR/late.log")"
start_primary
wait_ready_tcp late
log=$(cat "$T_DIR/late.log")
assert_contains "$log" "removing it and cloning the primary again" "the interrupted wait is cleaned up"
assert_contains "$log" "primary 127.0.0.1:$PRIMARY_PORT is ready for replication as user 'replicator'" \
    "the ready line"
assert_eq "$(count_lines "$T_DIR/late.log" "does not answer yet")" 1 "one line while it was down"
assert_contains "$log" "cannot read the primary's shared_preload_libraries as user 'replicator' (ERROR: must be superuser or have privileges of pg_read_all_settings to examine \"shared_preload_libraries\"): this standby preloads its own list" \
    "the unreadable preload libraries"
assert_eq "$(marker_state)" "state=complete" "the marker after the clone"
wait_until 60 streaming || fail "the late replica does not stream"
stop_pgfit late

note "a half-done clone (killed after moving the copy up) is removed and cloned again"
sed -i 's/^state=complete$/state=in-progress/' "$PGDATA_DIR/pgfit-init.state"
touch "$PGDATA_DIR/pgfit-test-sentinel"
# This time the primary has the record a pgfit primary keeps: the copy brings it along.
printf 'auto_explain\n' >"$PRIMARY_DATA/pgfit-primary-libraries"
start_pgfit reclone "${REPLICA_ENV[@]}"
wait_ready_tcp reclone
assert_contains "$(cat "$T_DIR/reclone.log")" "the primary's shared_preload_libraries 'auto_explain', as its pgfit recorded them (user 'replicator' may not SHOW them" \
    "the copied record is used"
assert_eq "$(sql_super postgres 'SHOW shared_preload_libraries' | cut -d, -f1)" auto_explain \
    "the recorded library comes first"
assert_contains "$(cat "$T_DIR/reclone.log")" "holds what an unfinished clone of the primary left (state=in-progress source=pg_basebackup" \
    "the cleanup line"
[ ! -e "$PGDATA_DIR/pgfit-test-sentinel" ] || fail "the half-done clone was not removed"
assert_eq "$(marker_state)" "state=complete" "the marker after the second clone"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" t "a standby again"
stop_pgfit reclone

note "a half-initialised primary cluster in PGDATA is refused, not removed"
sed -i -e 's/^state=complete$/state=in-progress/' -e '/^source=pg_basebackup$/d' "$PGDATA_DIR/pgfit-init.state"
touch "$PGDATA_DIR/pgfit-test-sentinel"
run_pgfit halfinit "${REPLICA_ENV[@]}"
assert_eq "$STATUS" 1 "exit code for a half-initialised cluster"
assert_contains "$(cat "$T_DIR/halfinit.log")" "holds a cluster whose first-start initialisation did not finish" \
    "the refusal"
[ -e "$PGDATA_DIR/pgfit-test-sentinel" ] && [ -e "$PGDATA_DIR/PG_VERSION" ] || fail "the cluster was touched"
rm -rf "${PGDATA_DIR:?}"/* "$PGDATA_DIR/pgfit-init.state"

note "a missing slot is named"
run_pgfit noslot "${REPLICA_ENV[@]}" POSTGRES_REPLICATION_SLOT=nosuch PGFIT_PRIMARY_WAIT_TIMEOUT=2s
assert_eq "$STATUS" 1 "exit code for a missing slot"
assert_contains "$(cat "$T_DIR/noslot.log")" "last attempt: replication slot 'nosuch' does not exist on primary 127.0.0.1:$PRIMARY_PORT; create it there (SELECT pg_create_physical_replication_slot('nosuch'), or list it in the primary's POSTGRES_REPLICATION_SLOTS) or set POSTGRES_REPLICATION_SLOT to an existing one: READ_REPLICATION_SLOT nosuch returned no slot" \
    "the missing slot message"
no_cluster "after the missing slot"

note "a wrong password is named as a refused replication connection"
printf 'wrong\n' >"$T_DIR/wrong-password"
run_pgfit wrongpw POSTGRES_REPLICATION_ROLE=replica POSTGRES_PRIMARY_HOST=127.0.0.1 \
    POSTGRES_PRIMARY_PORT="$PRIMARY_PORT" POSTGRES_REPLICATION_PASSWORD_FILE="$T_DIR/wrong-password" \
    PGFIT_PRIMARY_WAIT_TIMEOUT=1s
assert_eq "$STATUS" 1 "exit code for a wrong password"
assert_contains "$(cat "$T_DIR/wrongpw.log")" "refuses the replication connection as user 'replicator' (check the password, the role's REPLICATION attribute and a \`host replication\` line in its pg_hba.conf): connection to server at \"127.0.0.1\", port $PRIMARY_PORT failed: FATAL: password authentication failed for user \"replicator\"" \
    "the wrong password message"

note "a failed pg_basebackup is cleaned up and retried within the same start"
# One walsender: the probe fits, pg_basebackup -X stream (two connections) does not.
base_settings=("${PRIMARY_SETTINGS[@]}")
stop_primary
PRIMARY_SETTINGS=("${base_settings[@]}" -c max_wal_senders=1)
start_primary
start_pgfit retry "${REPLICA_ENV[@]}" PGFIT_PRIMARY_WAIT_TIMEOUT=120s
retrying() { grep -q "removed the partial copy, trying again in" "$T_DIR/retry.log"; }
wait_until 60 retrying || fail "no retry line: $(cat "$T_DIR/retry.log")"
stop_primary
PRIMARY_SETTINGS=("${base_settings[@]}")
start_primary
wait_ready_tcp retry
assert_contains "$(cat "$T_DIR/retry.log")" "pg_basebackup failed with exit code 1; removed the partial copy, trying again in" \
    "the failure and the retry"
assert_contains "$(cat "$T_DIR/retry.log")" "cloned primary 127.0.0.1:$PRIMARY_PORT in " "the clone after the retry"
assert_eq "$(marker_state)" "state=complete" "the marker after the retried clone"
[ ! -e "$PGDATA_DIR/pgfit-clone.tmp" ] || fail "the staging directory is left in PGDATA"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" t "a standby after the retry"
wait_until 60 streaming || fail "the retried replica does not stream"
stop_pgfit retry
