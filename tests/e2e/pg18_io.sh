#!/usr/bin/env bash
# PostgreSQL 18's asynchronous I/O under -m 1g --cpus 2: io_method is worker (io_uring is
# blocked by container seccomp profiles) and io_workers is what `pgfit plan` says for the
# same limits.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime
limits=(-m 1g --cpus 2)

io_workers=$(planned io_workers "${limits[@]}")

e2e_name server "server"
start_postgres "$server" "${limits[@]}" -e POSTGRES_PASSWORD=io "$E2E_IMAGE"
wait_ready "$server"
assert_eq "$(psql_in "$server" -c 'SHOW io_method')" worker "io_method"
assert_eq "$(psql_in "$server" -c 'SHOW io_workers')" "$io_workers" "io_workers"
# Both may equal PostgreSQL's defaults: pgfit's -c flags must be what set them.
assert_eq "$(psql_in "$server" -c "SELECT string_agg(source, ',') FROM pg_settings WHERE name IN ('io_method', 'io_workers')")" \
    "command line,command line" "where io_method and io_workers come from"
