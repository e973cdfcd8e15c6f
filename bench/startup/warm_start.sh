#!/usr/bin/env bash
# Warm start: the time from the exec of pgfit to the exec of postgres on an initialised
# PGDATA (detection, plan with its catalog check, operator settings, cluster check, spawn),
# with the split per step. Not a test: prints figures for the README.
#
#   bench/startup/warm_start.sh [RUNS]       (as root; default 30 runs after one warm-up)
#
# Two series: with pgfit's plan cache (PGFIT_CACHE_DIR) kept from the previous start, as when a
# container restarts; and with the cache emptied before each start, as when a new container
# starts on an existing volume while the cache directory is not on a volume.
#
# The total comes from `strace -f -ttt -e trace=execve` (kernel-side exec times of pgfit and of
# the server; seccomp-filtered, so only execve and fork events stop the tracee); the split from
# PGFIT_TRACE=1, whose stamps use the same clock. PGFIT selects the binary (default
# build/release/pgfit); KEEP=1 keeps the scratch directory (traces and logs of the last run). Each run starts the real server, waits until it accepts connections,
# and stops it with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${1:-30}
pgfit=${PGFIT:-$PWD/build/release/pgfit}
[ "$(id -u)" -eq 0 ] || { echo "run as root (initdb and the server run as postgres)" >&2; exit 1; }
[ -x "$pgfit" ] || {
    echo "no $pgfit; build it: cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build/release" >&2
    exit 1
}
command -v strace >/dev/null || { echo "needs strace (apt-get install strace)" >&2; exit 1; }
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

work=$(mktemp -d /tmp/pgfit-bench-warm.XXXXXX)
chmod 755 "$work"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir "$work/data" "$work/sock" "$work/cache"
chown postgres: "$work/data" "$work/sock" "$work/cache"
chmod 700 "$work/data"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
as_postgres "$bindir/initdb" -D "$work/data" -U postgres -A trust >"$work/initdb.log" 2>&1

# One start: prints "total load detect plan operator cluster after spawn" in microseconds.
one_start() {
    strace -f --seccomp-bpf -qq -e trace=execve -e signal=none -ttt -o "$work/trace" \
        env PGDATA="$work/data" PGFIT_TRACE=1 PATH="$bindir:$PATH" PGFIT_CACHE_DIR="$work/cache" \
        "$pgfit" postgres -c listen_addresses= -k "$work/sock" >"$work/out" 2>"$work/log" &
    local tracer=$! deadline=$((SECONDS + 60))
    until as_postgres pg_isready -q -h "$work/sock" -d postgres 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || { cat "$work/log" >&2; exit 1; }
        sleep 0.05
    done
    local pgfit_pid
    pgfit_pid=$(awk -v p="$pgfit" 'index($0, "execve(\"" p "\"") { print $1; exit }' "$work/trace")
    kill -s TERM "$pgfit_pid"
    wait "$tracer" || true
    awk -v p="$pgfit" '
        index($0, "execve(\"" p "\"") && !pgfit { pgfit = $2 }
        $0 ~ /execve\("[^"]*\/postgres"/ { server = $2 }
        END { printf "%s %s\n", pgfit, server }' "$work/trace" >"$work/execs"
    read -r exec_pgfit exec_server <"$work/execs"
    awk -v a="$exec_pgfit" -v z="$exec_server" '
        / trace: / { t[$4] = $3 }
        function us(x) { return sprintf("%d", x * 1e6 + 0.5) }
        END {
            printf "%s %s %s %s %s %s %s %s\n", us(z - a), us(t["run"] - a),
                us(t["detect"] - t["run"]), us(t["plan"] - t["detect"]),
                us(t["cluster"] - t["plan"]), us(t["settings"] - t["cluster"]),
                us(t["exec"] - t["settings"]), us(z - t["exec"])
        }' "$work/log"
}

columns=(total "exec to main" detect plan "privileges, cluster" settings "stop check" "spawn to exec")
median_p90() {
    sort -n | awk '{ v[NR] = $1 } END { printf "%8.2f %8.2f", v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.9 + 0.999)] / 1000 }'
}
report() { # title results-file
    printf '\n%s: %d runs\n%-20s %8s %8s\n' "$1" "$runs" step median p90
    for i in "${!columns[@]}"; do
        printf '%-20s %s  ms\n' "${columns[$i]}" "$(cut -d' ' -f$((i + 1)) "$2" | median_p90)"
    done
}

echo "warm-up start (fills the plan cache), then $runs starts with the cache kept..." >&2
one_start >/dev/null
for _ in $(seq "$runs"); do
    one_start
done >"$work/warm"
echo "$runs starts with the cache emptied before each..." >&2
for _ in $(seq "$runs"); do
    find "$work/cache" -mindepth 1 -delete
    one_start
done >"$work/cold"

printf '\nwarm start of %s on %s, %s, %d CPUs\n' "$pgfit" "$(uname -r)" "$("$bindir/postgres" --version)" "$(nproc)"
report "plan cache kept (container restart)" "$work/warm"
report "plan cache empty (new container, existing volume)" "$work/cold"
