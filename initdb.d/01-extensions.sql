-- The extensions the image ships, created at first start in POSTGRES_DB (pg_cron in
-- cron.database_name). Outcomes, per extension:
--   installed (and in shared_preload_libraries, for those that need it) → created;
--   otherwise → one NOTICE naming it and why, and init goes on;
--   named in POSTGRES_EXTENSIONS (comma list) → required: any reason it cannot be created fails
--   the init with a message naming it. Required names outside the shipped list are created too.
-- pgaudit.log is set afterwards, by 06-pgaudit-log.sql.
-- auto_explain has no control file: it is only preloaded, never created.
-- Idempotent: running it again changes nothing.

SELECT pg_catalog.set_config('pgfit.required_extensions', :'POSTGRES_EXTENSIONS', false);

-- Session-local helper (pg_temp), gone when this script's connection closes.
CREATE FUNCTION pg_temp.pgfit_ensure_extension(p_name text, p_needs_preload boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_required boolean := p_name = ANY (pg_catalog.string_to_array(
        pg_catalog.replace(pg_catalog.current_setting('pgfit.required_extensions'), ' ', ''), ','));
    v_preloaded text[] := pg_catalog.string_to_array(pg_catalog.translate(
        pg_catalog.current_setting('shared_preload_libraries'), ' "', ''), ',');
    v_problem text;
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = p_name) THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = p_name) THEN
        v_problem := 'is not installed in this image';
    ELSIF p_needs_preload AND NOT p_name = ANY (v_preloaded) THEN
        v_problem := 'is not in shared_preload_libraries';
    END IF;
    IF v_problem IS NULL THEN
        EXECUTE pg_catalog.format('CREATE EXTENSION IF NOT EXISTS %I CASCADE', p_name);
    ELSIF v_required THEN
        RAISE EXCEPTION 'extension "%" % but POSTGRES_EXTENSIONS requires it', p_name, v_problem;
    ELSE
        RAISE NOTICE 'extension "%" skipped: it %', p_name, v_problem;
    END IF;
END
$$;

SELECT pg_temp.pgfit_ensure_extension(shipped.name, shipped.needs_preload)
FROM (VALUES (1, 'pg_stat_statements', true),
             (2, 'pg_trgm', false),
             (3, 'pgaudit', true),
             (4, 'vector', false)) AS shipped(position, name, needs_preload)
ORDER BY shipped.position;

SELECT pg_temp.pgfit_ensure_extension(required.name, false)
FROM pg_catalog.unnest(pg_catalog.string_to_array(
         pg_catalog.replace(:'POSTGRES_EXTENSIONS', ' ', ''), ',')) WITH ORDINALITY AS required(name, position)
WHERE required.name <> ''
  AND required.name NOT IN ('pg_stat_statements', 'pg_trgm', 'pgaudit', 'vector', 'pg_cron')
ORDER BY required.position;

-- pg_cron can only be created in cron.database_name, which pgfit sets from
-- POSTGRES_CRON_DATABASE (default postgres, so the application's database has no
-- background session: it can be dropped or used as a template).
\c :"POSTGRES_CRON_DATABASE"
SELECT pg_catalog.set_config('pgfit.required_extensions', :'POSTGRES_EXTENSIONS', false);
DO $$
DECLARE
    v_required boolean := 'pg_cron' = ANY (pg_catalog.string_to_array(
        pg_catalog.replace(pg_catalog.current_setting('pgfit.required_extensions'), ' ', ''), ','));
    v_preloaded text[] := pg_catalog.string_to_array(pg_catalog.translate(
        pg_catalog.current_setting('shared_preload_libraries'), ' "', ''), ',');
    v_cron_database text := pg_catalog.current_setting('cron.database_name', true);
    v_problem text;
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'pg_cron') THEN
        v_problem := 'is not installed in this image';
    ELSIF NOT 'pg_cron' = ANY (v_preloaded) THEN
        -- cron.database_name alone proves nothing: a placeholder setting exists without the library
        v_problem := 'is not in shared_preload_libraries (pgfit preloads it when POSTGRES_CRON_DATABASE is set or POSTGRES_EXTENSIONS names it)';
    ELSIF v_cron_database <> pg_catalog.current_database() THEN
        v_problem := pg_catalog.format('belongs in cron.database_name "%s", not in "%s"',
                                       v_cron_database, pg_catalog.current_database());
    END IF;
    IF v_problem IS NULL THEN
        CREATE EXTENSION IF NOT EXISTS pg_cron;
    ELSIF v_required THEN
        RAISE EXCEPTION 'extension "pg_cron" % but POSTGRES_EXTENSIONS requires it', v_problem;
    ELSE
        RAISE NOTICE 'extension "pg_cron" skipped: it %', v_problem;
    END IF;
END
$$;
