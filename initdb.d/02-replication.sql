-- The primary's side of streaming replication. Outcomes:
--   no POSTGRES_REPLICATION_PASSWORD(_FILE) → one NOTICE, nothing created;
--   otherwise → the role POSTGRES_REPLICATION_USER (default replicator): LOGIN REPLICATION
--   NOINHERIT, nothing else, password = the SCRAM verifier pgfit computed; and one physical slot
--   per name in POSTGRES_REPLICATION_SLOTS (comma list, default replica1), created without
--   reserving WAL until a replica first uses it. A slot name outside [a-z0-9_]{1,63} fails the
--   init with a message naming it.
-- The `host replication` pg_hba line and the wal settings come from pgfit itself.
-- Idempotent: running it again creates nothing new (the password is set again).

SELECT pg_catalog.set_config('pgfit.replication_user', :'POSTGRES_REPLICATION_USER', false),
       pg_catalog.set_config('pgfit.replication_verifier', :'POSTGRES_REPLICATION_PASSWORD_SCRAM', false),
       pg_catalog.set_config('pgfit.replication_slots', :'POSTGRES_REPLICATION_SLOTS', false);

DO $$
DECLARE
    v_user text := pg_catalog.current_setting('pgfit.replication_user');
    v_verifier text := pg_catalog.current_setting('pgfit.replication_verifier');
    v_slots text := pg_catalog.current_setting('pgfit.replication_slots');
    v_slot text;
BEGIN
    IF v_verifier = '' THEN
        RAISE NOTICE 'replication: skipped, no POSTGRES_REPLICATION_PASSWORD or POSTGRES_REPLICATION_PASSWORD_FILE given';
        RETURN;
    END IF;
    IF v_user = '' THEN
        v_user := 'replicator';
    END IF;
    IF v_slots = '' THEN
        v_slots := 'replica1';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_user) THEN
        EXECUTE pg_catalog.format('CREATE ROLE %I', v_user);
    END IF;
    EXECUTE pg_catalog.format('ALTER ROLE %I WITH LOGIN REPLICATION NOINHERIT NOSUPERUSER '
                              'NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', v_user, v_verifier);
    FOREACH v_slot IN ARRAY pg_catalog.string_to_array(v_slots, ',') LOOP
        v_slot := pg_catalog.btrim(v_slot);
        CONTINUE WHEN v_slot = '';
        IF v_slot !~ '^[a-z0-9_]{1,63}$' THEN
            RAISE EXCEPTION 'POSTGRES_REPLICATION_SLOTS: invalid slot name "%"; expected 1 to 63 of a-z, 0-9 and _', v_slot;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_replication_slots WHERE slot_name = v_slot) THEN
            PERFORM pg_catalog.pg_create_physical_replication_slot(v_slot, false, false);
        END IF;
    END LOOP;
END
$$;

SELECT pg_catalog.set_config('pgfit.replication_verifier', '', false);
