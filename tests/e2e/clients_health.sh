#!/usr/bin/env bash
# `pgfit health`, the image's HEALTHCHECK: exit 0 only when the real server accepts TCP
# connections as POSTGRES_USER (here not `postgres`, so a check that logs in as postgres fails);
# non-zero — an answer, not "command not found" (126/127) — while the init scripts run (the
# temporary server) and while the server shuts down; Docker then reports the container healthy.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/clients.sh"
require_runtime

mkdir "$T_DIR/initdb"
echo 'SELECT pg_sleep(4);' >"$T_DIR/initdb/slow.sql"
chmod 644 "$T_DIR/initdb/slow.sql"

e2e_name server "server"
start_postgres "$server" -v "$T_DIR/initdb:/docker-entrypoint-initdb.d:ro" \
    -e POSTGRES_USER=owner -e POSTGRES_PASSWORD=owner-pw -e POSTGRES_DB=ownerdb "$E2E_IMAGE"

health() { # → pgfit health's exit status in the container
    local status=0
    timeout 20 docker exec "$server" pgfit health >"$T_DIR/health.out" 2>&1 || status=$?
    echo "$status"
}
expect_unhealthy() { # when
    local status
    status=$(health)
    case $status in
    0) fail "pgfit health exits 0 $1" ;;
    124) fail "pgfit health did not answer in 20 s $1" ;;
    126 | 127) fail "pgfit health cannot run $1 (exit $status): $(cat "$T_DIR/health.out")" ;;
    esac
}

note "during the init script"
init_script_running() { docker_logs "$server" | grep -q 'initdb.d/slow.sql'; }
wait_until 60 init_script_running || fail "the init script did not start in 60 s: $(docker_logs "$server" | tail -20)"
expect_unhealthy "while the init script runs"
assert_not_contains "$(docker_logs "$server")" "PostgreSQL init process complete" \
    "the init was still running when pgfit health answered (the check came too late)"

note "the real server"
wait_serving "$server"
status=$(health)
assert_eq "$status" 0 "pgfit health once the real server accepts connections ($(cat "$T_DIR/health.out"))"
healthcheck=$(docker image inspect -f '{{json .Config.Healthcheck}}' "$E2E_IMAGE")
[ "$healthcheck" != null ] || fail "$E2E_IMAGE has no HEALTHCHECK"
healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$server")" = healthy ]; }
wait_until 120 healthy || fail "Docker does not report $server healthy after 120 s (HEALTHCHECK $healthcheck): $(docker inspect -f '{{json .State.Health}}' "$server")"

note "during a shutdown"
# A smart shutdown (SIGTERM to the postmaster itself) waits for this session to end: the
# server refuses new connections meanwhile.
docker exec -d "$server" psql -U owner -d ownerdb -c 'SELECT pg_sleep(60)'
session_open() { [ "$(psql_in "$server" -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'")" = 1 ]; }
wait_until 20 session_open || fail "the session holding the server did not start"
docker exec "$server" sh -c 'kill -TERM "$(head -1 "$PGDATA/postmaster.pid")"'
shutting_down() { ! docker exec "$server" pg_isready -q -h 127.0.0.1; }
wait_until 20 shutting_down || fail "the server still accepts connections after SIGTERM"
expect_unhealthy "while the server shuts down"
