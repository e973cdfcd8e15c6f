#!/usr/bin/env bash
# pgfit's plan against stock defaults and PGTune's web settings, inside a real 1 GiB cgroup
# (v1 memory + cpu controllers, 2 CPUs of quota): (1) pgbench, 8 clients, fixed time, and
# (2) the adversarial load, max_connections - 3 clients each running a large sort plus a hash
# join at once. Reports TPS, the cgroup's OOM kills and memory.failcnt, and postmaster
# restarts (crash recovery after a killed backend). Not part of the test command.
# Usage (as root, PostgreSQL and pgbench installed, pgfit built):
#   bench/tune/adversarial.sh [path/to/pgfit] [pgbench-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
pgfit=${1:-build/release/pgfit}
seconds=${2:-60}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
memory_root=/sys/fs/cgroup/memory
cpu_root=/sys/fs/cgroup/cpu
[ -d "$memory_root" ] && [ -d "$cpu_root" ] || { echo "needs cgroup v1 memory and cpu controllers" >&2; exit 1; }
name=pgfit-bench-$$
work=$(mktemp -d /tmp/pgfit-bench.XXXXXX)
chmod 755 "$work"; mkdir "$work/pg"; chown postgres "$work/pg"
pg=$work/pg
as_pg() { su postgres -s /bin/bash -c "$*"; }
cleanup() {
    as_pg "$bindir/pg_ctl -D $pg/data -m immediate stop" >/dev/null 2>&1 || true
    for dir in "$memory_root/$name" "$cpu_root/$name"; do
        [ -d "$dir" ] && { while read -r p; do kill -9 "$p" 2>/dev/null || true; done <"$dir/cgroup.procs"; sleep 0.5; rmdir "$dir" || true; }
    done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir "$memory_root/$name" "$cpu_root/$name"
echo $((1024 * 1024 * 1024)) >"$memory_root/$name/memory.limit_in_bytes"
echo 100000 >"$cpu_root/$name/cpu.cfs_period_us"
echo 200000 >"$cpu_root/$name/cpu.cfs_quota_us"

psql_q() { "$bindir/psql" -h "$pg" -U postgres -X -q -At "$@"; }
oom_kills() { awk '/^oom_kill / {print $2}' "$memory_root/$name/memory.oom_control"; }

# Flags of each configuration: pgfit's plan, nothing (stock), PGTune web 1 GiB.
pgfit_flags=$(PGFIT_CACHE_DIR=$work/cache "$pgfit" plan --memory 1GiB --cpus 2 --format args | tr '\n' ' ')
stock_flags=""
pgtune_flags=$(awk -F, '$1 == 15 && $2 == "web" && $4 == 1024 && $5 == 1 { printf "-c %s=%s ", $7, $8 }' \
    /work/shared/reference/pgtune-reference.csv 2>/dev/null || true)
[ -n "$pgtune_flags" ] || pgtune_flags="-c max_connections=200 -c shared_buffers=256MB -c effective_cache_size=768MB -c maintenance_work_mem=64MB -c checkpoint_completion_target=0.9 -c wal_buffers=7864kB -c default_statistics_target=100 -c random_page_cost=1.1 -c effective_io_concurrency=200 -c work_mem=4MB -c huge_pages=off -c jit=off -c wal_compression=lz4 -c min_wal_size=1GB -c max_wal_size=4GB"

as_pg "$bindir/initdb -D $pg/template -A trust -U postgres" >/dev/null

start() { # flags -> starts postgres inside the cgroup
    rm -rf "$pg/data"; cp -a "$pg/template" "$pg/data"
    bash -c "echo \$\$ >$memory_root/$name/cgroup.procs; echo \$\$ >$cpu_root/$name/cgroup.procs; exec su postgres -s /bin/bash -c \"$bindir/pg_ctl -D $pg/data -l $pg/log -w -t 300 -o '-c listen_addresses= -k $pg $1' start\"" >/dev/null
}
stop() { as_pg "$bindir/pg_ctl -D $pg/data -m fast -w -t 300 stop" >/dev/null 2>&1 || as_pg "$bindir/pg_ctl -D $pg/data -m immediate stop" >/dev/null 2>&1 || true; }

query="SELECT a.payload, b.payload FROM a JOIN b USING (id) ORDER BY a.payload DESC, b.payload LIMIT 1 OFFSET 1000"

run_config() { # label flags
    local label=$1 flags=$2
    start "$flags"
    local max_connections; max_connections=$(psql_q -c "SHOW max_connections")
    psql_q -c "CREATE TABLE a AS SELECT g AS id, md5(g::text) AS payload FROM generate_series(1, 2000000) g" \
           -c "CREATE TABLE b AS SELECT g AS id, md5((g * 7)::text) AS payload FROM generate_series(1, 2000000) g" \
           -c "ANALYZE a" -c "ANALYZE b"
    "$bindir/pgbench" -h "$pg" -U postgres -i -s 20 -q postgres >/dev/null 2>&1
    echo 0 >"$memory_root/$name/memory.failcnt"
    local kills_before; kills_before=$(oom_kills)
    local tps
    tps=$("$bindir/pgbench" -h "$pg" -U postgres -c 8 -j 2 -T "$seconds" postgres 2>/dev/null | awk '/^tps/ {printf "%.0f", $3; exit}')
    local kills_pgbench=$(( $(oom_kills) - kills_before ))
    # The adversarial load: every client slot but the 3 reserved ones runs the heavy query.
    local clients=$((max_connections - 3)) pids=() ok=0 failed=0
    for _ in $(seq "$clients"); do
        "$bindir/psql" -h "$pg" -U postgres -X -q -At -c "$query" >/dev/null 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do if wait "$pid"; then ok=$((ok + 1)); else failed=$((failed + 1)); fi; done
    local kills=$(( $(oom_kills) - kills_before - kills_pgbench ))
    local restarts; restarts=$(grep -c "terminating any other active server processes\|all server processes terminated; reinitializing" "$pg/log" || true)
    local failcnt; failcnt=$(cat "$memory_root/$name/memory.failcnt")
    local peak; peak=$(( $(cat "$memory_root/$name/memory.max_usage_in_bytes") / 1024 / 1024 ))
    printf '| %s | %s | %s | %s | %s | %s/%s | %s | %s | %s MiB |\n' "$label" "$max_connections" "$tps" "$kills_pgbench" \
        "$clients" "$ok" "$clients" "$kills" "$restarts" "$peak"
    stop
    echo 0 >"$memory_root/$name/memory.max_usage_in_bytes" 2>/dev/null || true
}

echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}'), cgroup v1 memory limit 1 GiB, cpu quota 2 CPUs, pgbench -c 8 -j 2 -T $seconds (scale 20); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| config | max_connections | pgbench TPS | OOM kills (pgbench) | adversarial clients | finished | OOM kills (adversarial) | postmaster restarts | peak cgroup memory |"
echo "|---|---|---|---|---|---|---|---|---|"
run_config "pgfit plan (1GiB, 2 CPUs)" "$pgfit_flags"
run_config "stock defaults" "$stock_flags"
run_config "PGTune web 1 GiB" "$pgtune_flags"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
