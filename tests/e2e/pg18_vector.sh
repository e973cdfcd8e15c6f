#!/usr/bin/env bash
# pgvector in the PostgreSQL 18 image: the shipped init scripts create it in POSTGRES_DB; a
# table of vectors with an hnsw index answers a nearest-neighbour query through the index.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name server "server"
start_postgres "$server" -e POSTGRES_PASSWORD=vector "$E2E_IMAGE"
wait_ready "$server"
[ -n "$(psql_in "$server" -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'")" ] ||
    fail "the shipped init scripts did not create vector: $(docker_logs "$server" | grep -i vector)"
psql_in "$server" -c 'CREATE EXTENSION IF NOT EXISTS vector'
psql_in "$server" -c 'CREATE TABLE items (id int, embedding vector(3))'
psql_in "$server" -c "INSERT INTO items VALUES (1, '[10,10,10]'), (2, '[1,2,4]'), (3, '[-1,-2,-3]'), (4, '[0,0,0]')"
psql_in "$server" -c 'CREATE INDEX items_embedding ON items USING hnsw (embedding vector_l2_ops)'

nearest="SELECT id FROM items ORDER BY embedding <-> '[1,2,3]' LIMIT 1"
assert_eq "$(psql_in "$server" -c "$nearest")" 2 "the nearest neighbour of [1,2,3]"
assert_contains "$(psql_in "$server" -c "SET enable_seqscan = off; EXPLAIN $nearest")" "Index Scan using items_embedding" \
    "the query's plan"
assert_eq "$(psql_in "$server" -c "SET enable_seqscan = off; $nearest")" 2 "the nearest neighbour through the index"
