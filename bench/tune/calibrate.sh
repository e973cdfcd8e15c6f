#!/usr/bin/env bash
# Measures the coefficients of pgfit's memory budget on the real server:
#   B     idle private memory of one backend (anonymous memory + page tables) after it has
#         connected and run a few catalog queries;
#   Q_min peak private memory of one backend running the adversarial query (a sort of ~2M
#         rows plus a hash join of two ~2M-row tables) at several work_mem values.
#   shared_memory_size (`postgres -C`, server stopped) at a few shared_buffers/max_connections,
#         for the shared-overhead fit (ratio, fixed, per process); on 18 also with io workers.
# Private memory is sampled from /proc/<pid>/smaps_rollup (Anonymous) and /proc/<pid>/status
# (VmPTE) every few milliseconds while the query runs; the peak is reported in MiB.
# Usage (as root): [PGFIT_BENCH_ROOT=DIR] bench/tune/calibrate.sh [bindir]
#   (not part of the test command; PGFIT_BENCH_ROOT: see server.sh and bench/README.md)
set -euo pipefail
bindir=${1:-}
. "$(dirname "$0")/server.sh" pgfit-calibrate
trap 'as_pg "$bindir/pg_ctl -D $spg/data -m immediate stop" >/dev/null 2>&1 || true; server_cleanup' EXIT
as_pg "$bindir/initdb -D $spg/data -A trust -U postgres" >/dev/null
echo "server: PostgreSQL $version${root:+ (root $root)}"
echo "shared_memory_size (postgres -C, MB):"
points=("shared_buffers=16MB max_connections=10" "shared_buffers=256MB max_connections=100"
        "shared_buffers=1GB max_connections=100" "shared_buffers=4GB max_connections=100")
[ "$major" -ge 18 ] && points+=("shared_buffers=256MB max_connections=100 io_method=worker io_workers=3"
                               "shared_buffers=256MB max_connections=100 io_method=worker io_workers=16")
for p in "${points[@]}"; do
    echo "  $p: $(as_pg "$bindir/postgres -D $spg/data -C shared_memory_size $(printf -- '-c %s ' $p)")"
done
as_pg "$bindir/pg_ctl -D $spg/data -l $spg/log -w -o '-c listen_addresses= -k $spg -c shared_buffers=128MB -c max_parallel_workers_per_gather=0 -c jit=off' start" >/dev/null
make_tables

sampler() { # pid -> peak KiB of Anonymous + VmPTE while the process lives
    python3 - "$1" <<'PY'
import sys, time
pid = sys.argv[1]
peak = 0
def kib(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return 0
while True:
    try:
        now = kib(f"/proc/{pid}/smaps_rollup", "Anonymous:") + kib(f"/proc/{pid}/status", "VmPTE:")
    except (FileNotFoundError, ProcessLookupError):
        break
    peak = max(peak, now)
    try:
        with open(f"/proc/{pid}/wchan"):
            pass
        if open(f"/tmp/pgfit-calibrate-stop-{pid}").read():
            break
    except FileNotFoundError:
        pass
    time.sleep(0.003)
print(peak)
PY
}

measure() { # work_mem -> "peak_kib"
    local wm=$1 fifo="$work/fifo" pid peak
    rm -f "$fifo"; mkfifo "$fifo"
    # One psql session: report its backend pid, wait for the sampler, run the query.
    "$client/psql" -h "$pg" -U postgres -X -q -At <"$fifo" >"$work/out" &
    local psql_pid=$!
    exec 3>"$fifo"
    echo "SELECT pg_backend_pid();" >&3
    wait_for() { for _ in $(seq 100); do [ -s "$work/out" ] && return 0; sleep 0.05; done; return 1; }
    wait_for
    pid=$(head -1 "$work/out")
    sampler "$pid" >"$work/peak" &
    local sampler_pid=$!
    echo "SET work_mem = '$wm'; SET hash_mem_multiplier = 2; $query;" >&3
    echo "SELECT 'done';" >&3
    for _ in $(seq 3000); do grep -q '^done$' "$work/out" && break; sleep 0.05; done
    echo x >"/tmp/pgfit-calibrate-stop-$pid"
    wait "$sampler_pid"; rm -f "/tmp/pgfit-calibrate-stop-$pid"
    exec 3>&-
    wait "$psql_pid" || true
    cat "$work/peak"
}

idle() {
    local fifo="$work/fifo2"
    rm -f "$fifo" "$work/out2"; mkfifo "$fifo"
    "$client/psql" -h "$pg" -U postgres -X -q -At <"$fifo" >"$work/out2" &
    local psql_pid=$!
    exec 4>"$fifo"
    echo "SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid; SELECT pg_backend_pid();" >&4
    for _ in $(seq 100); do [ "$(wc -l <"$work/out2")" -ge 2 ] && break; sleep 0.05; done
    local pid; pid=$(sed -n 2p "$work/out2")
    local anon pte
    anon=$(awk '/^Anonymous:/ {print $2}' "/proc/$pid/smaps_rollup")
    pte=$(awk '/^VmPTE:/ {print $2}' "/proc/$pid/status")
    exec 4>&-
    wait "$psql_pid" || true
    echo $((anon + pte))
}

echo "B (idle backend after catalog queries): $(( $(idle) / 1024 )) MiB ($(idle) KiB)"
printf '%-10s %s\n' work_mem peak_private_MiB
for wm in 64kB 1MB 2MB 4MB 8MB 13MB 16MB 32MB 64MB; do
    peak=$(measure "$wm")
    printf '%-10s %s\n' "$wm" "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')"
done
