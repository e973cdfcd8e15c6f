-- The application's own role, the one clients use through PgBouncer. Outcomes:
--   no POSTGRES_APP_USER, or no POSTGRES_APP_PASSWORD(_FILE) → one NOTICE, nothing created;
--   otherwise → the role POSTGRES_APP_USER: LOGIN, no superuser, replication or role
--   management; password = the SCRAM verifier; owner of POSTGRES_DB (so it may create schemas
--   and, through pg_database_owner, use the public schema); no connection limit, so PgBouncer's
--   pool for it is never refused.
-- Idempotent.

\c :"POSTGRES_DB"
SELECT pg_catalog.set_config('pgfit.app_user', :'POSTGRES_APP_USER', false),
       pg_catalog.set_config('pgfit.app_verifier', :'POSTGRES_APP_PASSWORD_SCRAM', false);

DO $$
DECLARE
    v_user text := pg_catalog.current_setting('pgfit.app_user');
    v_verifier text := pg_catalog.current_setting('pgfit.app_verifier');
BEGIN
    IF v_user = '' OR v_verifier = '' THEN
        RAISE NOTICE 'application role: skipped, needs POSTGRES_APP_USER and POSTGRES_APP_PASSWORD or POSTGRES_APP_PASSWORD_FILE';
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_user) THEN
        EXECUTE pg_catalog.format('CREATE ROLE %I', v_user);
    END IF;
    EXECUTE pg_catalog.format('ALTER ROLE %I WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE '
                              'NOREPLICATION NOBYPASSRLS CONNECTION LIMIT -1 PASSWORD %L', v_user, v_verifier);
    EXECUTE pg_catalog.format('ALTER DATABASE %I OWNER TO %I', pg_catalog.current_database(), v_user);
END
$$;

SELECT pg_catalog.set_config('pgfit.app_verifier', '', false);
