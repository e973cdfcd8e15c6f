-- The role postgres_exporter logs in as. Outcomes:
--   no POSTGRES_MONITOR_PASSWORD(_FILE) → one NOTICE, nothing created;
--   otherwise → the role POSTGRES_MONITOR_USER (default postgres_exporter): LOGIN, INHERIT (a
--   NOINHERIT member of pg_monitor sees "<insufficient privilege>" on PostgreSQL 15),
--   CONNECTION LIMIT 5, member of pg_monitor, nothing else; password = the SCRAM verifier.
-- Idempotent.

SELECT pg_catalog.set_config('pgfit.monitor_user', :'POSTGRES_MONITOR_USER', false),
       pg_catalog.set_config('pgfit.monitor_verifier', :'POSTGRES_MONITOR_PASSWORD_SCRAM', false);

DO $$
DECLARE
    v_user text := pg_catalog.current_setting('pgfit.monitor_user');
    v_verifier text := pg_catalog.current_setting('pgfit.monitor_verifier');
BEGIN
    IF v_verifier = '' THEN
        RAISE NOTICE 'monitoring: skipped, no POSTGRES_MONITOR_PASSWORD or POSTGRES_MONITOR_PASSWORD_FILE given';
        RETURN;
    END IF;
    IF v_user = '' THEN
        v_user := 'postgres_exporter';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_user) THEN
        EXECUTE pg_catalog.format('CREATE ROLE %I', v_user);
    END IF;
    EXECUTE pg_catalog.format('ALTER ROLE %I WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE '
                              'NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 5 PASSWORD %L', v_user, v_verifier);
    EXECUTE pg_catalog.format('GRANT pg_monitor TO %I', v_user);
END
$$;

SELECT pg_catalog.set_config('pgfit.monitor_verifier', '', false);
