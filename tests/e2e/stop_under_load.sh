#!/usr/bin/env bash
# `docker stop` of a server under pgbench write load plus a client that records every commit
# PostgreSQL acknowledged: the stop ends cleanly (exit 0) well inside Docker's stop timeout, the
# next start needs no crash recovery, and no acknowledged commit is missing.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name network "net"
e2e_name server "server"
docker network create "$network" >/dev/null
start_postgres "$server" --network "$network" -m 1g -e POSTGRES_PASSWORD=load "$E2E_IMAGE"
wait_ready "$server"
psql_in "$server" -c 'CREATE TABLE acked (id int PRIMARY KEY)'
docker exec -u postgres "$server" pgbench -q -i -s 5 postgres >/dev/null 2>&1 || fail "pgbench -i failed"

note "load: pgbench (4 clients) and a recording client, both over TCP from other containers"
docker run --rm --network "$network" -e PGPASSWORD=load "$E2E_IMAGE" \
    pgbench -h "$server" -U postgres -c 4 -j 2 -T 300 postgres >"$T_DIR/pgbench.log" 2>&1 &
# One INSERT per transaction (autocommit); psql prints "INSERT 0 1" once the commit is
# acknowledged, line-buffered so nothing acknowledged is lost in a buffer.
seq 1 10000000 | sed 's/.*/INSERT INTO acked VALUES (&);/' |
    docker run --rm -i --network "$network" -e PGPASSWORD=load "$E2E_IMAGE" \
        stdbuf -oL psql -X -h "$server" -U postgres -v ON_ERROR_STOP=1 >"$T_DIR/acked.log" 2>"$T_DIR/client.log" &
acked() { grep -c '^INSERT 0 1$' "$T_DIR/acked.log" || true; }
many_acked() { [ "$(acked)" -ge 500 ]; }
wait_until 60 many_acked || fail "the recording client did not get going: $(cat "$T_DIR/client.log")"

note "docker stop under load"
timeout=30
started=$SECONDS
docker stop -t "$timeout" "$server" >/dev/null
elapsed=$((SECONDS - started))
wait
committed=$(acked)
note "stopped in $elapsed s with $committed acknowledged commits"
[ "$elapsed" -lt "$timeout" ] || fail "docker stop took $elapsed s: Docker had to kill the container"
assert_eq "$(docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' "$server")" "0 false" "exit code, OOM"
assert_contains "$(docker_logs "$server")" "database system is shut down" "a clean shutdown"

note "restart: no recovery, every acknowledged commit is there"
docker start "$server" >/dev/null
wait_ready "$server"
restart_log=$(docker_logs "$server" | sed -n '/database system is shut down/,$p')
assert_not_contains "$restart_log" "database system was interrupted" "the restart"
assert_not_contains "$restart_log" "redo starts" "the restart"
assert_eq "$(psql_in "$server" -c "SELECT count(*) FROM acked WHERE id <= $committed")" "$committed" \
    "acknowledged commits present after the restart"
