#!/usr/bin/env bash
# The image's own SQL files (PGFIT_INITDB_DIR) share one session per database: a file, its \c
# to another database and back, and the next file run on the same backend, yet each sees what a
# new connection would (DISCARD ALL: default search_path, no temporary table of an earlier file).
# The user's files get sessions of their own and find no session of pgfit's open (as under the
# official image): CREATE DATABASE from template1 works although a shipped file was connected
# to template1.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

record() { # label
    echo "INSERT INTO public.seen SELECT '$1', pg_catalog.pg_backend_pid(),
        pg_catalog.current_setting('search_path'),
        (SELECT pg_catalog.count(*) FROM pg_catalog.pg_class WHERE relname = 'leftover'),
        (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_catalog.pg_backend_pid());"
}
cat >"$SHIPPED_DIR/a.sql" <<SQL
CREATE TABLE public.seen (label text, pid int, search_path text, leftovers bigint,
    other_sessions bigint);
$(record a)
SET search_path = pg_catalog;
CREATE TEMP TABLE leftover (x int);
\\c template1
SELECT 1;
\\c postgres
$(record a-after-c)
SQL
cat >"$SHIPPED_DIR/b.sql" <<SQL
$(record b)
SQL
cat >"$USER_DIR/c.sql" <<SQL
$(record c)
CREATE DATABASE from_template1;
SQL

start_pgfit shared POSTGRES_PASSWORD=pw
wait_ready_tcp shared
seen=$(sql_super postgres "SELECT label, pid, search_path, leftovers, other_sessions FROM seen
    ORDER BY label")
stop_pgfit shared

field() { echo "$seen" | awk -F'|' -v label="$1" -v n="$2" '$1 == label { print $n }'; }
assert_eq "$(field a-after-c 2)" "$(field a 2)" "backend after \\c template1 and back"
assert_eq "$(field b 2)" "$(field a 2)" "backend of the next shipped file"
[ "$(field c 2)" != "$(field a 2)" ] || fail "the user's file ran on a shipped session: $seen"
assert_eq "$(field c 5)" 0 "sessions open beside the user's file"
for label in a a-after-c b c; do
    assert_eq "$(field "$label" 3)" '"$user", public' "search_path seen by $label"
    assert_eq "$(field "$label" 4)" 0 "temporary tables seen by $label"
done
