#!/usr/bin/env bash
# pgfit's plan against stock defaults and PGTune's web settings, inside a real 1 GiB cgroup
# (v1 memory + cpu controllers, 2 CPUs of quota): (1) pgbench, 8 clients, fixed time, and
# (2) the adversarial load, max_connections - 3 clients each running a large sort plus a hash
# join at once. Reports TPS, the cgroup's OOM kills, postmaster restarts (crash recovery
# after a killed backend), the cgroup's peak of anonymous + shared memory during the
# adversarial load (memory.stat total_rss + total_shmem, sampled every 50 ms: what the budget
# models, page cache excluded) and, for pgfit's plan, the plan's worst-case budget.
# Not part of the test command.
# Usage (as root, PostgreSQL and pgbench installed, pgfit built):
#   [PGFIT_BENCH_ROOT=DIR] [PGFIT_CONFIG=file] bench/tune/adversarial.sh [path/to/pgfit] [pgbench-seconds]
#   (PGFIT_BENCH_ROOT: see server.sh and bench/README.md; PGFIT_CONFIG reaches pgfit plan)
set -euo pipefail
cd "$(dirname "$0")/../.."
pgfit=${1:-build/release/pgfit}
seconds=${2:-60}
memory_root=/sys/fs/cgroup/memory
cpu_root=/sys/fs/cgroup/cpu
[ -d "$memory_root" ] && [ -d "$cpu_root" ] || { echo "needs cgroup v1 memory and cpu controllers" >&2; exit 1; }
name=pgfit-bench-$$
. bench/tune/server.sh pgfit-bench
cleanup() {
    as_pg "$bindir/pg_ctl -D $spg/data -m immediate stop" >/dev/null 2>&1 || true
    for dir in "$memory_root/$name" "$cpu_root/$name"; do
        [ -d "$dir" ] && { while read -r p; do kill -9 "$p" 2>/dev/null || true; done <"$dir/cgroup.procs"; sleep 0.5; rmdir "$dir" || true; }
    done
    server_cleanup
}
trap cleanup EXIT
mkdir "$memory_root/$name" "$cpu_root/$name"
echo $((1024 * 1024 * 1024)) >"$memory_root/$name/memory.limit_in_bytes"
echo 100000 >"$cpu_root/$name/cpu.cfs_period_us"
echo 200000 >"$cpu_root/$name/cpu.cfs_quota_us"

oom_kills() { awk '/^oom_kill / {print $2}' "$memory_root/$name/memory.oom_control"; }

# Flags of each configuration: pgfit's plan, nothing (stock), PGTune web 1 GiB.
plan() { PGFIT_CACHE_DIR=$work/cache "$pgfit" plan --memory 1GiB --cpus 2 --pg-version "$major" --format "$1"; }
pgfit_flags=$(plan args | tr '\n' ' ')
pgfit_budget=$(plan json | python3 -c 'import json, sys; print(json.load(sys.stdin)["budget"]["worst_case_bytes"] // 2**20, "MiB")')
stock_flags=""
pgtune_flags=$(awk -F, -v major="$major" '$1 == major && $2 == "web" && $4 == 1024 && $5 == 1 { printf "-c %s=%s ", $7, $8 }' \
    /work/shared/reference/pgtune-reference.csv 2>/dev/null || true)
[ -n "$pgtune_flags" ] || pgtune_flags="-c max_connections=200 -c shared_buffers=256MB -c effective_cache_size=768MB -c maintenance_work_mem=64MB -c checkpoint_completion_target=0.9 -c wal_buffers=7864kB -c default_statistics_target=100 -c random_page_cost=1.1 -c effective_io_concurrency=200 -c work_mem=4MB -c huge_pages=off -c jit=off -c wal_compression=lz4 -c min_wal_size=1GB -c max_wal_size=4GB"

as_pg "$bindir/initdb -D $spg/template -A trust -U postgres" >/dev/null

start() { # flags -> starts postgres inside the cgroup
    rm -rf "$pg/data"; cp -a "$pg/template" "$pg/data"
    (echo "$BASHPID" >"$memory_root/$name/cgroup.procs"; echo "$BASHPID" >"$cpu_root/$name/cgroup.procs"
     as_pg "$bindir/pg_ctl -D $spg/data -l $spg/log -w -t 300 -o '-c listen_addresses= -k $spg $1' start" >/dev/null)
}
stop() { as_pg "$bindir/pg_ctl -D $spg/data -m fast -w -t 60 stop" >/dev/null 2>&1 || as_pg "$bindir/pg_ctl -D $spg/data -m immediate stop" >/dev/null 2>&1 || true; }

sample_memory() { # peak MiB of the cgroup's total_rss + total_shmem until $work/stop exists
    python3 - "$memory_root/$name/memory.stat" "$work/stop" <<'PY'
import os, sys, time
peak = 0
while not os.path.exists(sys.argv[2]):
    with open(sys.argv[1]) as f:
        stat = dict(line.split() for line in f)
    peak = max(peak, int(stat["total_rss"]) + int(stat["total_shmem"]))
    time.sleep(0.05)
print(peak // 2**20)
PY
}

run_config() { # label flags budget
    local label=$1 flags=$2 budget=$3
    start "$flags"
    local max_connections; max_connections=$(psql_q -c "SHOW max_connections")
    make_tables
    "$client/pgbench" -h "$pg" -U postgres -i -s 20 -q postgres >/dev/null 2>&1
    local kills_before; kills_before=$(oom_kills)
    local tps
    tps=$("$client/pgbench" -h "$pg" -U postgres -c 8 -j 2 -T "$seconds" postgres 2>/dev/null | awk '/^tps/ {printf "%.0f", $3; exit}')
    local kills_pgbench=$(( $(oom_kills) - kills_before ))
    # The adversarial load: every client slot but the 3 reserved ones runs the heavy query.
    local clients=$((max_connections - 3)) pids=() ok=0 failed=0
    rm -f "$work/stop"; sample_memory >"$work/anon_shmem" &
    local sampler=$!
    for _ in $(seq "$clients"); do
        "$client/psql" -h "$pg" -U postgres -X -q -At -c "$query" >/dev/null 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do if wait "$pid"; then ok=$((ok + 1)); else failed=$((failed + 1)); fi; done
    touch "$work/stop"; wait "$sampler"
    local kills=$(( $(oom_kills) - kills_before - kills_pgbench ))
    local restarts; restarts=$(grep -c "all server processes terminated; reinitializing" "$pg/log" || true)
    local peak; peak=$(( $(cat "$memory_root/$name/memory.max_usage_in_bytes") / 1024 / 1024 ))
    printf '| %s | %s | %s | %s | %s | %s/%s | %s | %s | %s MiB | %s MiB | %s |\n' "$label" "$max_connections" "$tps" \
        "$kills_pgbench" "$clients" "$ok" "$clients" "$kills" "$restarts" "$peak" "$(cat "$work/anon_shmem")" "$budget"
    stop
    echo 0 >"$memory_root/$name/memory.max_usage_in_bytes" 2>/dev/null || true
}

echo "PostgreSQL $version${root:+ (root $root)}, pgfit config ${PGFIT_CONFIG:-default}, cgroup v1 memory limit 1 GiB, cpu quota 2 CPUs, pgbench -c 8 -j 2 -T $seconds (scale 20); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| config | max_connections | pgbench TPS | OOM kills (pgbench) | adversarial clients | finished | OOM kills (adversarial) | postmaster restarts | peak cgroup memory | peak anon+shmem (adversarial) | pgfit budget (worst case) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
run_config "pgfit plan (1GiB, 2 CPUs)" "$pgfit_flags" "$pgfit_budget"
run_config "stock defaults" "$stock_flags" "-"
run_config "PGTune web 1 GiB" "$pgtune_flags" "-"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
