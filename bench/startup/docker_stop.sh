#!/usr/bin/env bash
# Where `docker stop` goes: the official entrypoint's image against pgfit's, as shipped and with
# less preloaded, interleaved in one run. Not a test: prints a Markdown table of medians (p90)
# and ratios to the official image, and writes it to bench/startup/docker-stop-last-run.md.
#
#   bench/startup/docker_stop.sh [RUNS]      (as root; default 8 runs of each variant)
#
# Per run and variant: a container (-m 1g --cpus 2, POSTGRES_PASSWORD only) on a new volume is
# initialised and stopped, then started again and left idle for 2 s, and stopped again:
#   docker stop        the time of the second `docker stop` command (host clock);
#   after init         the same for the first, which ends the process that initialised the
#                      cluster (a Testcontainers container's only stop);
#   postgres's part    "received fast shutdown request" → "database system is shut down" of
#                      the second stop (docker logs --timestamps: when the daemon read each line).
# With perf (apt-get install linux-perf), after one more start and 2 s idle, a third stop is
# recorded with the kernel's signal and exit events, host-wide, and split in two:
#   the image's own part   the stop signal sent to the container's PID 1 → PID 1's exit: what
#                          the entrypoint and postgres do (all an image can change);
#   Docker's teardown      PID 1's exit → the exit of the `docker stop` command.
# Variants: the official image; pgfit as shipped; pgfit with pg_cron's scheduler asked for; pgfit
# with nothing preloaded; the same with PGFIT_EXEC=true (postgres replaces pgfit: no supervisor).
# Every other run takes the variants in reverse order, so that none always follows the same one.
# Besides the ratio of medians, each variant's docker stop is divided by the official image's of
# the same run: the median of those paired ratios, with its 95 % confidence interval (the order
# statistics a sign test gives; none below 6 runs), says whether a gap is more than noise.
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
pairs=$work/pairs     # lines: run variant measure microseconds (the docker stop measures)

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
# A docker stop time, for the medians (results) and the per-run pairs.
record_stop() { # run variant measure microseconds
    record limited "$2" "$3" "$4"
    echo "$1 $2 $3 $4" >>"$pairs"
}
one_stop() { # variant-line run
    local key image env_list name args=() t0 t1 received down first
    IFS='|' read -r key image env_list _ <<<"$1"
    name=$run_id-$key-$2
    for value in $env_list; do args+=(-e "$value"); done
    docker volume create --label "org.pgfit.bench.run=$run_id" "$name" >/dev/null
    docker run -d --name "$name" --label "org.pgfit.bench.run=$run_id" -m 1g --cpus 2 \
        -v "$name:/var/lib/postgresql" -e POSTGRES_PASSWORD=bench "${args[@]}" "$image" >/dev/null
    wait_ready "$name"
    t0=$(now_us)
    docker stop "$name" >/dev/null
    first=$(($(now_us) - t0))
    docker start "$name" >/dev/null
    wait_ready "$name"
    sleep 2
    t0=$(now_us)
    docker stop "$name" >/dev/null
    t1=$(now_us)
    docker logs -t "$name" >"$work/$name.log" 2>&1
    received=$(log_line_us "$work/$name.log" "received fast shutdown request" last)
    down=$(log_line_us "$work/$name.log" "database system is shut down" last)
    record_stop "$2" "$key" stop $((t1 - t0))
    record_stop "$2" "$key" first "$first"
    record limited "$key" postgres $((down - received))
    if [ "$stop_events" = true ]; then
        docker start "$name" >/dev/null
        wait_ready "$name"
        sleep 2
        split_stop_by_events "$2" "$key" "$name"
    fi
    docker rm -v "$name" >/dev/null
    docker volume rm "$name" >/dev/null
}

# With perf and the signal and sched tracepoints: "true" (see the header); checked once.
stop_events=false
if perf_can_record signal:signal_generate sched:sched_process_exit; then
    stop_events=true
fi

# `docker stop` of the running `container` under perf; records the µs from the first SIGINT or
# SIGTERM generated for its PID 1 to PID 1's exit (own), and from there to the exit of the last
# thread of the docker command (teardown). Nothing when an event is missing.
split_stop_by_events() { # run variant container
    local pid1 own teardown
    pid1=$(docker inspect -f '{{.State.Pid}}' "$3")
    perf record -q -e signal:signal_generate -e sched:sched_process_exit -a \
        -o "$work/stop.data" -- docker stop "$3" >/dev/null 2>&1 || return 0
    read -r own teardown < <(perf script -i "$work/stop.data" -F time,event,trace 2>/dev/null |
        awk -v pid1="$pid1" '
            function field(name) { return match($0, " " name "=[^ ]*") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 2) : "" }
            { t = $1 + 0 }
            !signal && /signal_generate:/ && field("pid") == pid1 && (field("sig") == 2 || field("sig") == 15) { signal = t }
            signal && !exited && /sched_process_exit:/ && field("pid") == pid1 { exited = t }
            exited && /sched_process_exit:/ && field("comm") == "docker" { cli = t }
            END { if (signal && exited && cli) printf "%.0f %.0f\n", (exited - signal) * 1e6, (cli - exited) * 1e6 }') ||
        return 0
    [ -z "$own" ] || {
        record_stop "$1" "$2" own "$own"
        record_stop "$1" "$2" teardown "$teardown"
    }
}

# "median [low–high]" of the per-run ratios variant / official, with the 95 % interval.
paired_ratio() { # variant measure
    [ "$1" != official ] || { echo 1; return; }
    awk -v key="$1" -v measure="$2" '
        $3 != measure { next }
        $2 == "official" { base[$1] = $4 }
        $2 == key { mine[$1] = $4 }
        END {
            for (run in mine) if (run in base) r[++n] = mine[run] / base[run]
            if (n == 0) { print "-"; exit }
            for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (r[b] < r[a]) { t = r[a]; r[a] = r[b]; r[b] = t }
            median = (n % 2) ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
            # k: the largest rank with P(Binomial(n, 1/2) < k) <= 0.025
            k = 0; p = 0.5 ^ n; tail = 0
            while (tail + p <= 0.025) { tail += p; k++; p = p * (n - k + 1) / k }
            if (k == 0) printf "%.2f\n", median
            else printf "%.2f [%.2f–%.2f]\n", median, r[k], r[n + 1 - k]
        }' "$pairs"
}

# One Markdown row per variant: for each measure its "median (p90)" and ratio to the official
# image's median, and for a measure marked with + the paired ratio too.
table_rows() { # measure[+]...
    local key description row spec measure value
    for variant in "${variants[@]}"; do
        IFS='|' read -r key _ _ description <<<"$variant"
        row="| $description"
        for spec in "$@"; do
            measure=${spec%+}
            value=$(stat_of limited "$key" "$measure")
            row+=" | $value | $(ratio "$(stat_of limited official "$measure")" "$value")"
            [ "$spec" = "$measure" ] || row+=" | $(paired_ratio "$key" "$measure")"
        done
        echo "$row |"
    done
}

reversed=()
for ((i = ${#variants[@]} - 1; i >= 0; i--)); do reversed+=("${variants[i]}"); done
for run in $(seq "$runs"); do
    order=("${variants[@]}")
    ((run % 2)) || order=("${reversed[@]}")
    for variant in "${order[@]}"; do
        say "run $run/$runs: ${variant%%|*}"
        one_stop "$variant" "$run"
    done
done

{
    echo "# docker stop, idle warm container (bench/startup/docker_stop.sh $runs)"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs of each, interleaved; docker run -m 1g --cpus 2"
    echo "- images: official $official ($(docker image inspect -f '{{.Id}}' "$official" | cut -c8-19)), pgfit $pgfit ($(docker image inspect -f '{{.Id}}' "$pgfit" | cut -c8-19))"
    echo "- ms, median (p90, nearest rank); ratio = median / the official image's median;"
    echo "  paired = median of the per-run ratios to the official image [95 % interval]"
    echo
    echo "| variant | docker stop | ratio | paired | postgres: shutdown request → shut down | ratio | docker stop after init | ratio | paired |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    table_rows stop+ postgres first+
    [ "$stop_events" = true ] || exit 0
    echo
    echo "A third stop per run, by the kernel's signal and exit events (perf):"
    echo
    echo "| variant | the image's own part: stop signal → PID 1's exit | ratio | paired | Docker's teardown: PID 1's exit → docker stop returns | ratio |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    table_rows own+ teardown
} | tee "$report"
