-- What PgBouncer's auth_query needs. Outcomes:
--   the role PGBOUNCER_AUTH_USER (default pgbouncer_auth): NOSUPERUSER NOINHERIT, no other
--   attribute, CONNECTION LIMIT 10; LOGIN with the SCRAM verifier pgfit computed when
--   PGBOUNCER_AUTH_PASSWORD(_FILE) is given, else NOLOGIN and one NOTICE;
--   pgbouncer.user_lookup(name) in template1, postgres and POSTGRES_DB: a SECURITY DEFINER
--   function (owner: the superuser running this) with a pinned search_path that returns the
--   SCRAM verifier of a login role, NULL for an expired one, and no row for unknown,
--   superuser and replication roles or for the auth role itself; EXECUTE only for the auth
--   role; the schema is not the auth role's, so it cannot replace the function.
-- PgBouncer 1.18 runs auth_query in the database the client asked for (auth_dbname is 1.19+),
-- so every routed database needs the function: databases created later from template1 inherit
-- it; one created by a user script that runs before this one must get it by hand.
-- Idempotent.

SELECT pg_catalog.set_config('pgfit.auth_user', :'PGBOUNCER_AUTH_USER', false),
       pg_catalog.set_config('pgfit.auth_verifier', :'PGBOUNCER_AUTH_PASSWORD_SCRAM', false);

DO $$
DECLARE
    v_user text := pg_catalog.current_setting('pgfit.auth_user');
    v_verifier text := pg_catalog.current_setting('pgfit.auth_verifier');
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_user) THEN
        EXECUTE pg_catalog.format('CREATE ROLE %I', v_user);
    END IF;
    EXECUTE pg_catalog.format('ALTER ROLE %I WITH NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT '
                              'NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 10', v_user);
    IF v_verifier = '' THEN
        EXECUTE pg_catalog.format('ALTER ROLE %I WITH NOLOGIN', v_user);
        RAISE NOTICE 'pgbouncer: no PGBOUNCER_AUTH_PASSWORD or PGBOUNCER_AUTH_PASSWORD_FILE given; role "%" cannot log in', v_user;
    ELSE
        EXECUTE pg_catalog.format('ALTER ROLE %I WITH LOGIN PASSWORD %L', v_user, v_verifier);
    END IF;
END
$$;

SELECT pg_catalog.set_config('pgfit.auth_verifier', '', false);

-- The same objects in each database (a script has no loop over databases).
\c template1
\ir include/pgbouncer-lookup.sql
\c postgres
\ir include/pgbouncer-lookup.sql
\c :"POSTGRES_DB"
\ir include/pgbouncer-lookup.sql
