#!/usr/bin/env bash
# Where `docker stop` goes: the official entrypoint's image against pgfit's, as shipped and with
# less preloaded, interleaved in one run. Not a test: prints a Markdown table of medians (p90)
# and ratios to the official image, and writes it to bench/startup/docker-stop-last-run.md.
#
#   bench/startup/docker_stop.sh [RUNS]      (as root; default 8 runs of each variant)
#
# Per run and variant: a container (-m 1g --cpus 2, POSTGRES_PASSWORD only) on a new volume is
# initialised, stopped, started again and left idle for 2 s; then
#   docker stop        the time of the `docker stop` command (host clock);
#   postgres's part    "received fast shutdown request" → "database system is shut down"
#                      (docker logs --timestamps: when the daemon read each line).
# Variants: the official image; pgfit as shipped; pgfit with pg_cron's scheduler asked for; pgfit
# with nothing preloaded; the same with PGFIT_EXEC=true (postgres replaces pgfit: no supervisor).
#
# Environment:
#   OFFICIAL_IMAGE   default pgfit-bench-official:18, which bench/startup/vs_official.sh builds
#                    (the official docker-entrypoint.sh on the same base as pgfit's image)
#   PGFIT_IMAGE      default pgfit:e2e (the image the e2e suite builds)
#   REPORT           where the Markdown goes besides stdout
#   VARIANTS         a comma list of the variants to run (official,pgfit,cron,nolibs,exec; default
#                    all), e.g. official,pgfit for more runs of the pair in the same time
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/startup/lib.sh
. "$here/lib.sh"
runs=${1:-8}
official=${OFFICIAL_IMAGE:-pgfit-bench-official:18}
pgfit=${PGFIT_IMAGE:-pgfit:e2e}
report=${REPORT:-$here/docker-stop-last-run.md}
run_id=pgfit-stop-$(date +%s)-$$
work=$(mktemp -d /tmp/pgfit-docker-stop.XXXXXX)
results=$work/results # lines: limited variant measure microseconds

say() { echo "docker_stop: $*" >&2; }
die() { say "$*"; exit 1; }

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
docker image inspect "$official" >/dev/null 2>&1 ||
    die "no image $official; bench/startup/vs_official.sh builds it (or set OFFICIAL_IMAGE)"
docker image inspect "$pgfit" >/dev/null 2>&1 || die "no image $pgfit (set PGFIT_IMAGE)"

cleanup() {
    docker ps -aq --filter "label=org.pgfit.bench.run=$run_id" | xargs -r docker rm -fv >/dev/null 2>&1 || true
    docker volume ls -q --filter "label=org.pgfit.bench.run=$run_id" | xargs -r docker volume rm >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# name|image|environment (space-separated -e values)|description
variants=(
    "official|$official||the official entrypoint (postgres is PID 1)"
    "pgfit|$pgfit||pgfit as shipped (pg_stat_statements, pgaudit, auto_explain)"
    "cron|$pgfit|POSTGRES_CRON_DATABASE=postgres|pgfit with pg_cron asked for (POSTGRES_CRON_DATABASE=postgres)"
    "nolibs|$pgfit|POSTGRES_SHARED_PRELOAD_LIBRARIES=|pgfit, nothing preloaded"
    "exec|$pgfit|POSTGRES_SHARED_PRELOAD_LIBRARIES= PGFIT_EXEC=true|the same, postgres replacing pgfit"
)

if [ -n "${VARIANTS:-}" ]; then
    chosen=()
    for variant in "${variants[@]}"; do
        [[ ,$VARIANTS, == *,"${variant%%|*}",* ]] && chosen+=("$variant")
    done
    [[ ${#chosen[@]} -ge 2 && ,$VARIANTS, == *,official,* ]] ||
        die "VARIANTS must name official and at least one other of official,pgfit,cron,nolibs,exec, not '$VARIANTS'"
    variants=("${chosen[@]}")
fi

wait_ready() { # container
    for _ in $(seq 600); do
        docker exec "$1" pg_isready -q -h 127.0.0.1 -U postgres 2>/dev/null && return 0
        sleep 0.05
    done
    docker logs "$1" 2>&1 | tail -20 >&2
    die "$1 was not ready within 30 s"
}
one_stop() { # variant-line run
    local key image env_list name args=() t0 t1 received down
    IFS='|' read -r key image env_list _ <<<"$1"
    name=$run_id-$key-$2
    for value in $env_list; do args+=(-e "$value"); done
    docker volume create --label "org.pgfit.bench.run=$run_id" "$name" >/dev/null
    docker run -d --name "$name" --label "org.pgfit.bench.run=$run_id" -m 1g --cpus 2 \
        -v "$name:/var/lib/postgresql" -e POSTGRES_PASSWORD=bench "${args[@]}" "$image" >/dev/null
    wait_ready "$name"
    docker stop "$name" >/dev/null
    docker start "$name" >/dev/null
    wait_ready "$name"
    sleep 2
    t0=$(now_us)
    docker stop "$name" >/dev/null
    t1=$(now_us)
    docker logs -t "$name" >"$work/$name.log" 2>&1
    received=$(log_line_us "$work/$name.log" "received fast shutdown request" last)
    down=$(log_line_us "$work/$name.log" "database system is shut down" last)
    record limited "$key" stop $((t1 - t0))
    record limited "$key" postgres $((down - received))
    docker rm -v "$name" >/dev/null
    docker volume rm "$name" >/dev/null
}

for run in $(seq "$runs"); do
    for variant in "${variants[@]}"; do
        say "run $run/$runs: ${variant%%|*}"
        one_stop "$variant" "$run"
    done
done

{
    echo "# docker stop, idle warm container (bench/startup/docker_stop.sh $runs)"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs of each, interleaved; docker run -m 1g --cpus 2"
    echo "- images: official $official ($(docker image inspect -f '{{.Id}}' "$official" | cut -c8-19)), pgfit $pgfit ($(docker image inspect -f '{{.Id}}' "$pgfit" | cut -c8-19))"
    echo "- ms, median (p90, nearest rank); ratio = median / the official image's median"
    echo
    echo "| variant | docker stop | ratio | postgres: shutdown request → shut down | ratio |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    official_stop=$(stat_of limited official stop)
    official_pg=$(stat_of limited official postgres)
    for variant in "${variants[@]}"; do
        IFS='|' read -r key _ _ description <<<"$variant"
        stop=$(stat_of limited "$key" stop)
        pg=$(stat_of limited "$key" postgres)
        echo "| $description | $stop | $(ratio "$official_stop" "$stop") | $pg | $(ratio "$official_pg" "$pg") |"
    done
} | tee "$report"
