#!/usr/bin/env bash
# The official image's postgres-initdb test: an image derived FROM ours with an initdb .sql
# file; the file runs once, as POSTGRES_USER, in POSTGRES_DB (names with spaces).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name derived "derived"
derived=${derived,,}
mkdir "$T_DIR/context"
cat >"$T_DIR/context/initdb.sql" <<'SQL'
CREATE TABLE test (a INT, b INT, c VARCHAR(255));
INSERT INTO test VALUES (1, 2, 'hello');
INSERT INTO test VALUES (2, 3, 'goodbye!');
DELETE FROM test WHERE a = 1;
SQL
printf 'FROM %s\nCOPY initdb.sql /docker-entrypoint-initdb.d/\n' "$E2E_IMAGE" >"$T_DIR/context/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t "$derived" "$T_DIR/context" >/dev/null 2>&1 || fail "cannot build the derived image"
on_exit "docker rmi -f '$derived' >/dev/null 2>&1"

e2e_name server "server"
start_postgres "$server" \
    -e POSTGRES_USER='my cool postgres user' \
    -e POSTGRES_PASSWORD='my cool postgres password' \
    -e POSTGRES_DB='my cool postgres database' \
    "$derived"
wait_ready "$server"
assert_eq "$(psql_in "$server" -c 'SELECT COUNT(*) FROM test')" 1 "rows left by initdb.sql"
assert_eq "$(psql_in "$server" -c 'SELECT c FROM test')" 'goodbye!' "the row left"
assert_eq "$(psql_in "$server" -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'test'")" \
    'my cool postgres user' "initdb.sql ran as POSTGRES_USER"
