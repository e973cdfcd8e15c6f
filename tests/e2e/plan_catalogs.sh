#!/usr/bin/env bash
# What `pgfit plan` emits is valid for each PostgreSQL major the image supports: in the offline
# bases 15, 17 and 18, for a grid of memory, CPUs and profiles, every setting the host-built
# pgfit plans is one of that server's (`postgres --describe-config`, plus the settings of the
# libraries the plan preloads, listed by a single-user backend), and the server accepts the
# whole set: `postgres -C shared_memory_size` on a scratch cluster fails on an unknown name, a
# bad value or a preload library that is not installed (-C max_connections would not load it).
# What it prints is at most the plan's modelled shared memory (the container start trusts the
# model and runs no postgres before the server).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
[ -x "$PGFIT" ] || fail "no pgfit binary at $PGFIT"

# Runs in the base as postgres, with pgfit at /pgfit: one line per plan, "FAIL: ..." on a
# problem, exit status 1 if there was one.
# shellcheck disable=SC2016
check_in_base='
set -euo pipefail
major=$1
missing=$(ldd /pgfit | grep "not found" || true)
[ -z "$missing" ] || { echo "FAIL: libraries missing for pgfit: $missing"; exit 1; }
initdb -D /tmp/scratch >/tmp/initdb.log 2>&1 || { cat /tmp/initdb.log; exit 1; }
failed=0
check() { # plan flags...
    local line setting preload flags=()
    if ! /pgfit plan --pg-version "$major" "$@" --format args >/tmp/plan 2>/tmp/plan.err; then
        echo "FAIL: pgfit plan $*: $(cat /tmp/plan.err)"; failed=1; return
    fi
    preload=$(sed -n "s/^-c shared_preload_libraries=//p" /tmp/plan)
    {
        postgres --describe-config | cut -f1
        echo "SELECT name FROM pg_settings" |
            postgres --single -D /tmp/scratch -c shared_preload_libraries="$preload" postgres 2>/dev/null |
            sed -n "s/^[[:space:]]*1: name = \"\(.*\)\".*/\1/p"
    } | sort -u >/tmp/names
    while IFS= read -r line; do
        setting=${line#-c }
        [ "$setting" != "$line" ] || { echo "FAIL: $*: not a -c flag: $line"; failed=1; continue; }
        grep -q -x -F "${setting%%=*}" /tmp/names ||
            { echo "FAIL: $*: ${setting%%=*} is not a PostgreSQL $major setting"; failed=1; }
        flags+=(-c "$setting")
    done </tmp/plan
    if ! measured_mb=$(postgres -D /tmp/scratch -C shared_memory_size "${flags[@]}" 2>/tmp/server.err); then
        echo "FAIL: $*: postgres refuses the plan: $(cat /tmp/server.err)"; failed=1; return
    fi
    modelled=$(/pgfit plan --pg-version "$major" "$@" --format json | sed -n "s/.*\"shared_bytes\": \([0-9]*\).*/\1/p")
    if [ "$((measured_mb * 1048576))" -gt "$modelled" ]; then
        echo "FAIL: $*: shared_memory_size $measured_mb MB > the modelled $modelled bytes"; failed=1; return
    fi
    echo "checked $((${#flags[@]} / 2)) settings, shared memory $measured_mb MB <= $((modelled / 1048576)) MiB modelled: $*"
}
for memory in 512MiB 1GiB 8GiB 64GiB; do
    for cpus in 1 2 16; do
        check --memory "$memory" --cpus "$cpus"
    done
done
for profile in web oltp dw mixed desktop; do
    check --memory 1GiB --cpus 2 --profile "$profile"
done
for storage in hdd network; do
    check --memory 1GiB --cpus 2 --storage "$storage"
done
exit "$failed"
'

for major in 15 17 18; do
    base=$(e2e_state "base-$major")
    note "PostgreSQL $major ($base)"
    status=0
    output=$(docker run --rm --user postgres -e PGFIT_CACHE_DIR=/tmp/pgfit-cache -v "$PGFIT:/pgfit:ro" \
        "$base" bash -c "$check_in_base" check "$major" 2>&1) || status=$?
    assert_eq "$status" 0 "the check in $base; its output:
$output
status"
    assert_eq "$(grep -c '^checked' <<<"$output")" 19 "plans checked in $base"
    note "$(grep -m1 '^checked' <<<"$output")"
done
