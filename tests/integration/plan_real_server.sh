#!/usr/bin/env bash
# `pgfit plan --format args` is accepted by the real PostgreSQL server as is: for several
# sizes, postgres starts with exactly those flags and SHOW returns each value. Sizes whose
# shared memory would not fit this machine are checked with `postgres -C` instead; the modelled
# shared memory is at least `postgres -C shared_memory_size` for each plan.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
require_root "runs postgres as the postgres user"
bindir=$(pg_bindir)
export PGFIT_CACHE_DIR="$T_DIR/cache" PGFIT_CONFIG="$PGFIT_SOURCE_DIR/conf/pgfit.toml"
unset PGDATA POSTGRES_SHARED_PRELOAD_LIBRARIES POSTGRES_MAX_CONNECTIONS POSTGRES_MEMORY POSTGRES_CPUS

as_pg() { su postgres -s /bin/bash -c "$*"; }
pg="$T_DIR/pg" # owned by postgres: data directory, socket and logs
mkdir "$pg" && chown postgres "$pg"
as_pg "$bindir/initdb -D $pg/data -A trust -U postgres" >"$pg/initdb.log"
on_exit "as_pg '$bindir/pg_ctl -D $pg/data -m immediate stop' >/dev/null 2>&1"

# The server's view of a setting, normalised as postgres prints it for `-c name=value`.
show() { "$bindir/psql" -h "$pg" -U postgres -X -At -c "SHOW $1"; }
normalise() { # name value -> what SHOW prints for it
    "$bindir/psql" -h "$pg" -U postgres -X -At -c "SELECT CASE WHEN unit IS NULL OR '$2' !~ '[a-zA-Z]' THEN '$2' ELSE pg_size_pretty(pg_size_bytes('$2')) END FROM pg_settings WHERE name = '$1'"
}

check_size() { # memory cpus
    local memory=$1 cpus=$2 args
    args=$("$PGFIT" plan --memory "$memory" --cpus "$cpus" --format args)
    note "$memory / $cpus CPUs: $(echo "$args" | tr '\n' ' ')"
    local flags
    flags=$(echo "$args" | tr '\n' ' ')
    as_pg "$bindir/pg_ctl -D $pg/data -l $pg/server-$memory.log -w -t 120 -o \"-c listen_addresses= -k $pg $flags\" start" >/dev/null \
        || { cat "$pg/server-$memory.log" >&2; fail "postgres did not start with the $memory plan"; }
    local line name value shown expected
    while read -r line; do
        [ -n "$line" ] || continue
        line=${line#-c }
        name=${line%%=*}
        value=${line#*=}
        shown=$(show "$name")
        if [ "$shown" != "$value" ]; then
            # Sizes print in the largest exact unit (16MB, 1GB): compare bytes.
            expected=$("$bindir/psql" -h "$pg" -U postgres -X -At -c "SELECT pg_size_bytes('$value') = pg_size_bytes('$shown')" 2>/dev/null || echo f)
            [ "$expected" = t ] || fail "$memory plan: SHOW $name = '$shown', pgfit planned '$value'"
        fi
    done <<<"$args"
    as_pg "$bindir/pg_ctl -D $pg/data -m fast -w stop" >/dev/null
}

for size in 512MiB:1 1GiB:2 4GiB:2 16GiB:8; do
    check_size "${size%%:*}" "${size##*:}"
done

# 64 GiB needs 16 GB of shared memory: check with -C (parses every flag) instead of a start.
args=$("$PGFIT" plan --memory 64GiB --cpus 16 --format args | tr '\n' ' ')
shared=$(as_pg "$bindir/postgres -D $pg/data -C shared_buffers $args")
assert_eq "$shared" "$("$PGFIT" plan --memory 64GiB --cpus 16 --format json | sed -n 's/.*"shared_buffers": "\([0-9]*\)MB".*/\1/p' | awk '{print $1 * 128}')" \
    "shared_buffers in 8kB blocks as postgres -C reads the 64GiB plan"

# The plan's modelled shared memory covers what the server allocates for it (the start does not
# measure it: no postgres runs before the server), and PGDATA changes nothing in the plan.
for size in 512MiB:1 1GiB:2 64GiB:16; do
    args=$("$PGFIT" plan --memory "${size%%:*}" --cpus "${size##*:}" --format args | tr '\n' ' ')
    measured_mb=$(as_pg "$bindir/postgres -D $pg/data -C shared_memory_size $args")
    modelled=$("$PGFIT" plan --memory "${size%%:*}" --cpus "${size##*:}" --format json |
        sed -n 's/.*"shared_bytes": \([0-9]*\).*/\1/p')
    [ "$((measured_mb * 1048576))" -le "$modelled" ] ||
        fail "${size%%:*} plan: postgres -C shared_memory_size = ${measured_mb} MB > modelled $modelled bytes"
done
assert_eq "$(PGDATA="$pg/data" "$PGFIT" plan --memory 1GiB --cpus 2 --format args)" \
    "$("$PGFIT" plan --memory 1GiB --cpus 2 --format args)" "the plan with PGDATA set"
