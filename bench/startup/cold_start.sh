#!/usr/bin/env bash
# Cold start: empty PGDATA → the real server accepting TCP connections, running the shipped init
# scripts (initdb.d/), for pgfit and for the plain sequence a shell entrypoint runs (initdb with
# --pwfile; pg_ctl start on a socket; psql per script with the same variables; pg_ctl stop;
# postgres). Both on this machine in the same run, alternating, same server flags
# (POSTGRES_SKIP_AUTOCONFIG=true for pgfit, so neither gets tuned settings). Not a test: prints
# figures for the README, including where the time goes.
#
#   bench/startup/cold_start.sh [RUNS]      (as root; default 5 runs of each)
#
# PGFIT selects the binary (default build/release/pgfit). Readiness is polled on TCP every 5 ms
# with bash's /dev/tcp, the same way for both.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${1:-5}
pgfit=${PGFIT:-$PWD/build/release/pgfit}
[ "$(id -u)" -eq 0 ] || { echo "run as root (pgfit drops to postgres, as in a container)" >&2; exit 1; }
[ -x "$pgfit" ] || {
    echo "no $pgfit; build it: cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build/release" >&2
    exit 1
}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
major=$(basename "$(dirname "$bindir")")
scripts=$PWD/initdb.d
preload=$(for lib in pg_stat_statements pg_cron pgaudit; do
    [ -e "/usr/lib/postgresql/$major/lib/$lib.so" ] && echo "$lib"
done | paste -sd,)
flags=(-c "shared_preload_libraries=$preload")

work=$(mktemp -d /tmp/pgfit-bench-cold.XXXXXX)
chmod 755 "$work"
cleanup() {
    [ -n "${server:-}" ] && kill -KILL "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        port_free "$port" && { echo "$port"; return; }
    done
}
wait_tcp() { # port
    local deadline=$((SECONDS + 120))
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || { echo "server on port $1 not ready" >&2; exit 1; }
        sleep 0.005
    done
}
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

SECRET_ENV=(POSTGRES_PASSWORD=bench-password POSTGRES_REPLICATION_PASSWORD=bench-replication
    PGBOUNCER_AUTH_PASSWORD=bench-bouncer POSTGRES_PGAUDIT_LOG=ddl,role)

# pgfit as PID 1 of a new PID namespace. RESULT="total init split" (pgfit's own split line).
# (Results go through a variable, not $(...): the runs must not happen in a subshell.)
pgfit_run() {
    local dir=$work/pgfit port start end
    rm -rf "$dir"
    mkdir -p "$dir/run"
    port=$(pick_port)
    start=$(now_ms)
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin PGDATA="$dir/data" PGFIT_SOCKET_DIR="$dir/run" \
        PGFIT_INITDB_DIR="$scripts" PGPORT="$port" POSTGRES_SKIP_AUTOCONFIG=true "${SECRET_ENV[@]}" \
        unshare --pid --fork --mount-proc --kill-child \
        "$pgfit" postgres -c "unix_socket_directories=$dir/run" "${flags[@]}" >"$dir.log" 2>&1 &
    local runner=$!
    wait_tcp "$port"
    end=$(now_ms)
    server=$(pgrep -P "$runner")
    kill -TERM "$server"
    wait "$runner" || true
    server=
    RESULT="$((end - start)) $(sed -n 's/^pgfit: first start took \([0-9]*\) ms: \(.*\)$/\1 \2/p' "$dir.log")"
}

# The official entrypoint's sequence, each step as its own process, as bash would run it.
shell_run() {
    local dir=$work/shell port t0 t1 t2 t3 t4 t5 vars=()
    rm -rf "$dir"
    mkdir -p "$dir/data" "$dir/run"
    chown postgres: "$dir/data" "$dir/run"
    chmod 700 "$dir/data"
    port=$(pick_port)
    for name in POSTGRES_USER POSTGRES_DB POSTGRES_CRON_DATABASE; do vars+=(-v "$name=postgres"); done
    vars+=(-v POSTGRES_EXTENSIONS= -v POSTGRES_REPLICATION_USER=replicator
        -v POSTGRES_REPLICATION_SLOTS=replica1 -v POSTGRES_REPLICATION_NETWORK=samenet
        -v PGBOUNCER_AUTH_USER=pgbouncer_auth -v POSTGRES_MONITOR_USER=postgres_exporter
        -v POSTGRES_APP_USER= -v POSTGRES_MONITOR_PASSWORD_SCRAM= -v POSTGRES_APP_PASSWORD_SCRAM=
        -v POSTGRES_PGAUDIT_LOG=ddl,role
        -v 'POSTGRES_REPLICATION_PASSWORD_SCRAM=SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$c3RvcmVkc3RvcmVkc3RvcmVkc3RvcmVkc3RvcmVkc3Q=:c2VydmVyc2VydmVyc2VydmVyc2VydmVyc2VydmVyc2U='
        -v 'PGBOUNCER_AUTH_PASSWORD_SCRAM=SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$c3RvcmVkc3RvcmVkc3RvcmVkc3RvcmVkc3RvcmVkc3Q=:c2VydmVyc2VydmVyc2VydmVyc2VydmVyc2VydmVyc2U=')
    local psql=(as_postgres "$bindir/psql" -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port"
        --username postgres --no-password --no-psqlrc)
    t0=$(now_ms)
    printf '%s\n' bench-password >"$dir/pwfile"
    chown postgres: "$dir/pwfile"
    as_postgres "$bindir/initdb" --username=postgres --pwfile="$dir/pwfile" -D "$dir/data" >"$dir.log" 2>&1
    printf '\nhost all all all scram-sha-256\n' >>"$dir/data/pg_hba.conf"
    echo "listen_addresses = '*'" >>"$dir/data/postgresql.conf"
    t1=$(now_ms)
    as_postgres "$bindir/pg_ctl" -D "$dir/data" -w start -o "-c listen_addresses='' -p $port -c unix_socket_directories=$dir/run ${flags[*]}" >>"$dir.log" 2>&1
    t2=$(now_ms)
    "${psql[@]}" --dbname postgres --tuples-only -c "SELECT 1 FROM pg_database WHERE datname = 'postgres'" >>"$dir.log" 2>&1
    for file in "$scripts"/*.sql; do
        "${psql[@]}" --dbname postgres "${vars[@]}" -f "$file" >>"$dir.log" 2>&1
    done
    t3=$(now_ms)
    as_postgres "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >>"$dir.log" 2>&1
    t4=$(now_ms)
    # setpriv execs postgres, so $! is the postmaster itself (a function would be a subshell)
    setpriv --reuid=postgres --regid=postgres --init-groups \
        "$bindir/postgres" -D "$dir/data" -p "$port" -c "unix_socket_directories=$dir/run" "${flags[@]}" >>"$dir.log" 2>&1 &
    server=$!
    wait_tcp "$port"
    t5=$(now_ms)
    kill -INT "$server"
    wait "$server" || true
    server=
    RESULT="$((t5 - t0)) initdb $((t1 - t0)) ms, temporary server start $((t2 - t1)) ms, scripts $((t3 - t2)) ms, temporary server stop $((t4 - t3)) ms, restart $((t5 - t4)) ms"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

echo "cold start, $runs runs each, PostgreSQL $major, scripts: $(ls "$scripts" | paste -sd' ')"
pgfit_totals=() shell_totals=()
for i in $(seq "$runs"); do
    shell_run
    line=$RESULT
    shell_totals+=("${line%% *}")
    echo "  shell  run $i: ${line%% *} ms (${line#* })"
    pgfit_run
    line=$RESULT
    pgfit_totals+=("${line%% *}")
    read -r total init split <<<"$line"
    echo "  pgfit  run $i: $total ms (first start $init ms: $split; restart $((total - init)) ms)"
done
shell_median=$(printf '%s\n' "${shell_totals[@]}" | median)
pgfit_median=$(printf '%s\n' "${pgfit_totals[@]}" | median)
echo "median: shell sequence $shell_median ms, pgfit $pgfit_median ms, ratio $(awk "BEGIN {printf \"%.2f\", $pgfit_median / $shell_median}") (target <= 0.80)"
