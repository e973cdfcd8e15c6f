#!/usr/bin/env bash
# Backups in Docker with a posix repository on its own volume: a database under pgbench load
# archives through pgBackRest (PGFIT_BACKUP_RPO=30s: archive_timeout 24 s) with one full
# backup, is killed with SIGKILL at a random moment, and the latest state is restored into a
# new volume (PGFIT_RESTORE=latest). Measured and printed: the loss (RPO: the kill time minus
# the last restored commit, asserted under archive_timeout + 15 s) and the time to restore
# (RTO: docker run to a promoted server answering).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name repo repo
e2e_name data data
e2e_name data2 data2
e2e_name db db
e2e_name restored restored
docker volume create "$repo" >/dev/null
docker volume create "$data" >/dev/null
docker volume create "$data2" >/dev/null
BACKUP=(-e POSTGRES_PASSWORD=secret -e PGBACKREST_REPO1_PATH=/backups -e PGFIT_BACKUP_RPO=30s
    -v "$repo:/backups")

start_postgres "$db" --memory 1g "${BACKUP[@]}" -v "$data:$E2E_VOLUME" "$E2E_IMAGE"
wait_ready "$db"
wait_until 120 sh -c "docker logs '$db' 2>&1 | grep -q 'backup: check finished'" ||
    fail "no successful check: $(docker_logs "$db" | grep backup: )"
assert_eq "$(psql_in "$db" -c 'SHOW archive_timeout')" 24s "archive_timeout"
psql_in "$db" -c "CREATE TABLE ticks (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())"
docker exec -u postgres "$db" pgbench -i -s 5 -q postgres >/dev/null 2>&1 || fail "pgbench -i"
# A full backup by `docker exec`, with the peak resident memory of pgBackRest's processes
# sampled every 0.2 s (the budget: they live beside postgres inside the container's limit).
peak_kib=$(docker exec "$db" sh -c '
    pgfit backup full >/tmp/full.log 2>&1 & backup=$!
    peak=0
    while kill -0 $backup 2>/dev/null; do
        sum=0
        for p in /proc/[0-9]*; do
            [ "$(cat $p/comm 2>/dev/null)" = pgbackrest ] || continue
            rss=$(sed -n "s/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p" $p/status 2>/dev/null)
            sum=$((sum + ${rss:-0}))
        done
        [ $sum -gt $peak ] && peak=$sum
        sleep 0.2
    done
    wait $backup || { cat /tmp/full.log >&2; exit 1; }
    echo $peak') || fail "pgfit backup full failed"
echo "pgBackRest's peak resident memory during a full backup (process-max=1): $((peak_kib / 1024)) MiB"
assert_contains "$(docker exec "$db" pgfit backup list)" "full backup:" "the full backup is listed"
printf 'INSERT INTO ticks DEFAULT VALUES;\n' >"$T_DIR/tick.sql"
docker cp "$T_DIR/tick.sql" "$db:/tmp/tick.sql"
# TPC-B-like load, and a commit every 50 ms whose time the restore is measured against.
docker exec -u postgres -d "$db" pgbench -n -c 2 -T 300 postgres
docker exec -u postgres -d "$db" pgbench -n -c 1 -R 20 -T 300 -f /tmp/tick.sql postgres
sleep $((40 + RANDOM % 40))
killed_at=$(date +%s.%N)
docker kill -s KILL "$db" >/dev/null
note "killed under load at $(date -u -d "@${killed_at%.*}" +%T)"

started=$(date +%s.%N)
start_postgres "$restored" --memory 1g "${BACKUP[@]}" -e PGFIT_RESTORE=latest \
    -v "$data2:$E2E_VOLUME" "$E2E_IMAGE"
wait_ready "$restored" 600
promoted() { [ "$(psql_in "$restored" -c 'SELECT pg_is_in_recovery()')" = f ]; }
wait_until 600 promoted || fail "not promoted: $(docker_logs "$restored" | tail -30)"
ready_at=$(date +%s.%N)
last=$(psql_in "$restored" -c "SELECT extract(epoch FROM max(at)) FROM ticks")
rows=$(psql_in "$restored" -c "SELECT count(*) FROM ticks")
loss=$(echo "$killed_at - $last" | bc)
rto=$(echo "$ready_at - $started" | bc)
echo "RPO: lost the last $(printf '%.1f' "$loss") s of commits ($rows ticks restored; archive_timeout 24 s)"
echo "RTO: $(printf '%.1f' "$rto") s from docker run to a promoted server ($(docker_logs "$restored" | grep -o 'restored the backup in [0-9.]* s'))"
[ "$(echo "$loss < 39" | bc)" = 1 ] || fail "lost $loss s of commits, more than archive_timeout + 15 s"
[ "$(echo "$loss > 0" | bc)" = 1 ] || fail "the last restored commit ($last) is after the kill ($killed_at)"
assert_contains "$(docker_logs "$restored")" "restored the backup in" "the restore's line"
