#!/usr/bin/env bash
# Collation drift on a real cluster: a first start records the libraries' key; after the
# libraries "change" (an older key recorded) and a database's recorded collation version
# differs from the library's, the next start warns once for that database with the commands,
# and the server still starts; PGFIT_REFRESH_COLLATION=reindex rebuilds its indexes and refreshes
# the version before the real server starts; then the key is recorded and later starts skip
# the check.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

STATE=$PGDATA_DIR/pgfit-collation.state
index_file() { sql_super app "SELECT relfilenode FROM pg_class WHERE relname = 't_s_idx'"; }
versions() { sql_super app "SELECT datcollversion = pg_database_collation_actual_version(oid) FROM pg_database WHERE datname = 'app'"; }

# ICU: its collations record a version on every machine (glibc's C and C.* locales have none).
start_pgfit first POSTGRES_PASSWORD=pw POSTGRES_INITDB_ARGS="--locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US"
wait_ready_tcp first
sql_super postgres "CREATE DATABASE app" >/dev/null
sql_super app "CREATE TABLE t (s text); INSERT INTO t SELECT md5(g::text) FROM generate_series(1, 1000) g; CREATE INDEX t_s_idx ON t (s)" >/dev/null
# What a cluster made under another C library looks like: another recorded version.
sql_super postgres "UPDATE pg_database SET datcollversion = '2.31' WHERE datname = 'app'" >/dev/null
stop_pgfit first
key=$(cat "$STATE")
assert_contains "$key" "libraries=glibc " "the key recorded by the first start"
echo "libraries=glibc 2.31; " >"$STATE"

start_pgfit warned POSTGRES_PASSWORD=pw
wait_ready_tcp warned
before=$(index_file)
assert_eq "$(versions)" f "the drift stays after a warning"
stop_pgfit warned
log=$(cat "$T_DIR/warned.log")
assert_contains "$log" "checking each database's collation version on a temporary server" "the check ran"
assert_contains "$log" "database \"app\": its collation version 2.31 was recorded under another C or ICU library" "the warning"
assert_contains "$log" "REINDEX DATABASE \"app\"; then ALTER DATABASE \"app\" REFRESH COLLATION VERSION" "the commands"
assert_eq "$(count_lines "$T_DIR/warned.log" 'was recorded under another C or ICU library')" 1 \
    "one warning for the one drifted database"
assert_eq "$(cat "$STATE")" "libraries=glibc 2.31; " "the key is not recorded while a database drifts"

start_pgfit reindexed POSTGRES_PASSWORD=pw PGFIT_REFRESH_COLLATION=reindex
wait_ready_tcp reindexed
assert_eq "$(versions)" t "the recorded version is the library's after reindex"
[ "$(index_file)" != "$before" ] || fail "the text index was not rebuilt"
assert_eq "$(sql_super app "SELECT count(*) FROM t WHERE s = md5('7')")" 1 "the rebuilt index finds a row"
stop_pgfit reindexed
assert_contains "$(cat "$T_DIR/reindexed.log")" 'PGFIT_REFRESH_COLLATION=reindex: REINDEX DATABASE "app" (collation version 2.31 recorded' "the reindex line"
assert_eq "$(cat "$STATE")" "$key" "the key once no database drifts"

start_pgfit later POSTGRES_PASSWORD=pw
wait_ready_tcp later
stop_pgfit later
assert_not_contains "$(cat "$T_DIR/later.log")" "checking each database" "a later start skips the check"
assert_eq "$(count_lines "$T_DIR/later.log" 'database system is ready to accept connections')" 1 \
    "no temporary server on a later start"
