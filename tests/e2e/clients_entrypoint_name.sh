#!/usr/bin/env bash
# `docker-entrypoint.sh`, the official image's entrypoint, called by name as users and tools do:
#   entrypoint   docker run --entrypoint docker-entrypoint.sh IMAGE postgres
#   command      compose's `command: ["docker-entrypoint.sh", "postgres"]` (the image's own
#                entrypoint stays in front)
#   wrapper      a script that ends in `exec /usr/local/bin/docker-entrypoint.sh "$@"` as the
#                entrypoint (what Testcontainers' withSSL and many derived images install)
# Each: the first start initialises POSTGRES_USER/POSTGRES_DB (the temporary and the real server
# log their ready line), a client from outside logs in with the password, and `docker stop`
# ends it cleanly (exit 0, well before Docker's 10 s kill).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/clients.sh"
require_runtime
outside_clients

cat >"$T_DIR/wrapper.sh" <<'SH'
#!/bin/sh
set -eu
echo "wrapper: handing over to docker-entrypoint.sh"
exec /usr/local/bin/docker-entrypoint.sh "$@"
SH
chmod 755 "$T_DIR/wrapper.sh"

env=(-p 127.0.0.1::5432 -e POSTGRES_USER=named -e POSTGRES_PASSWORD=named-pw -e POSTGRES_DB=nameddb)
problems=()
servers=()
launch() { # way run-args...
    local way=$1 container output
    shift
    e2e_name container "$way"
    if output=$(docker run -d --name "$container" "${env[@]}" "$@" 2>&1 >/dev/null); then
        servers+=("$way=$container")
    else
        problems+=("$way: docker run failed: $output")
    fi
}
# Started together: they initialise side by side.
launch entrypoint --entrypoint docker-entrypoint.sh "$E2E_IMAGE" postgres
launch command "$E2E_IMAGE" docker-entrypoint.sh postgres
launch wrapper -v "$T_DIR/wrapper.sh:/usr/local/bin/wrapper.sh:ro" --entrypoint sh "$E2E_IMAGE" /usr/local/bin/wrapper.sh postgres

for entry in "${servers[@]}"; do
    way=${entry%%=*}
    server=${entry#*=}
    if ! (wait_serving "$server") 2>"$T_DIR/wait.log"; then
        problems+=("$way: $(cat "$T_DIR/wait.log")")
        continue
    fi
    port=$(published_port "$server")
    who=$(PGPASSWORD=named-pw PGCONNECT_TIMEOUT=10 outside psql -X -At -h 127.0.0.1 -p "$port" -U named -d nameddb \
        -c "SELECT current_user || '@' || current_database()" 2>&1) || who="no login: $who"
    [ "$who" = named@nameddb ] || problems+=("$way: the login as POSTGRES_USER in POSTGRES_DB: $who")
    lines=$(ready_lines "$server")
    [ "$lines" = 2 ] || problems+=("$way: $lines ready lines on the first start, expected 2 (temporary and real server)")
    stop_started=$SECONDS
    docker stop "$server" >/dev/null
    status=$(docker inspect -f '{{.State.ExitCode}}' "$server")
    [ "$status" = 0 ] && [ $((SECONDS - stop_started)) -lt 9 ] ||
        problems+=("$way: docker stop took $((SECONDS - stop_started)) s, exit code $status; the log's end: $(docker_logs "$server" | tail -5)")
done
[ "${#problems[@]}" -eq 0 ] || fail "docker-entrypoint.sh by name:$(printf '\n  %s' "${problems[@]}")"
