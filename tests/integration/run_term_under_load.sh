#!/usr/bin/env bash
# SIGTERM under write load loses no committed row: a client commits one INSERT per
# transaction and writes down every value the server acknowledged; pgfit stops postgres
# (fast shutdown) in the middle of it; after a restart every acknowledged row is there.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "PID namespaces, the postgres user"

new_pgdata "$T_DIR/data"

start_server loaded
psql_sock 'create table t (v integer primary key)'
acked="$T_DIR/acked"
: >"$acked"
chown postgres: "$acked"
# One autocommitted INSERT per line; psql prints each value once the commit is acknowledged.
seq 1 10000000 | sed 's/.*/insert into t values (&) returning v;/' |
    as_postgres psql -h "$SOCK" -U postgres -d postgres -XAtq >"$acked" 2>"$T_DIR/load.err" &
load=$!
on_exit "kill $load 2>/dev/null"
enough_rows() { [ "$(wc -l <"$acked")" -ge 200 ]; }
wait_until 120 enough_rows || fail "the load did not get going: $(cat "$T_DIR/load.err")"
kill -s TERM "$INIT"
finish loaded
assert_eq "$STATUS" 0 "exit status after SIGTERM under load"
wait "$load" || true
assert_contains "$(cat "$T_DIR/loaded.err")" "received fast shutdown request" "server log"

last=$(tail -1 "$acked")
lines=$(wc -l <"$acked")
assert_eq "$lines" "$last" "acknowledged values are 1..N without a gap"
note "$last rows acknowledged before the shutdown"

start_server restarted
assert_eq "$(psql_sock "select count(*) from t where v <= $last")" "$last" "acknowledged rows after restart"
kill -s INT "$INIT"
finish restarted
