#!/usr/bin/env bash
# docker-ensure-initdb.sh / docker-enforce-initdb.sh as in the official image: initialise an
# empty volume and exit 0 without leaving a server; on an initialised one, ensure says so and
# exits 0, enforce refuses with exit 1; a normal start then skips the init.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name volume "data"
docker volume create "$volume" >/dev/null
run() { docker run --rm -v "$volume:$E2E_VOLUME" -e POSTGRES_PASSWORD=ensure "$E2E_IMAGE" "$@"; }

note "an empty volume: initialised, no server left"
output=$(run docker-ensure-initdb.sh 2>&1) || fail "docker-ensure-initdb.sh failed: $output"
assert_contains "$output" "PostgreSQL init process complete; ready for start up." "the init"

note "an initialised volume"
assert_eq "$(run docker-ensure-initdb.sh 2>&1)" "note: database already initialized in '$E2E_PGDATA'!" \
    "ensure on an initialised volume"
status=0
output=$(run docker-enforce-initdb.sh 2>&1) || status=$?
assert_eq "$status" 1 "enforce's exit code"
assert_eq "$output" "error: (unexpected) database found in '$E2E_PGDATA'!" "enforce's message"

note "a normal start uses the volume as it is"
e2e_name server "server"
start_postgres "$server" -v "$volume:$E2E_VOLUME" -e POSTGRES_PASSWORD=ensure "$E2E_IMAGE"
wait_ready "$server"
assert_contains "$(docker_logs "$server")" "Skipping initialization" "the start after the init container"
docker rm -fv "$server" >/dev/null
