#!/usr/bin/env bash
# Backups with the real pgBackRest against the real PostgreSQL (posix repository in $T_DIR):
# pgfit writes pgbackrest.conf (0600, postgres), archives WAL through it (archive_timeout from
# PGFIT_BACKUP_RPO), runs stanza-create and check beside the server, takes the scheduled
# backups (a one-minute schedule), `pgfit backup full|list` works from outside, retention
# keeps PGBACKREST_REPO1_RETENTION_FULL full backups; PGFIT_RESTORE=<time> on an empty PGDATA
# restores exactly the rows committed before that time and promotes, without init scripts; an
# interrupted restore is removed and done again (latest: the newest timeline's end); a
# repository that cannot be reached does not stop the server, and archiving catches up when it
# is back.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
command -v pgbackrest >/dev/null || skip "pgbackrest is not installed"

REPO=$T_DIR/repo
mkdir -p "$REPO"

BACKUP_ENV=(POSTGRES_PASSWORD=secret PGBACKREST_REPO1_PATH="$REPO" PGBACKREST_STANZA=itest
    PGBACKREST_REPO1_RETENTION_FULL=1 PGFIT_BACKUP_RPO=20s)
# `pgfit backup` as `docker exec` runs it: the container's variables, from outside pgfit's PID 1.
pgfit_backup() {
    env -i PATH="$CLEAN_PATH" PGDATA="$PGDATA_DIR" PGFIT_SOCKET_DIR="$SOCKET_DIR" PGPORT="$PORT" \
        "${BACKUP_ENV[@]}" "$PGFIT" backup "$@"
}
logged() { grep -q -F -- "$2" "$T_DIR/$1.log"; }
wait_logged() { # NAME SECONDS TEXT
    wait_until "$2" logged "$1" "$3" || fail "$1: no '$3' within $2 s: $(tail -30 "$T_DIR/$1.log")"
}

note "first start: conf, archiving, stanza-create and check, a scheduled backup"
start_pgfit sched "${BACKUP_ENV[@]}" PGFIT_BACKUP_INCR_SCHEDULE="* * * * *"
wait_ready_tcp sched
conf=$PGDATA_DIR/pgfit-pgbackrest/pgbackrest.conf
assert_eq "$(stat -c '%a %U' "$conf")" "600 postgres" "the conf's mode and owner"
assert_contains "$(cat "$conf")" "repo1-path=$REPO" "the repository in the conf"
assert_eq "$(sql_super postgres 'SHOW archive_mode')" on "archive_mode"
assert_eq "$(sql_super postgres 'SHOW archive_timeout')" 16s "archive_timeout from the 20 s RPO"
assert_contains "$(sql_super postgres 'SHOW archive_command')" "--stanza=itest archive-push %p" \
    "archive_command"
wait_logged sched 60 "backup: stanza-create finished"
wait_logged sched 90 "backup: check finished"
# The schedule fires within the next minute (pgBackRest takes a full one when none exists).
wait_logged sched 150 "backup: incr backup finished in"
assert_contains "$(grep -F 'backup: incr backup finished in' "$T_DIR/sched.log")" ", size " \
    "the backup's size is logged"
stop_pgfit sched
# Without the schedule from here: a manual backup would meet a scheduled one's lock.
start_pgfit primary "${BACKUP_ENV[@]}"
wait_ready_tcp primary

note "pgfit backup full / list from outside; retention keeps one full backup"
sql_super postgres "CREATE TABLE marker (name text PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())"
pgfit_backup full >"$T_DIR/full1.out" 2>&1 || fail "pgfit backup full: $(cat "$T_DIR/full1.out")"
pgfit_backup full >"$T_DIR/full2.out" 2>&1 || fail "pgfit backup full: $(cat "$T_DIR/full2.out")"
list=$(pgfit_backup list)
assert_contains "$list" "stanza: itest" "pgfit backup list names the stanza"
assert_eq "$(grep -c 'full backup:' <<<"$list")" 1 "retention keeps 1 full backup: $list"
status=0
bad=$(pgfit_backup weekly 2>&1) || status=$?
assert_eq "$status" 2 "a bad backup command exits 2"
assert_contains "$bad" "'weekly' is not a backup command" "a bad backup command is named"
# pgBackRest's own lock (flock on <stanza>-backup.lock), held for a few seconds by another process.
as_postgres flock "$PGDATA_DIR/pgfit-pgbackrest/lock/itest-backup.lock" sleep 8 & holder=$!
sleep 1
pgfit_backup full >"$T_DIR/locked.out" 2>&1 || fail "pgfit backup full behind a lock: $(cat "$T_DIR/locked.out")"
wait "$holder"
assert_contains "$(cat "$T_DIR/locked.out")" "another pgBackRest command holds the stanza's lock" \
    "a manual backup waits for the lock"

note "markers at known times, archived"
sql_super postgres "INSERT INTO marker (name) VALUES ('before')"
sleep 1.2
target=$(sql_super postgres "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 1.2
sql_super postgres "INSERT INTO marker (name) VALUES ('after')"
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
segment=$(sql_super postgres "SELECT pg_walfile_name(pg_current_wal_lsn())")
archived() { [[ "$(sql_super postgres 'SELECT last_archived_wal FROM pg_stat_archiver')" > "$1" ]] ||
    [ "$(sql_super postgres 'SELECT last_archived_wal FROM pg_stat_archiver')" = "$1" ]; }
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
wait_until 60 archived "$segment" || fail "the WAL with the markers was not archived: $(sql_super postgres 'SELECT * FROM pg_stat_archiver')"
# The exporter's archiving query (conf/exporter-queries.yaml) on a server that archives.
query=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["pg_archiving"]["query"])' \
    "$PGFIT_SOURCE_DIR/conf/exporter-queries.yaml")
IFS='|' read -r age failing failed pending <<<"$(sql_super postgres "$query")"
assert_eq "$failing" 0 "the exporter: archiving is not failing"
[ "$pending" -ge 0 ] && [ "$pending" -le $((16 * 1024 * 1024)) ] || fail "the exporter: pending_bytes $pending"
[ "${age%.*}" -ge 0 ] && [ "${age%.*}" -lt 60 ] || fail "the exporter: last archived $age s ago"
# The exporter's backup query, as the monitoring role (pg_monitor), after the full backups above.
query=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["pg_backup"]["query"])' \
    "$PGFIT_SOURCE_DIR/conf/exporter-queries.yaml")
sql_super postgres "CREATE ROLE monitor_probe LOGIN; GRANT pg_monitor TO monitor_probe"
IFS='|' read -r at backup_age <<<"$("$PGBIN/psql" -X -At -h "$SOCKET_DIR" -p "$PORT" -U monitor_probe -d postgres -c "$query")"
[ "${backup_age%.*}" -ge 0 ] && [ "${backup_age%.*}" -lt 120 ] ||
    fail "the exporter: the last backup ended '$backup_age' s ago (at '$at')"
stop_pgfit primary

note "PGFIT_RESTORE=<time> on an empty PGDATA: exactly the earlier marker, promoted"
new_cluster
echo "SELECT 1/0;" >"$USER_DIR/fails.sql" # an init script would fail the start: none runs
start_pgfit pitr "${BACKUP_ENV[@]}" PGFIT_RESTORE="$target"
wait_ready_tcp pitr
promoted() { [ "$(sql_super postgres 'SELECT pg_is_in_recovery()')" = f ]; }
wait_until 60 promoted || fail "not promoted: $(tail -30 "$T_DIR/pitr.log")"
assert_eq "$(sql_super postgres "SELECT string_agg(name, ',' ORDER BY name) FROM marker")" before \
    "only the marker before $target"
assert_contains "$(cat "$T_DIR/pitr.log")" "restored the backup in " "the restore's line"
assert_not_contains "$(cat "$T_DIR/pitr.log")" "fails.sql" "no init script runs after a restore"
assert_eq "$(marker_state)" "state=complete" "the marker after a restore"
# stanza-create waits until recovery has fetched its last WAL segment (the new timeline is
# chosen after it): it holds pgBackRest's archive lock, and before pgBackRest 2.59 an archive-get
# that met it waited out archive-timeout (60 s), past this test's wait for the promotion.
wait_logged pitr 30 "backup: stanza-create started"
line_of() { grep -n -m1 -F -- "$1" "$T_DIR/pitr.log" | cut -d: -f1; }
[ "$(line_of "backup: stanza-create started")" -gt "$(line_of "selected new timeline ID")" ] ||
    fail "stanza-create ran during recovery: $(grep -F -e 'stanza-create' -e 'timeline' "$T_DIR/pitr.log")"
wait_logged pitr 30 "backup: stanza-create finished"
# The promoted cluster is a new timeline, archived too: `latest` follows it.
sql_super postgres "INSERT INTO marker (name) VALUES ('on-branch')"
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
segment=$(sql_super postgres "SELECT pg_walfile_name(pg_current_wal_lsn())")
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
wait_until 60 archived "$segment" || fail "the branch's WAL was not archived"
stop_pgfit pitr
start_pgfit again "${BACKUP_ENV[@]}" PGFIT_RESTORE="$target"
wait_ready_tcp again
assert_contains "$(cat "$T_DIR/again.log")" "already holds a cluster: starting it as it is" \
    "a second start does not restore again"
stop_pgfit again

note "an interrupted restore is removed and done again"
new_cluster
mkdir -p "$PGDATA_DIR/base/1"
echo 15 >"$PGDATA_DIR/PG_VERSION"
printf 'state=in-progress\nsource=pgbackrest-restore\ntarget=latest\n' >"$PGDATA_DIR/pgfit-init.state"
chown -R postgres: "$PGDATA_DIR"
start_pgfit redo "${BACKUP_ENV[@]}" PGFIT_RESTORE=latest
wait_ready_tcp redo
assert_contains "$(cat "$T_DIR/redo.log")" "holds what an unfinished restore left" "the leftover is named"
# `latest` ends where the archive ends: the asynchronous archive-get reports the next segment
# missing and recovery promotes.
wait_until 60 promoted || fail "not promoted after latest: $(tail -30 "$T_DIR/redo.log")"
assert_eq "$(sql_super postgres "SELECT string_agg(name, ',' ORDER BY name) FROM marker")" \
    "before,on-branch" "latest: the newest timeline's markers"
stop_pgfit redo

note "a repository that cannot be reached: one warning, the server runs; it recovers when it is back"
new_cluster
gate=$T_DIR/gate
mkdir -m 700 "$gate" # root only: postgres cannot reach the repository inside until it opens
BACKUP_ENV=(POSTGRES_PASSWORD=secret PGBACKREST_REPO1_PATH="$gate/repo" PGFIT_BACKUP_RPO=20s)
start_pgfit norepo "${BACKUP_ENV[@]}"
wait_ready_tcp norepo
wait_logged norepo 90 "backup: stanza-create failed"
assert_contains "$(grep -F 'backup: stanza-create failed' "$T_DIR/norepo.log")" \
    "the server runs on" "the warning says the server runs on"
assert_eq "$(sql_super postgres 'SELECT 1')" 1 "the server answers"
sql_super postgres "CREATE TABLE while_down AS SELECT 1 AS x"
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
segment=$(sql_super postgres "SELECT pg_walfile_name(pg_current_wal_lsn())")
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
chmod 755 "$gate"
wait_logged norepo 120 "backup: stanza-create finished"
wait_until 150 archived "$segment" ||
    fail "the WAL written while the repository was away was not archived: $(sql_super postgres 'SELECT * FROM pg_stat_archiver')"
stop_pgfit norepo
