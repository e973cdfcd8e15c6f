-- Included by 03-pgbouncer-auth.sql once per database (\ir): the schema `pgbouncer` and its
-- lookup function in the current database, EXECUTE only for PGBOUNCER_AUTH_USER. The runner
-- does not run files in subdirectories of initdb.d by themselves.
CREATE SCHEMA IF NOT EXISTS pgbouncer;
REVOKE ALL ON SCHEMA pgbouncer FROM PUBLIC;
GRANT USAGE ON SCHEMA pgbouncer TO :"PGBOUNCER_AUTH_USER";
CREATE OR REPLACE FUNCTION pgbouncer.user_lookup(p_username text)
RETURNS TABLE (username text, password text)
LANGUAGE sql STABLE STRICT SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.rolname::text,
           CASE WHEN a.rolvaliduntil IS NOT NULL AND a.rolvaliduntil OPERATOR(pg_catalog.<) pg_catalog.now()
                THEN NULL ELSE a.rolpassword END
    FROM pg_catalog.pg_authid AS a
    WHERE a.rolname OPERATOR(pg_catalog.=) p_username
      AND a.rolcanlogin AND NOT a.rolsuper AND NOT a.rolreplication
      AND a.rolname OPERATOR(pg_catalog.<>) SESSION_USER
$$;
REVOKE ALL ON FUNCTION pgbouncer.user_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgbouncer.user_lookup(text) TO :"PGBOUNCER_AUTH_USER";
