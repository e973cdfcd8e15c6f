#!/usr/bin/env bash
# pgfit's image against the official image's entrypoint, both FROM the same offline PostgreSQL
# base (docker/build-offline-base.sh), side by side in one run, interleaved (official, pgfit,
# official, pgfit ...). Not a test: prints Markdown tables of medians (p90) and ratios
# (pgfit / official) per configuration, `docker run -m 1g --cpus 2` and no limit (Testcontainers'
# default), and writes them to bench/startup/last-run.md.
#
#   bench/startup/vs_official.sh [RUNS]       (as root; default 5 runs of each)
#
# What is measured, per run and image (host clock, µs, shown in ms):
#   cold start   empty new named volume → the first `SELECT 1` over TCP that succeeds, seen by
#                the host's psql at the container's bridge IP (polled every 5 ms: a TCP connect
#                with bash's /dev/tcp, then psql until the query succeeds). From just before
#                `docker run -d`.
#   warm start   a new container on that volume (after a clean `docker stop` of the first) →
#                the same first SELECT 1.
#   hand-over    at warm start, the entrypoint's part: the container's start
#                (`.State.StartedAt`, ns) → the birth time (statx btime, ns) of
#                PGDATA/postmaster.pid, which the postmaster creates right after reading its
#                configuration (before preload libraries, shared memory or sockets; a clean stop
#                removed the old one). The first postgres log line (docker logs --timestamps) is
#                shown too; it comes later, after the preload libraries.
#                The same hand-over with postgres itself as the command (--entrypoint postgres
#                --user postgres, same image and volume) is runc's and postgres's own part; the
#                difference, per run, is the entrypoint's own part.
#                With perf (apt-get install linux-perf) the own part is also taken from the
#                kernel's exec events, in one more warm start per run: the exec of the image's
#                entrypoint → the exec of postgres (sched:sched_process_exec, recorded host-wide
#                for the start). No clock of Docker's enters it, so it is the steady figure: the
#                difference above carries the jitter of `.State.StartedAt` (±1-2 ms).
#   docker stop  of the warm container, idle for 2 s: the time of the `docker stop` command.
#   Testcontainers  testcontainers-node 11 (`bench/startup/testcontainers.cjs`, with the packages
#                the client suite locks in tests/clients/node):
#                `new PostgreSqlContainer(image).start()`, one query through `pg`, `stop()`;
#                with withResourcesQuota({memory: 1, cpu: 2}) and without.
# And where the cold start goes, from the containers' logs (docker logs --timestamps), with
# pgfit's own split line ("first start took ...").
#
# The official image is built at run time in a temporary context (nothing of it is kept in this
# repository): FROM the base, gosu from Debian, the official docker-entrypoint.sh and
# docker-ensure-initdb.sh, and the official Dockerfile's layout for the major (PGDATA, VOLUME,
# the sample configuration's listen_addresses = '*', STOPSIGNAL SIGINT, ENTRYPOINT, CMD). It
# runs without init scripts; pgfit with its shipped ones, as users get them. Both get
# POSTGRES_PASSWORD and nothing else.
#
# Environment:
#   PG_MAJOR         15 or 18 (default 18); the base is pgfit-base:$PG_MAJOR (BASE_IMAGE)
#   PGFIT_IMAGE      a pgfit image built FROM that base; default: build this repository's
#                    docker/Dockerfile with BASE_IMAGE and BUILDER_IMAGE (BASE_IMAGE-build)
#   OFFICIAL_SOURCE  a directory holding docker-entrypoint.sh and docker-ensure-initdb.sh, or a
#                    checkout or git directory of docker-library/postgres (default: the mirror
#                    /work/.mirror/docker-library+postgres/repo; its Debian variant of the major)
#   TC_RUNNER        host | container | none: where the Testcontainers part runs (default: host
#                    when node >= 20 is there, else a throwaway container FROM pgfit-base:17,
#                    Debian trixie's nodejs 20, with the Docker socket and --network host)
#   REPORT           where the Markdown goes besides stdout (default bench/startup/last-run.md)
#   KEEP=1           keep the scratch directory (containers' logs, build contexts)
# Every container and volume made here carries the label org.pgfit.bench.run=<run id> and is
# removed at the end, also on error or interrupt. Images are kept (their build cache makes the
# next run fast).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/startup/lib.sh
. "$here/lib.sh"
repo=$(cd "$here/../.." && pwd)
runs=${1:-5}
major=${PG_MAJOR:-18}
base=${BASE_IMAGE:-pgfit-base:$major}
official_source=${OFFICIAL_SOURCE:-/work/.mirror/docker-library+postgres/repo}
report=${REPORT:-$here/last-run.md}
run_id=pgfit-vs-$(date +%s)-$$
password=bench-$RANDOM$RANDOM
configs=(limited unlimited)
images=(official pgfit)

say() { echo "vs_official: $*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (reads the volumes' files under /var/lib/docker)"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
for tool in docker psql git stat date awk; do
    command -v "$tool" >/dev/null || die "cannot find '$tool' on PATH (psql: apt-get install postgresql-client)"
done
docker image inspect "$base" >/dev/null 2>&1 ||
    die "no image $base; make it with docker/build-offline-base.sh $base $major"

# The official layout of the major: 18 and later keep PGDATA in a major directory under one
# volume at /var/lib/postgresql; 13..17 have the volume at PGDATA itself.
if [ "$major" -ge 18 ]; then
    pgdata=/var/lib/postgresql/$major/docker mount=/var/lib/postgresql
else
    pgdata=/var/lib/postgresql/data mount=/var/lib/postgresql/data
fi
pid_file_in_volume=${pgdata#"$mount"}/postmaster.pid

work=$(mktemp -d /tmp/pgfit-vs-official.XXXXXX)
results=$work/results # lines: config image key microseconds
cleanup() {
    docker ps -aq --filter "label=org.pgfit.bench.run=$run_id" 2>/dev/null |
        xargs -r docker rm -fv >/dev/null 2>&1 || true
    docker volume ls -q --filter "label=org.pgfit.bench.run=$run_id" 2>/dev/null |
        xargs -r docker volume rm >/dev/null 2>&1 || true
    if [ -n "${KEEP:-}" ]; then
        say "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- images ------------------------------------------------------------------------------------

# Copies the official docker-entrypoint.sh and docker-ensure-initdb.sh of the major into `dest`;
# sets official_origin to where they came from.
fetch_official_files() { # dest
    local dest=$1 variant file variants
    # The official variant of the base's Debian suite when there is one (forky has none; the
    # Debian variants' entrypoints are the same file anyway).
    variants="$(docker run --rm --entrypoint sh "$base" -c '. /etc/os-release && echo "$VERSION_CODENAME"') trixie bookworm"
    if [ -f "$official_source/docker-entrypoint.sh" ]; then
        cp "$official_source/docker-entrypoint.sh" "$official_source/docker-ensure-initdb.sh" "$dest/"
        official_origin="$official_source"
        return
    fi
    for variant in $variants; do
        if [ -f "$official_source/$major/$variant/docker-entrypoint.sh" ]; then
            cp "$official_source/$major/$variant/docker-entrypoint.sh" \
                "$official_source/$major/$variant/docker-ensure-initdb.sh" "$dest/"
            official_origin="$official_source/$major/$variant"
            return
        fi
    done
    local git=(git --git-dir="$official_source")
    "${git[@]}" rev-parse --verify -q HEAD >/dev/null ||
        die "OFFICIAL_SOURCE=$official_source is neither a directory with docker-entrypoint.sh nor a docker-library/postgres checkout or git directory"
    for variant in $variants; do
        if "${git[@]}" cat-file -e "HEAD:$major/$variant/docker-entrypoint.sh" 2>/dev/null; then
            for file in docker-entrypoint.sh docker-ensure-initdb.sh; do
                "${git[@]}" show "HEAD:$major/$variant/$file" >"$dest/$file"
            done
            chmod 755 "$dest"/*.sh
            official_origin="docker-library/postgres $("${git[@]}" rev-parse --short=12 HEAD) $major/$variant"
            return
        fi
    done
    die "no Debian variant of $major ($variants) in $official_source"
}

# The official Dockerfile's steps that matter at run time, on the shared base. The base already
# has the postgres user (999), en_US.UTF-8, libnss-wrapper, xz and zstd, and PATH, LANG and
# PG_MAJOR set; gosu comes from Debian instead of GitHub (the same program, no network but
# Debian's archive). forky is Debian testing: its Release may be past Valid-Until on a mirror.
write_official_dockerfile() { # context
    local data_dir_step=""
    if [ "$major" -lt 18 ]; then
        data_dir_step="RUN install -d -o postgres -g postgres -m 1777 \"\$PGDATA\""
    fi
    cat >"$1/Dockerfile" <<EOF
FROM $base
RUN set -eux; \\
    apt-get -o Acquire::Check-Valid-Until=false update; \\
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gosu; \\
    rm -rf /var/lib/apt/lists/*; \\
    gosu --version; \\
    gosu nobody true
RUN set -eux; \\
    install -d -o postgres -g postgres -m 1777 /var/lib/postgresql; \\
    mkdir -p /docker-entrypoint-initdb.d; \\
    dpkg-divert --add --rename --divert /usr/share/postgresql/postgresql.conf.sample.dpkg "/usr/share/postgresql/$major/postgresql.conf.sample"; \\
    cp -v /usr/share/postgresql/postgresql.conf.sample.dpkg /usr/share/postgresql/postgresql.conf.sample; \\
    ln -sv ../postgresql.conf.sample "/usr/share/postgresql/$major/"; \\
    sed -ri "s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = '*'!" /usr/share/postgresql/postgresql.conf.sample; \\
    grep -F "listen_addresses = '*'" /usr/share/postgresql/postgresql.conf.sample; \\
    install -d -o postgres -g postgres -m 3777 /var/run/postgresql
ENV PGDATA $pgdata
$data_dir_step
VOLUME $mount
COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/
RUN ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
EOF
}

build_official_image() {
    local context=$work/official
    mkdir -p "$context"
    fetch_official_files "$context"
    write_official_dockerfile "$context"
    official_image=pgfit-bench-official:$major
    say "building $official_image FROM $base (official entrypoint from $official_origin)"
    DOCKER_BUILDKIT=0 docker build -t "$official_image" "$context" >"$work/build-official.log" 2>&1 ||
        { tail -30 "$work/build-official.log" >&2; die "building $official_image failed"; }
}

build_pgfit_image() {
    if [ -n "${PGFIT_IMAGE:-}" ]; then
        pgfit_image=$PGFIT_IMAGE
        docker image inspect "$pgfit_image" >/dev/null 2>&1 || die "no image PGFIT_IMAGE=$pgfit_image"
        pgfit_origin="PGFIT_IMAGE"
        return
    fi
    pgfit_image=pgfit-bench:vs-official-$major
    pgfit_origin="$(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown) of $repo"
    say "building $pgfit_image from $repo (4-5 minutes the first time)"
    DOCKER_BUILDKIT=0 docker build -f "$repo/docker/Dockerfile" --build-arg "PG_MAJOR=$major" \
        --build-arg "BASE_IMAGE=$base" --build-arg "BUILDER_IMAGE=${BUILDER_IMAGE:-$base-build}" \
        -t "$pgfit_image" "$repo" >"$work/build-pgfit.log" 2>&1 ||
        { tail -30 "$work/build-pgfit.log" >&2; die "building $pgfit_image failed"; }
}

image_of() { # official|pgfit
    if [ "$1" = official ]; then echo "$official_image"; else echo "$pgfit_image"; fi
}

# --- clocks and probes -------------------------------------------------------------------------

container_ip() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
started_us() { to_us "$(docker inspect -f '{{.State.StartedAt}}' "$1")"; }

# Waits until `SELECT 1` over TCP succeeds at `ip`: a cheap TCP connect every 5 ms until the
# port answers, then psql (SCRAM with the password) until the server accepts the query.
wait_select1() { # ip container
    local ip=$1 deadline=$((SECONDS + 180)) polls=0
    while :; do
        if (exec 3<>"/dev/tcp/$ip/5432") 2>/dev/null &&
            [ "$(PGPASSWORD=$password PGCONNECT_TIMEOUT=5 psql -h "$ip" -U postgres -d postgres \
                -w -XtAq -c 'SELECT 1' 2>/dev/null)" = 1 ]; then
            return
        fi
        # docker inspect costs tens of ms: once a second (200 polls) only.
        if [ $((++polls % 200)) -eq 0 ] && { [ "$SECONDS" -ge "$deadline" ] ||
            [ "$(docker inspect -f '{{.State.Running}}' "$2")" != true ]; }; then
            docker logs "$2" 2>&1 | tail -20 >&2
            die "container $2 did not answer SELECT 1 at $ip"
        fi
        sleep 0.005
    done
}

# Birth time (µs) of the data directory's postmaster.pid in `volume`.
pid_file_born_us() { # volume
    local file
    file=$(docker volume inspect -f '{{.Mountpoint}}' "$1")$pid_file_in_volume
    to_us "$(stat -c %w "$file")"
}

# --- one run of each measurement ---------------------------------------------------------------

limits_of() { # config
    if [ "$1" = limited ]; then echo "-m 1g --cpus 2"; fi
}

# Milestones of a cold start in each image's log: "label|regex|first or last line".
# (Read through a name reference in record_cold_split.)
# shellcheck disable=SC2034
official_milestones=(
    "initdb begins|The files belonging to this database system|first"
    "initdb done|Success\. You can now start the database server|first"
    "temporary server up|^[^ ]+ server started|first"
    "temporary server stopped|^[^ ]+ server stopped|first"
    "init process complete|PostgreSQL init process complete|first"
)
# shellcheck disable=SC2034
pgfit_milestones=(
    "plan logged|pgfit: plan for|first"
    "initdb begins|The files belonging to this database system|first"
    "initdb done|syncing data to disk|first"
    "template copied|initdb: skipped; PGDATA is a copy|first"
    "temporary server up|ready to accept connections|first"
    "temporary server stopped|database system is shut down|first"
    "init process complete|PostgreSQL init process complete|first"
)
postgres_line='^[^ ]+ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ [A-Za-z0-9+-]+ \[[0-9]+\]'

# Records the segments between successive milestones of a cold start (found ones only).
record_cold_split() { # config image log t0 started pid-born selected
    local config=$1 image=$2 log=$3 names=() times=() entry label regex which t i
    names+=("docker run") times+=("$4")
    names+=("container started") times+=("$5")
    local -n milestones=${image}_milestones
    for entry in "${milestones[@]}"; do
        IFS='|' read -r label regex which <<<"$entry"
        t=$(log_line_us "$log" "$regex" "$which")
        [ -z "$t" ] || { names+=("$label"); times+=("$t"); }
    done
    names+=("final postmaster.pid") times+=("$6")
    t=$(log_line_us "$log" 'ready to accept connections' last)
    [ -z "$t" ] || { names+=("final server ready"); times+=("$t"); }
    names+=("SELECT 1 seen") times+=("$7")
    for ((i = 1; i < ${#names[@]}; i++)); do
        record "$config" "$image" "split:$i:${names[i - 1]} → ${names[i]}" $((times[i] - times[i - 1]))
    done
    # pgfit's own account: "first start took N ms: initdb N ms, ... , sync N ms".
    local own
    own=$(sed -n 's/.*first start took \([0-9]*\) ms: \(.*\)$/total \1 ms, \2/p' "$log" | tail -1)
    [ -z "$own" ] || while IFS= read -r part; do
        if [[ $part =~ ^\ *(.*[^ ])\ ([0-9]+)\ ms$ ]]; then
            record "$config" "$image" "own:${BASH_REMATCH[1]}" $((BASH_REMATCH[2] * 1000))
        fi
    done < <(tr ',' '\n' <<<"$own")
}

# Cold start, warm start, hand-over and docker stop for one image and configuration.
docker_series() { # config image run
    local config=$1 image=$2 name="$run_id-$1-$2-$3" limits t0 t1 ip started born first ready
    read -ra limits <<<"$(limits_of "$config")"
    docker volume create --label "org.pgfit.bench.run=$run_id" "$name" >/dev/null
    local run=(docker run -d --label "org.pgfit.bench.run=$run_id" "${limits[@]}"
        -v "$name:$mount" -e "POSTGRES_PASSWORD=$password" "$(image_of "$image")")

    t0=$(now_us)
    "${run[@]:0:2}" --name "$name-cold" "${run[@]:2}" >/dev/null
    ip=$(container_ip "$name-cold")
    wait_select1 "$ip" "$name-cold"
    t1=$(now_us)
    record "$config" "$image" cold $((t1 - t0))
    started=$(started_us "$name-cold")
    born=$(pid_file_born_us "$name")
    docker logs -t "$name-cold" >"$work/$name-cold.log" 2>&1
    ready=$(log_line_us "$work/$name-cold.log" 'ready to accept connections' last)
    record "$config" "$image" cold:run $((started - t0))
    record "$config" "$image" cold:init $((born - started))
    [ -z "$ready" ] || record "$config" "$image" cold:ready $((ready - born))
    [ -z "$ready" ] || record "$config" "$image" cold:select $((t1 - ready))
    record_cold_split "$config" "$image" "$work/$name-cold.log" "$t0" "$started" "$born" "$t1"
    docker stop "$name-cold" >/dev/null
    docker rm -v "$name-cold" >/dev/null

    t0=$(now_us)
    "${run[@]:0:2}" --name "$name-warm" "${run[@]:2}" >/dev/null
    ip=$(container_ip "$name-warm")
    wait_select1 "$ip" "$name-warm"
    t1=$(now_us)
    started=$(started_us "$name-warm")
    born=$(pid_file_born_us "$name")
    docker logs -t "$name-warm" >"$work/$name-warm.log" 2>&1
    first=$(log_line_us "$work/$name-warm.log" "$postgres_line" first)
    ready=$(log_line_us "$work/$name-warm.log" 'ready to accept connections' last)
    record "$config" "$image" warm $((t1 - t0))
    record "$config" "$image" warm:run $((started - t0))
    local handover=$((born - started))
    record "$config" "$image" warm:handover "$handover"
    [ -z "$first" ] || record "$config" "$image" warm:firstline $((first - started))
    [ -z "$ready" ] || record "$config" "$image" warm:ready $((ready - born))
    [ -z "$ready" ] || record "$config" "$image" warm:select $((t1 - ready))

    sleep 2
    t0=$(now_us)
    docker stop "$name-warm" >/dev/null
    t1=$(now_us)
    record "$config" "$image" stop $((t1 - t0))
    docker rm -v "$name-warm" >/dev/null

    local pid_file
    pid_file=$(docker volume inspect -f '{{.Mountpoint}}' "$name")$pid_file_in_volume
    if [ "$exec_events" = true ]; then
        local own_exec
        own_exec=$(exec_events_own_part "$image" "$pid_file" "${run[@]:0:2}" --name "$name-traced" "${run[@]:2}")
        [ -z "$own_exec" ] || record "$config" "$image" warm:own_exec "$own_exec"
        docker stop "$name-traced" >/dev/null
        docker rm -v "$name-traced" >/dev/null
    fi

    # The same hand-over without an entrypoint: postgres itself is the container's command (as
    # postgres, same image and volume), so its time is runc's and postgres's own; the
    # entrypoint's own part is the difference, per run.
    "${run[@]:0:2}" --name "$name-bare" --user postgres --entrypoint postgres "${run[@]:2}" \
        -D "$pgdata" >/dev/null
    local deadline=$((SECONDS + 60))
    until [ -e "$pid_file" ]; do
        [ "$SECONDS" -lt "$deadline" ] || { docker logs "$name-bare" 2>&1 | tail -20 >&2; die "no postmaster.pid from $name-bare"; }
        sleep 0.005
    done
    started=$(started_us "$name-bare")
    born=$(pid_file_born_us "$name")
    record "$config" "$image" warm:bare $((born - started))
    record "$config" "$image" warm:own $((handover - (born - started)))
    docker rm -fv "$name-bare" >/dev/null
    docker volume rm "$name" >/dev/null
}

# With perf and the sched tracepoints: "true" (see the header); checked once.
exec_events=false
if perf_can_record sched:sched_process_exec; then
    exec_events=true
fi

# Runs `docker run ...` (a warm start) under `perf record` of every exec until `pid_file`
# exists; prints the µs from the first exec of the image's entrypoint to the first exec of a
# .../bin/postgres after it (nothing when either is missing).
exec_events_own_part() { # image pid-file docker-run-args...
    local image=$1 pid_file=$2 entrypoint
    shift 2
    entrypoint=$(docker image inspect -f '{{index .Config.Entrypoint 0}}' "$(image_of "$image")")
    # shellcheck disable=SC2016 # expanded by the inner bash
    perf record -q -e sched:sched_process_exec -a -o "$work/exec.data" -- \
        bash -c '"$@" >/dev/null && deadline=$((SECONDS + 60)) &&
            until [ -e "$0" ]; do [ "$SECONDS" -lt "$deadline" ] || exit 1; sleep 0.005; done' \
        "$pid_file" "$@" 2>/dev/null || return 0
    perf script -i "$work/exec.data" -F time,trace 2>/dev/null | awk -v entry="/${entrypoint##*/}" '
        !start && index($0, entry " ") { start = $1 + 0 }
        start && /filename=[^ ]*\/bin\/postgres / { printf "%.0f\n", ($1 - start) * 1e6; exit }'
}

# --- Testcontainers ----------------------------------------------------------------------------

node_dir=$work/node
prepare_testcontainers() {
    tc_runner=${TC_RUNNER:-}
    if [ -z "$tc_runner" ]; then
        local version
        version=$(node --version 2>/dev/null || echo v0)
        version=${version#v}
        if [ "${version%%.*}" -ge 20 ] && command -v npm >/dev/null; then tc_runner=host; else tc_runner=container; fi
    fi
    [ "$tc_runner" != none ] || return 0
    mkdir -p "$node_dir"
    cp "$repo/tests/clients/node/package.json" "$repo/tests/clients/node/package-lock.json" \
        "$here/testcontainers.cjs" "$node_dir/"
    if [ "$tc_runner" = host ]; then
        say "Testcontainers on the host: node $(node --version), npm ci"
        (cd "$node_dir" && npm ci --ignore-scripts --no-audit --no-fund >"$work/npm.log" 2>&1) ||
            { tail -20 "$work/npm.log" >&2; die "npm ci failed"; }
        tc_node=(node "$node_dir/testcontainers.cjs")
        return
    fi
    # Debian trixie's nodejs (20) in a throwaway image FROM the offline trixie base.
    local runner_base=${NODE_RUNNER_BASE:-pgfit-base:17}
    docker image inspect "$runner_base" >/dev/null 2>&1 ||
        die "no $runner_base for the Testcontainers runner (PGFIT_BASE_RUNTIME_ONLY=true docker/build-offline-base.sh pgfit-base:17 17, or TC_RUNNER=none)"
    mkdir -p "$work/node-image"
    printf '%s\n' "FROM $runner_base" \
        'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*' \
        >"$work/node-image/Dockerfile"
    say "Testcontainers in a container: building pgfit-bench-node FROM $runner_base"
    DOCKER_BUILDKIT=0 docker build -t pgfit-bench-node "$work/node-image" >"$work/build-node.log" 2>&1 ||
        { tail -20 "$work/build-node.log" >&2; die "building pgfit-bench-node failed"; }
    local in_runner=(docker run --rm --label "org.pgfit.bench.run=$run_id" --network host
        -v /var/run/docker.sock:/var/run/docker.sock -v "$node_dir:/bench" -w /bench
        -e TESTCONTAINERS_RYUK_DISABLED=true -e TESTCONTAINERS_HOST_OVERRIDE=localhost)
    # The host's trust store, for a registry reached through a TLS-inspecting proxy.
    local host_ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
    if [ -f "$host_ca" ]; then
        in_runner+=(-v "$host_ca:/etc/ssl/host-ca.crt:ro" -e NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca.crt
            -e npm_config_cafile=/etc/ssl/host-ca.crt)
    fi
    in_runner+=(pgfit-bench-node)
    "${in_runner[@]}" npm ci --ignore-scripts --no-audit --no-fund >"$work/npm.log" 2>&1 ||
        { tail -20 "$work/npm.log" >&2; die "npm ci failed"; }
    tc_node=("${in_runner[@]}" node testcontainers.cjs)
}

ms_to_us() { awk -v v="$1" 'BEGIN { printf "%d", v * 1000 }'; }

tc_run() { # config image
    local memory=0 cpus=0 out start query stop
    if [ "$1" = limited ]; then memory=1 cpus=2; fi
    out=$(TESTCONTAINERS_RYUK_DISABLED=true "${tc_node[@]}" "$(image_of "$2")" "$memory" "$cpus" "$run_id") ||
        die "Testcontainers run of $2 ($1) failed"
    read -r start query stop <<<"$out"
    record "$1" "$2" tc $(($(ms_to_us "$start") + $(ms_to_us "$query") + $(ms_to_us "$stop")))
    record "$1" "$2" tc:start "$(ms_to_us "$start")"
    record "$1" "$2" tc:query "$(ms_to_us "$query")"
    record "$1" "$2" tc:stop "$(ms_to_us "$stop")"
}

# --- report ------------------------------------------------------------------------------------

rows=(
    "cold|cold start: docker run → first TCP SELECT 1"
    "cold:run|  docker run → container started"
    "cold:init|  container started → final server's postmaster.pid (init)"
    "cold:ready|  postmaster.pid → ready to accept connections"
    "cold:select|  ready → SELECT 1 seen by the host"
    "warm|warm start (new container, same volume): docker run → first TCP SELECT 1"
    "warm:run|  docker run → container started"
    "warm:handover|  entrypoint's hand-over: container started → postmaster.pid created"
    "warm:bare|  the same without an entrypoint: postgres as the command → postmaster.pid"
    "warm:own|  the entrypoint's own part (hand-over − the same without it, per run)"
    "warm:own_exec|  the entrypoint's own part by the kernel's exec events (its exec → postgres's exec)"
    "warm:firstline|  container started → first postgres log line"
    "warm:ready|  postmaster.pid → ready to accept connections"
    "warm:select|  ready → SELECT 1 seen by the host"
    "stop|docker stop (idle warm container)"
    "tc|Testcontainers: start() + one query + stop()"
    "tc:start|  start()"
    "tc:query|  pg connect + SELECT 1 + end"
    "tc:stop|  stop() (kill, remove)"
)
config_title() {
    if [ "$1" = limited ]; then echo "docker run -m 1g --cpus 2 (Testcontainers: withResourcesQuota({memory: 1, cpu: 2}))"
    else echo "no limits (docker run and Testcontainers defaults)"; fi
}

main_table() { # config
    local key label official pgfit
    printf '\n## %s\n\n| measurement | official | pgfit | ratio |\n| --- | ---: | ---: | ---: |\n' "$(config_title "$1")"
    for row in "${rows[@]}"; do
        IFS='|' read -r key label <<<"$row"
        [[ $key != tc* ]] || [ "$tc_runner" != none ] || continue
        [ "$key" != warm:own_exec ] || [ "$exec_events" = true ] || continue
        official=$(stat_of "$1" official "$key")
        pgfit=$(stat_of "$1" pgfit "$key")
        printf '| %s | %s | %s | %s |\n' "$label" "$official" "$pgfit" "$(ratio "$official" "$pgfit")"
    done
}

split_table() { # config image
    local key
    printf '\n%s, %s:\n\n| segment | ms |\n| --- | ---: |\n' "$2" "$(config_title "$1" | sed 's/ (.*//')"
    awk -v c="$1" -v i="$2" '$1 == c && $2 == i && $3 ~ /^(split|own):/ {
            key = $3; for (f = 4; f < NF; f++) key = key " " $f; print key }' "$results" |
        awk '!seen[$0]++' | sort -t: -k1,1r -k2,2n -s |
        while IFS= read -r key; do
            label=${key#*:}
            if [[ $key == own:* ]]; then label="pgfit's own split: $label"; else label=${label#*:}; fi
            printf '| %s | %s |\n' "$label" "$(stat_of "$1" "$2" "$key")"
        done
}

machine() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    printf '%s CPUs (%s), kernel %s, Docker engine %s, client %s (cgroup v%s, %s, log driver %s)' \
        "$(nproc)" "$cpu" "$(uname -r)" "$(docker version -f '{{.Server.Version}}')" \
        "$(docker version -f '{{.Client.Version}}')" \
        "$(docker info -f '{{.CgroupVersion}}')" "$(docker info -f '{{.Driver}}')" \
        "$(docker info -f '{{.LoggingDriver}}')"
}

report_markdown() {
    local config image
    printf '# pgfit against the official entrypoint: start-up (bench/startup/vs_official.sh)\n\n'
    printf -- '- date: %s; %d runs of each, interleaved (official, pgfit, official, pgfit ...)\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$runs"
    printf -- '- machine: %s\n' "$(machine)"
    printf -- '- base of both images: %s (%s, %s)\n' "$base" \
        "$(docker image inspect -f '{{.Id}}' "$base" | cut -c8-19)" \
        "$(docker run --rm --entrypoint postgres "$base" --version)"
    printf -- '- official: %s, its docker-entrypoint.sh and docker-ensure-initdb.sh from %s, gosu from Debian; no init scripts\n' "$official_image" "$official_origin"
    printf -- '- pgfit: %s (%s, %s); its shipped init scripts on\n' "$pgfit_image" \
        "$(docker image inspect -f '{{.Id}}' "$pgfit_image" | cut -c8-19)" "$pgfit_origin"
    printf -- '- client: the host'"'"'s psql (%s) at the container'"'"'s bridge IP, polled every 5 ms; Testcontainers: %s\n' \
        "$(psql --version | awk '{ print $3 }')" "$tc_runner"
    printf -- '- ms, median (p90, nearest rank); ratio = pgfit median / official median\n'
    for config in "${configs[@]}"; do
        main_table "$config"
    done
    # shellcheck disable=SC2016 # Markdown's backticks
    printf '\n## Where the cold start goes\n\nMedians of the time between successive milestones: docker run and the SELECT 1 on the host clock, the container start from `docker inspect`, the final postmaster.pid from its birth time, the rest from `docker logs --timestamps` (when the daemon read the line).\n'
    for config in "${configs[@]}"; do
        for image in "${images[@]}"; do
            split_table "$config" "$image"
        done
    done
}

# --- main --------------------------------------------------------------------------------------

build_official_image
build_pgfit_image
prepare_testcontainers
say "$runs runs of each, PostgreSQL $major on $base, run id $run_id"
for i in $(seq "$runs"); do
    for config in "${configs[@]}"; do
        for image in "${images[@]}"; do
            say "run $i/$runs, $config, $image: cold, warm, stop"
            docker_series "$config" "$image" "$i"
        done
        if [ "$tc_runner" != none ]; then
            for image in "${images[@]}"; do
                say "run $i/$runs, $config, $image: Testcontainers"
                tc_run "$config" "$image"
            done
        fi
    done
done
report_markdown | tee "$report"
say "wrote $report"
