#!/usr/bin/env bash
# initdb.d/03-pgbouncer-auth.sql, run by pgfit's own first start (PID 1,
# PGFIT_INITDB_DIR=initdb.d) on the real PostgreSQL 15: the auth role and the SECURITY DEFINER
# lookup function, idempotent (every shipped script runs twice), checked the way an attacker or
# PgBouncer would use them.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
IMAGE=("${IMAGE_ENV[@]}" POSTGRES_PASSWORD=pw POSTGRES_MEMORY=512M
    POSTGRES_DB="app db")

note "no auth password: the role exists but cannot log in"
start_pgfit plain "${IMAGE[@]}"
wait_ready_tcp plain
assert_logged plain NOTICE 'pgbouncer: no PGBOUNCER_AUTH_PASSWORD or PGBOUNCER_AUTH_PASSWORD_FILE given; role "pgbouncer_auth" cannot log in' \
    "the NOLOGIN line"
assert_eq "$(sql_super postgres "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'pgbouncer_auth'")" f "login without a password"
stop_pgfit plain

note "with a password, the script run twice"
new_cluster
rerun_image_scripts
start_pgfit auth "${IMAGE[@]}" PGBOUNCER_AUTH_PASSWORD="auth secret"
wait_ready_tcp auth
assert_eq "$(count_lines "$T_DIR/auth.log" "/docker-entrypoint-initdb.d/03-pgbouncer-auth.sql")" 1 \
    "the second run of 03-pgbouncer-auth.sql"
assert_eq "$(sql_super postgres "SELECT rolcanlogin, rolinherit, rolsuper, rolreplication, rolcreaterole, rolcreatedb, rolbypassrls, rolconnlimit FROM pg_roles WHERE rolname = 'pgbouncer_auth'")" \
    "t|f|f|f|f|f|f|10" "pgbouncer_auth's attributes"

for db in template1 postgres "app db"; do
    note "the lookup function in '$db'"
    assert_eq "$(sql_super "$db" "SELECT pg_get_userbyid(p.proowner), p.prosecdef, array_to_string(p.proconfig, ';'), p.provolatile
                            FROM pg_proc p WHERE p.oid = 'pgbouncer.user_lookup(text)'::regprocedure")" \
        "postgres|t|search_path=pg_catalog, pg_temp|s" "owner, security definer, pinned search_path, stable"
    assert_eq "$(sql_super "$db" "SELECT has_function_privilege('public', 'pgbouncer.user_lookup(text)', 'EXECUTE'),
                                   has_function_privilege('pgbouncer_auth', 'pgbouncer.user_lookup(text)', 'EXECUTE'),
                                   has_schema_privilege('public', 'pgbouncer', 'USAGE'),
                                   pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'pgbouncer'")" \
        "f|t|f|postgres" "EXECUTE only for the auth role; schema owned by the superuser"
done

note "what the lookup returns, called as pgbouncer_auth over TCP with its password"
sql_super postgres "CREATE ROLE app LOGIN PASSWORD 'app pass'"
verifier=$(sql_super postgres "SELECT rolpassword FROM pg_authid WHERE rolname = 'app'")
assert_contains "$verifier" 'SCRAM-SHA-256$4096:' "the server stores a SCRAM verifier"
sql_super postgres "CREATE ROLE expired LOGIN PASSWORD 'pw' VALID UNTIL '2001-01-01'"
sql_super postgres "CREATE ROLE future LOGIN PASSWORD 'pw' VALID UNTIL 'infinity'"
sql_super postgres "CREATE ROLE repl LOGIN REPLICATION PASSWORD 'pw'"
sql_super postgres "CREATE ROLE admin LOGIN SUPERUSER PASSWORD 'pw'"
sql_super postgres "CREATE ROLE nologin PASSWORD 'pw'"
as_auth() { sql_as pgbouncer_auth "auth secret" "$1" "$2"; }
lookup() { as_auth "app db" "SELECT username || '|' || coalesce(password, 'NULL') FROM pgbouncer.user_lookup('$1')"; }
assert_eq "$(lookup app)" "app|$verifier" "an application role"
assert_eq "$(lookup expired)" "expired|NULL" "an expired role gets no secret"
assert_contains "$(lookup future)" "future|SCRAM-SHA-256" "a role valid until infinity"
assert_eq "$(lookup nobody)" "" "an unknown role: no row"
assert_eq "$(lookup admin)" "" "a superuser: no row"
assert_eq "$(lookup postgres)" "" "the bootstrap superuser: no row"
assert_eq "$(lookup repl)" "" "a replication role: no row"
assert_eq "$(lookup nologin)" "" "a role that cannot log in: no row"
assert_eq "$(lookup pgbouncer_auth)" "" "the auth role itself: no row"
if output=$(as_auth "app db" "SELECT rolpassword FROM pg_authid LIMIT 1" 2>&1); then
    fail "pgbouncer_auth must not read pg_authid: $output"
fi
assert_contains "$output" "permission denied for table pg_authid" "direct read of pg_authid"
if output=$(as_auth "app db" "CREATE OR REPLACE FUNCTION pgbouncer.user_lookup(p_username text) RETURNS TABLE (username text, password text) LANGUAGE sql AS 'SELECT NULL::text, NULL::text'" 2>&1); then
    fail "pgbouncer_auth must not replace its lookup function: $output"
fi
assert_contains "$output" "permission denied for schema pgbouncer" "replacing the function"
sql_super postgres 'CREATE DATABASE later'
assert_eq "$(as_auth later "SELECT username FROM pgbouncer.user_lookup('app')")" "app" \
    "a database created later inherits the function from template1"
stop_pgfit auth
assert_not_contains "$(cat "$T_DIR/auth.log")" "auth secret" "the log of pgfit and the server"
