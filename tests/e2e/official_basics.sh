#!/usr/bin/env bash
# The official image's postgres-basics test: user, password and database with spaces; a client
# in another container logs in over TCP with the password; create/insert/select/delete/drop;
# JIT available. The cluster is the image's template copied, its superuser renamed.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name network "net"
e2e_name server "server"
docker network create "$network" >/dev/null
start_postgres "$server" --network "$network" \
    -e POSTGRES_USER='my cool postgres user' \
    -e POSTGRES_PASSWORD='my cool postgres password' \
    -e POSTGRES_DB='my cool postgres database' \
    "$E2E_IMAGE"
wait_ready "$server"

client() { # sql
    docker run --rm -i --network "$network" -e PGPASSWORD='my cool postgres password' "$E2E_IMAGE" \
        psql --host "$server" --username 'my cool postgres user' --dbname 'my cool postgres database' \
        --quiet --no-align --tuples-only -v ON_ERROR_STOP=1 -c "$1"
}
assert_eq "$(client 'SELECT 1')" 1 "SELECT 1 over TCP"
client 'CREATE TABLE test (a INT, b INT, c VARCHAR(255))'
assert_eq "$(client 'SELECT COUNT(*) FROM test')" 0 "empty table"
client "INSERT INTO test VALUES (1, 2, 'hello')"
assert_eq "$(client 'SELECT COUNT(*) FROM test')" 1 "one row"
client "INSERT INTO test VALUES (2, 3, 'goodbye!')"
assert_eq "$(client 'SELECT COUNT(*) FROM test')" 2 "two rows"
client 'DELETE FROM test WHERE a = 1'
assert_eq "$(client 'SELECT COUNT(*) FROM test')" 1 "one row after the delete"
assert_eq "$(client 'SELECT c FROM test')" 'goodbye!' "the row left"
client 'DROP TABLE test'
assert_eq "$(client 'SET jit = on; SELECT pg_jit_available()')" t "JIT available"
assert_contains "$(docker_logs "$server")" "initdb: skipped; PGDATA is a copy of the image's template cluster" \
    "the first start copies the template"
assert_eq "$(client 'SELECT rolname FROM pg_authid WHERE oid = 10')" 'my cool postgres user' \
    "POSTGRES_USER is the bootstrap superuser"
assert_eq "$(docker_logs "$server" | grep -c 'database system is ready to accept connections')" 2 \
    "the temporary and the real server each say they are ready (Testcontainers waits for both)"
