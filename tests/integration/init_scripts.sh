#!/usr/bin/env bash
# Init scripts on a first start: PGFIT_INITDB_DIR (the image's shipped scripts) runs before
# /docker-entrypoint-initdb.d, each sorted with the container locale's collation (en_US.UTF-8,
# built here with localedef); every file type: executable .sh, sourced .sh using the official
# `"${psql[@]}"` and docker_process_sql, .sql, .sql.gz, .sql.xz, .sql.zst, a file with \gset that
# goes to psql, \c to another database and back, COPY FROM STDIN data and dollar-quoted bodies;
# variables from the environment and a SCRAM verifier that really logs in; other files ignored.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
for tool in gzip xz zstd localedef; do
    command -v $tool >/dev/null || skip "$tool is not installed"
done
mkdir -p "$T_DIR/locales"
localedef -i en_US -f UTF-8 "$T_DIR/locales/en_US.UTF-8" 2>/dev/null ||
    skip "cannot build the en_US.UTF-8 locale"
chmod -R a+rX "$T_DIR/locales"

log_row() { echo "INSERT INTO run_log (name) VALUES ('$1');"; }
cat >"$SHIPPED_DIR/zz-first.sql" <<'SQL'
CREATE TABLE run_log (n serial PRIMARY KEY, name text NOT NULL);
INSERT INTO run_log (name) VALUES ('zz-first.sql');
SQL
cat >"$USER_DIR/01-exec.sh" <<'SH'
#!/bin/sh
set -e
# plain psql: PGHOST and PGPORT lead to the temporary server
psql -v ON_ERROR_STOP=1 -X -q -d "$POSTGRES_DB" -c "INSERT INTO run_log (name) VALUES ('01-exec.sh')"
SH
chmod 755 "$USER_DIR/01-exec.sh"
cat >"$USER_DIR/01_sourced.sh" <<'SH'
"${psql[@]}" -q --dbname="$POSTGRES_DB" <<-EOSQL
	INSERT INTO run_log (name) VALUES ('01_sourced.sh');
EOSQL
docker_process_sql -q -c "CREATE TABLE sourced_ok (x int)"
SH
cat >"$USER_DIR/01.sql" <<'SQL'
-- variables: literal, identifier and raw forms, and a SCRAM verifier
INSERT INTO run_log (name) VALUES ('01.sql');
CREATE ROLE :"POSTGRES_APP_USER" LOGIN PASSWORD :'POSTGRES_APP_PASSWORD_SCRAM';
CREATE TABLE bound AS SELECT :'POSTGRES_USER'::text AS owner, :'PGFIT_TEST_VALUE'::text AS value;
SQL
log_row a.sql.gz | gzip >"$USER_DIR/a.sql.gz"
log_row B.sql.xz | xz >"$USER_DIR/B.sql.xz"
log_row c.sql.zst | zstd -q >"$USER_DIR/c.sql.zst"
cat >"$USER_DIR/d-psql.sql" <<'SQL'
SELECT 'd-psql.sql' AS file_name \gset
INSERT INTO run_log (name) VALUES (:'file_name');
CREATE TABLE psql_bound AS SELECT :'POSTGRES_APP_USER'::text AS app_user;
SQL
cat >"$USER_DIR/e-connect.sql" <<'SQL'
CREATE DATABASE other;
\c other
CREATE TABLE in_other (x int);
\c :"POSTGRES_DB"
INSERT INTO run_log (name) VALUES ('e-connect.sql');
SQL
cat >"$USER_DIR/f-copy.sql" <<'SQL'
CREATE TABLE copied (id int, note text);
COPY copied (id, note) FROM stdin;
1	semi;colon
2	\N
\.
DO $body$
BEGIN
    PERFORM 1; -- a semicolon inside the body
    INSERT INTO run_log (name) VALUES ('f-copy.sql');
END
$body$;
SQL
echo "not a script" >"$USER_DIR/notes.txt"

# The oracle for the order is bash's own glob under the same locale (what the official image
# runs); it must differ from byte order, or this test would not show the collation is used.
glob_order() { (cd "$USER_DIR" && env -i LOCPATH="$T_DIR/locales" LC_ALL="$1" bash -c 'echo *'); }
user_order=$(glob_order en_US.UTF-8)
[ "$user_order" != "$(glob_order C)" ] || fail "en_US.UTF-8 and C sort these names alike"
expected="zz-first.sql,$(echo "$user_order" | tr ' ' '\n' | grep -v '^notes.txt$' | paste -sd,)"

start_pgfit scripts POSTGRES_PASSWORD=pw POSTGRES_DB=app POSTGRES_APP_USER="app user" \
    POSTGRES_APP_PASSWORD="app secret" PGFIT_TEST_VALUE="it's bound" \
    LOCPATH="$T_DIR/locales" LANG=en_US.UTF-8
wait_ready_tcp scripts
q() { sql_as postgres pw app "$1"; }
assert_eq "$(q "SELECT string_agg(name, ',' ORDER BY n) FROM run_log")" \
    "$expected" "scripts ran once each, shipped directory first, then bash's en_US glob order"
note "order: $expected"
assert_eq "$(q "SELECT owner || '|' || value FROM bound")" "postgres|it's bound" "bound variables"
assert_eq "$(q "SELECT app_user FROM psql_bound")" "app user" "variables bound for psql too"
assert_eq "$(q "SELECT count(*) FROM sourced_ok")" 0 "docker_process_sql in a sourced script"
assert_eq "$(q "SELECT string_agg(id || ':' || coalesce(note, 'NULL'), ',' ORDER BY id) FROM copied")" \
    "1:semi;colon,2:NULL" "COPY FROM STDIN data"
assert_eq "$(sql_as postgres pw other "SELECT count(*) FROM in_other")" 0 "\\c to another database"
assert_eq "$(sql_as 'app user' 'app secret' app 'SELECT current_user')" "app user" \
    "login with the password behind POSTGRES_APP_PASSWORD_SCRAM"
stop_pgfit scripts
log=$(cat "$T_DIR/scripts.log")
assert_contains "$log" "pgfit: running $SHIPPED_DIR/zz-first.sql" "shipped script log line"
assert_contains "$log" "pgfit: running /docker-entrypoint-initdb.d/01-exec.sh" "exec log line"
assert_contains "$log" "pgfit: sourcing /docker-entrypoint-initdb.d/01_sourced.sh" "sourced log line"
assert_contains "$log" "pgfit: running /docker-entrypoint-initdb.d/c.sql.zst" "zst log line"
assert_contains "$log" "pgfit: /docker-entrypoint-initdb.d/d-psql.sql uses \\gset (line 1), which only psql runs: handing the whole file to psql" \
    "psql hand-over log line"
assert_contains "$log" "pgfit: ignoring /docker-entrypoint-initdb.d/notes.txt" "ignored file"
assert_contains "$log" 'You are now connected to database "other" as user "postgres".' "\\c message"
assert_not_contains "$log" "app secret" "the app password in the log"
