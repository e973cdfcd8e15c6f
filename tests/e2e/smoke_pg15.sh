#!/usr/bin/env bash
# PostgreSQL 15 (the fixture's image-15) still works: the first start initialises with
# POSTGRES_PASSWORD and runs with the settings `pgfit plan` gives for the same limits; a second
# start skips the init; `docker stop` shuts the server down cleanly.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
E2E_IMAGE=$(e2e_state image-15)
require_runtime
limits=(-m 1g --cpus 2)

e2e_name server "server"
start_postgres "$server" "${limits[@]}" -e POSTGRES_PASSWORD=smoke "$E2E_IMAGE"
wait_ready "$server"
assert_contains "$(psql_in "$server" -c 'SHOW server_version')" "15." "the server's version"
assert_contains "$(docker_logs "$server")" "PostgreSQL init process complete" "the first start's init"

note "the planned settings are in effect"
assert_eq "$(psql_in "$server" -c 'SHOW max_connections')" "$(planned max_connections "${limits[@]}")" "max_connections"
# In bytes: SHOW may print another unit than the plan for the same size.
assert_eq "$(psql_in "$server" -c "SELECT pg_size_bytes(current_setting('shared_buffers'))")" \
    "$(psql_in "$server" -c "SELECT pg_size_bytes('$(planned shared_buffers "${limits[@]}")')")" "shared_buffers"

note "a restart skips the init; docker stop is clean"
docker restart "$server" >/dev/null
wait_ready "$server"
assert_contains "$(docker_logs "$server")" "Skipping initialization" "the second start"
docker stop -t 30 "$server" >/dev/null
assert_eq "$(docker inspect -f '{{.State.ExitCode}}' "$server")" 0 "the exit status after docker stop"
logs=$(docker_logs "$server")
assert_contains "$logs" "database system is shut down" "the log after docker stop"
# Every server that came up (the init-time one, the first and the second start) shut down.
assert_eq "$(grep -c 'database system is shut down' <<<"$logs")" \
    "$(grep -c 'database system is ready to accept connections' <<<"$logs")" "clean shutdowns, one per server started"
