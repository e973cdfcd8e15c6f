# Helpers for the Docker end-to-end tests. Source after tests/lib/common.sh. The fixture
# (fixture/setup.sh) has started the engine and built the image named in $E2E_STATE/image.
#
#   E2E_IMAGE                    the image under test (PostgreSQL 18)
#   E2E_PGDATA, E2E_VOLUME       its PGDATA and its one VOLUME, read from the image
#   e2e_state NAME               what the fixture recorded in $E2E_STATE/NAME (image-15, base-17 ...)
#   image_env IMAGE VAR          the value of VAR in IMAGE's configured environment
#   require_runtime              fails the test unless the image runs a command (`echo`)
#   e2e_name VAR SUFFIX          sets VAR to a unique container/network/volume/project name;
#                                what carries it is removed when the test ends (not in $(...):
#                                the name must be registered in this shell)
#   start_postgres NAME ARGS...  docker run -d --name NAME ARGS... (ARGS end with the image and
#                                its command)
#   wait_ready NAME [SECONDS]    until the real server accepts TCP connections in NAME
#   psql_in NAME ARGS...         psql inside NAME over the socket as POSTGRES_USER, unaligned
#   docker_logs NAME             the container's whole output
#   planned NAME RUN-FLAGS...    the value `pgfit plan --format args` gives setting NAME in
#                                E2E_IMAGE under `docker run RUN-FLAGS` (fails when it has none)

E2E_STATE=${PGFIT_BUILD_DIR:-$PGFIT_SOURCE_DIR/build/release}/e2e
docker info >/dev/null 2>&1 || skip "no Docker engine answers (the e2e fixture starts one)"
[ -s "$E2E_STATE/image" ] || skip "no image built by the e2e fixture ($E2E_STATE/image)"
E2E_IMAGE=$(cat "$E2E_STATE/image")
export E2E_IMAGE

e2e_state() { # name
    [ -s "$E2E_STATE/$1" ] || fail "the e2e fixture did not record $E2E_STATE/$1"
    cat "$E2E_STATE/$1"
}

image_env() { # image var
    docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1" | sed -n "s/^$2=//p"
}

# 13..17: the volume is PGDATA; 18+: /var/lib/postgresql, PGDATA inside it.
E2E_PGDATA=$(image_env "$E2E_IMAGE" PGDATA)
E2E_VOLUME=$(docker image inspect -f '{{range $path, $_ := .Config.Volumes}}{{println $path}}{{end}}' "$E2E_IMAGE")
[ -n "$E2E_PGDATA" ] && [ "$(wc -l <<<"$E2E_VOLUME")" -eq 1 ] ||
    fail "$E2E_IMAGE: expected PGDATA and one volume, got '$E2E_PGDATA' and '$E2E_VOLUME'"

require_runtime() {
    local output
    output=$(docker run --rm "$E2E_IMAGE" echo pgfit-runtime-probe 2>&1) ||
        fail "docker run IMAGE echo failed: $output"
    [ "$output" = pgfit-runtime-probe ] || fail "docker run IMAGE echo printed: $output"
}

_e2e_names=()
e2e_name() { # var suffix
    local name
    name="pgfit-e2e-$T_NAME-$2-$$"
    name=${name//_/-}
    _e2e_names+=("$name")
    printf -v "$1" '%s' "$name"
}

_e2e_cleanup() {
    local name
    # Containers first (with their anonymous volumes): a network or volume in use cannot go.
    for name in "${_e2e_names[@]}"; do
        docker rm -fv "$name" >/dev/null 2>&1 || true
    done
    for name in "${_e2e_names[@]}"; do
        docker network rm "$name" >/dev/null 2>&1 || true
        docker volume rm "$name" >/dev/null 2>&1 || true
    done
}
on_exit _e2e_cleanup

start_postgres() { # name args...
    local name=$1
    shift
    docker run -d --name "$name" "$@" >/dev/null || fail "docker run $name failed"
}

wait_ready() { # name [seconds]
    local name=$1 seconds=${2:-120}
    wait_until "$seconds" docker exec "$name" pg_isready -q -h 127.0.0.1 -p 5432 ||
        fail "$name: not accepting TCP connections after $seconds s; its log:
$(docker logs "$name" 2>&1 | tail -40)"
}

psql_in() { # name args...
    local name=$1
    shift
    docker exec -u postgres "$name" sh -c 'exec psql -X -q -At -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" "$@"' psql "$@"
}

docker_logs() { docker logs "$1" 2>&1; }

planned() { # name run-flags...
    local name=$1 plan value
    shift
    plan=$(docker run --rm "$@" "$E2E_IMAGE" pgfit plan --format args) || fail "pgfit plan ($*) failed"
    value=$(sed -n "s/^-c $name=//p" <<<"$plan")
    [ -n "$value" ] || fail "the plan ($*) has no $name: $plan"
    printf '%s\n' "$value"
}

# A copy of stacks/STACK in $T_DIR/PROJECT with .env from .env.example plus `VAR=value`
# overrides, the secret files of $STACK_SECRETS_FROM (a directory, when set) and fresh ones for
# the rest, then `docker-compose up -d`; taken down with its volumes at exit.
stack_up() { # stack project VAR=value...
    local stack=$1 project=$2 dir="$T_DIR/$2" assignment
    shift 2
    cp -r "$PGFIT_SOURCE_DIR/stacks/$stack" "$dir"
    cp "$PGFIT_SOURCE_DIR/stacks/make-secrets.sh" "$T_DIR/make-secrets.sh"
    cp "$dir/.env.example" "$dir/.env"
    for assignment in "PGFIT_IMAGE=$E2E_IMAGE" "$@"; do
        sed -i "/^${assignment%%=*}=/d" "$dir/.env"
        printf '%s\n' "$assignment" >>"$dir/.env"
    done
    if [ -n "${STACK_SECRETS_FROM:-}" ]; then
        mkdir -p "$dir/secrets"
        cp "$STACK_SECRETS_FROM"/* "$dir/secrets/"
    fi
    (cd "$dir" && sh "$T_DIR/make-secrets.sh" >/dev/null)
    on_exit "(cd '$dir' && docker-compose -p '$project' down -v --remove-orphans >/dev/null 2>&1)"
    (cd "$dir" && docker-compose -p "$project" up -d >"$T_DIR/$project-up.log" 2>&1) ||
        fail "docker-compose up ($stack) failed: $(cat "$T_DIR/$project-up.log")"
}

# Until the service's container reports healthy.
wait_healthy() { # project service [seconds]
    local container seconds=${3:-180}
    container=$(docker ps -aq --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.service=$2")
    [ -n "$container" ] || fail "no container for service $2 in $1"
    healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$container")" = healthy ]; }
    wait_until "$seconds" healthy || fail "$1/$2 is not healthy after $seconds s: $(docker logs "$container" 2>&1 | tail -40)"
    printf '%s' "$container"
}

# The value of a JSON field path (python3 is on every machine with docker-compose).
json_get() { # json path.to.key
    python3 -c 'import json,sys
value = json.loads(sys.argv[1])
for key in sys.argv[2].split("."):
    value = value[key]
print(value)' "$1" "$2"
}
