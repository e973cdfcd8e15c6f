#!/usr/bin/env bash
# How long the plan costs at container start, with and without pgfit's cache of the server's
# answers (postgres --version, --describe-config; the image build fills it). Runs `pgfit plan`
# with PGDATA pointing at a scratch cluster, 30 times each way, and the two postgres commands
# the cache saves, for comparison. Usage (as root): bench/tune/plan_latency.sh [path/to/pgfit]
set -euo pipefail
cd "$(dirname "$0")/../.."
pgfit=$(realpath "${1:-build/release/pgfit}")
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/pgfit-latency.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"; mkdir "$work/pg"; chown postgres "$work/pg"
su postgres -s /bin/bash -c "$bindir/initdb -D $work/pg/data -A trust -U postgres" >/dev/null
export PGDATA=$work/pg/data PGFIT_CACHE_DIR=$work/cache
runs=30
per_run() { # command... -> microseconds per run
    local start; start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
    echo $(( ($(date +%s%N) - start) / runs / 1000 ))
}
cold() { rm -rf "$PGFIT_CACHE_DIR"; "$pgfit" plan --memory 1GiB --cpus 2 --format args; }
warm() { "$pgfit" plan --memory 1GiB --cpus 2 --format args; }
warm >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| what | time per run |"
echo "|---|---|"
echo "| pgfit plan, cache empty (runs postgres twice) | $(( $(per_run cold) / 1000 )) ms |"
echo "| pgfit plan, cache warm | $(( $(per_run warm) / 1000 )).$(( $(per_run warm) % 1000 / 100 )) ms |"
echo "| postgres --describe-config alone | $(( $(per_run "$bindir/postgres" --describe-config) / 1000 )) ms |"
echo "| postgres --version alone | $(( $(per_run "$bindir/postgres" --version) / 1000 )) ms |"
