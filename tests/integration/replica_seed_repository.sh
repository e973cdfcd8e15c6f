#!/usr/bin/env bash
# A replica seeded from the real pgBackRest repository instead of pg_basebackup (PGFIT_REPLICA_SEED):
# a plain PostgreSQL 15 primary archives through pgBackRest and has one full backup; the real
# pgfit with POSTGRES_REPLICATION_ROLE=replica and the same repository restores the newest
# backup as a standby, replays the WAL archived after it from the repository, then streams
# through the slot. A repository without a backup falls back to pg_basebackup (auto) or fails
# the start (repository); a repository of another database system fails the start, naming both
# system identifiers; bad values and PGFIT_RESTORE on a replica are refused with exit 2. A
# standby takes no backups until it is promoted; then its stanza-create and check run.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/replica_primary.sh"
command -v pgbackrest >/dev/null || skip "pgbackrest is not installed"

PGBR=$T_DIR/pgbackrest
mkdir -p "$PGBR/lock" "$PGBR/log"
# backrest_conf NAME REPO DATA PORT SOCKET — a pgbackrest.conf for a plain server, stanza itest.
backrest_conf() {
    mkdir -p "$2"
    cat >"$PGBR/$1.conf" <<EOF
[global]
repo1-path=$2
lock-path=$PGBR/lock
log-path=$PGBR/log
log-level-file=off
start-fast=y
[itest]
pg1-path=$3
pg1-port=$4
pg1-socket-path=$5
EOF
    chown -R postgres: "$PGBR" "$2"
}
backrest() { as_postgres pgbackrest --config="$PGBR/$1.conf" --stanza=itest "${@:2}"; }

backrest_conf primary "$T_DIR/repo" "$PRIMARY_DATA" "$PRIMARY_PORT" "$PRIMARY_SOCKET"
init_primary -c archive_mode=on \
    -c "archive_command='pgbackrest --config=$PGBR/primary.conf --stanza=itest archive-push %p'"
primary_sql -c "CREATE TABLE seeded (x text); INSERT INTO seeded VALUES ('in the backup')"
backrest primary stanza-create >"$T_DIR/stanza.out" 2>&1 || fail "stanza-create: $(cat "$T_DIR/stanza.out")"
backrest primary backup --type=full >"$T_DIR/backup.out" 2>&1 || fail "backup: $(cat "$T_DIR/backup.out")"
primary_sql -c "INSERT INTO seeded VALUES ('archived after the backup')"
segment=$(primary_sql -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
primary_sql -c "SELECT pg_switch_wal()" >/dev/null
archived() { [[ ! "$(primary_sql -c 'SELECT last_archived_wal FROM pg_stat_archiver')" < "$segment" ]]; }
wait_until 60 archived || fail "the WAL after the backup was not archived: $(primary_sql -c 'SELECT * FROM pg_stat_archiver')"
SEED_ENV=("${REPLICA_ENV[@]}" PGBACKREST_STANZA=itest)

note "auto: the standby is restored from the repository, replays the archive, then streams"
start_pgfit seed "${SEED_ENV[@]}" PGBACKREST_REPO1_PATH="$T_DIR/repo"
wait_ready_tcp seed
log=$(cat "$T_DIR/seed.log")
assert_contains "$log" "seeding the standby from the newest backup of stanza 'itest' in the pgBackRest repository" \
    "the seed line"
assert_contains "$log" "seeded the standby from the pgBackRest repository in " "the seed's end"
assert_not_contains "$log" "with pg_basebackup through slot" "no pg_basebackup"
assert_contains "$log" "from archive" "WAL replayed from the repository (restore_command)"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" t "the replica is a standby"
assert_contains "$(cat "$PGDATA_DIR/pgfit-init.state")" "copied-by=pgbackrest-restore" "the marker"
wait_until 60 streaming || fail "the seeded replica does not stream: $(tail -20 "$T_DIR/seed.log")"
primary_sql -c "INSERT INTO seeded VALUES ('streamed')"
all_rows() { [ "$(sql_super postgres "SELECT string_agg(x, ',' ORDER BY x) FROM seeded")" = "archived after the backup,in the backup,streamed" ]; }
wait_until 60 all_rows || fail "rows on the replica: $(sql_super postgres 'SELECT string_agg(x, $$,$$) FROM seeded')"
auto_conf=$(cat "$PGDATA_DIR/postgresql.auto.conf")
assert_contains "$auto_conf" "primary_slot_name = 'replica1'" "the slot in postgresql.auto.conf"
assert_contains "$auto_conf" "restore_command = 'pgbackrest --config=$PGDATA_DIR/pgfit-pgbackrest/pgbackrest.conf --stanza=itest archive-get %f \"%p\"'" \
    "postgresql.auto.conf's restore_command is the server's, for PGDATA"
assert_not_contains "$(cat "$T_DIR/seed.log")" "backup: stanza-create started" "a standby's backups"

note "promoted, the standby takes the primary's part in the repository without a restart"
sql_super postgres "SELECT pg_promote()" >/dev/null
checked() { grep -q "backup: check finished" "$T_DIR/seed.log"; }
wait_until 120 checked || fail "no stanza-create and check after the promotion: $(grep backup: "$T_DIR/seed.log")"
assert_contains "$(cat "$T_DIR/seed.log")" "backup: stanza-create finished" "stanza-create after the promotion"
assert_eq "$(sql_super postgres 'SELECT pg_is_in_recovery()')" f "the promoted replica"
stop_pgfit seed

note "auto with a repository that holds no backup: pg_basebackup"
new_cluster
backrest_conf empty "$T_DIR/empty-repo" "$PRIMARY_DATA" "$PRIMARY_PORT" "$PRIMARY_SOCKET"
backrest empty stanza-create >"$T_DIR/empty.out" 2>&1 || fail "stanza-create: $(cat "$T_DIR/empty.out")"
start_pgfit fallback "${SEED_ENV[@]}" PGBACKREST_REPO1_PATH="$T_DIR/empty-repo"
wait_ready_tcp fallback
assert_logged fallback WARNING "cannot seed the standby from the pgBackRest repository: stanza 'itest' holds no backup (error (no valid backups)); cloning primary 127.0.0.1:$PRIMARY_PORT with pg_basebackup instead" \
    "the fallback"
assert_contains "$(cat "$T_DIR/fallback.log")" "cloned primary 127.0.0.1:$PRIMARY_PORT in " "the clone"
assert_contains "$(cat "$PGDATA_DIR/pgfit-init.state")" "copied-by=pg_basebackup" "the marker"
stop_pgfit fallback

note "repository: no backup fails the start"
new_cluster
run_pgfit strict "${SEED_ENV[@]}" PGBACKREST_REPO1_PATH="$T_DIR/empty-repo" PGFIT_REPLICA_SEED=repository
assert_eq "$STATUS" 1 "exit code without a backup to seed from"
assert_contains "$(cat "$T_DIR/strict.log")" "PGFIT_REPLICA_SEED: repository: cannot seed the standby from the pgBackRest repository: stanza 'itest' holds no backup" \
    "the failure"
[ ! -e "$PGDATA_DIR/PG_VERSION" ] || fail "a failed seed left a cluster behind"

note "a backup of another database system fails the start, naming both"
new_cluster
OTHER_DATA=$T_DIR/other
OTHER_PORT=$(free_port)
pg_server_init "$OTHER_DATA" "$T_DIR/other.log"
pg_server_start "$OTHER_DATA" "$T_DIR/other.log" "$OTHER_PORT" "$T_DIR/other-socket" \
    -c archive_mode=on -c "archive_command='pgbackrest --config=$PGBR/other.conf --stanza=itest archive-push %p'"
backrest_conf other "$T_DIR/other-repo" "$OTHER_DATA" "$OTHER_PORT" "$T_DIR/other-socket"
backrest other stanza-create >"$T_DIR/other.out" 2>&1 || fail "stanza-create: $(cat "$T_DIR/other.out")"
backrest other backup --type=full >>"$T_DIR/other.out" 2>&1 || fail "backup: $(cat "$T_DIR/other.out")"
pg_server_stop "$OTHER_DATA"
other_id=$(LC_ALL=C "$PGBIN/pg_controldata" -D "$OTHER_DATA" | sed -n 's/^Database system identifier: *//p')
primary_id=$(LC_ALL=C "$PGBIN/pg_controldata" -D "$PRIMARY_DATA" | sed -n 's/^Database system identifier: *//p')
run_pgfit foreign "${SEED_ENV[@]}" PGBACKREST_REPO1_PATH="$T_DIR/other-repo"
assert_eq "$STATUS" 1 "exit code for another system's backup"
assert_contains "$(cat "$T_DIR/foreign.log")" "PGFIT_REPLICA_SEED: the pgBackRest repository's backup is of database system $other_id, but primary 127.0.0.1:$PRIMARY_PORT is system $primary_id" \
    "the mismatch"
[ ! -e "$PGDATA_DIR/PG_VERSION" ] || fail "the foreign copy was left behind"

note "bad values: exit 2, naming the variable"
run_pgfit badseed "${SEED_ENV[@]}" PGBACKREST_REPO1_PATH="$T_DIR/repo" PGFIT_REPLICA_SEED=sometimes
assert_eq "$STATUS" 2 "exit code for an unknown seed"
assert_contains "$(cat "$T_DIR/badseed.log")" "PGFIT_REPLICA_SEED: 'sometimes' is not a seed" "the unknown seed"
run_pgfit norepo "${SEED_ENV[@]}" PGFIT_REPLICA_SEED=repository
assert_eq "$STATUS" 2 "exit code for a seed without a repository"
assert_contains "$(cat "$T_DIR/norepo.log")" "PGFIT_REPLICA_SEED: repository needs a pgBackRest repository" \
    "the missing repository"
run_pgfit replica_restore "${SEED_ENV[@]}" PGBACKREST_REPO1_PATH="$T_DIR/repo" PGFIT_RESTORE=latest
assert_eq "$STATUS" 2 "exit code for PGFIT_RESTORE on a replica"
assert_contains "$(cat "$T_DIR/replica_restore.log")" "PGFIT_RESTORE: a replica follows its primary" \
    "the restore a replica cannot do"
[ ! -e "$PGDATA_DIR/PG_VERSION" ] || fail "a refused start left a cluster behind"
