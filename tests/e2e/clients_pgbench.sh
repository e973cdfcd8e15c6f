#!/usr/bin/env bash
# pgbench and pg_isready from outside the container, over the published port, as POSTGRES_USER
# in POSTGRES_DB: `pgbench -i` then a short bounded run of the default TPC-B-like script, with
# every transaction processed and none failed.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/clients.sh"
require_runtime
outside_clients

start_published bench bench-pw benchdb
target=(-h 127.0.0.1 -p "$port" -U bench)

output=$(outside pg_isready "${target[@]}" -d benchdb 2>&1) || fail "pg_isready from outside: $output"
assert_contains "$output" "accepting connections" "pg_isready from outside"

output=$(outside pgbench -i -s 2 -q "${target[@]}" benchdb 2>&1) || fail "pgbench -i failed: $output"
assert_eq "$(outside psql -X -At "${target[@]}" -d benchdb -c 'SELECT count(*) FROM pgbench_accounts')" 200000 \
    "pgbench_accounts rows after pgbench -i -s 2"

output=$(outside pgbench -n -c 4 -j 2 -t 100 "${target[@]}" benchdb 2>&1) || fail "pgbench run failed: $output"
assert_contains "$output" "number of transactions actually processed: 400/400" "pgbench's processed transactions"
assert_contains "$output" "number of failed transactions: 0" "pgbench's failed transactions"
assert_eq "$(outside psql -X -At "${target[@]}" -d benchdb -c 'SELECT count(*) FROM pgbench_history')" 400 \
    "pgbench_history rows after 400 transactions"
