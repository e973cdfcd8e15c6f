#!/usr/bin/env bash
# initdb.d/02-replication.sql, run by pgfit's own first start (PID 1, PGFIT_INITDB_DIR=initdb.d)
# on the real PostgreSQL 15: skipped without a replication password; with one, a REPLICATION
# NOINHERIT role and the named physical slots, idempotent (every shipped script runs twice),
# bad slot names fail the init, and a real pg_basebackup through the slot with the SCRAM
# password over pgfit's own `host replication` pg_hba line.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
IMAGE=("${IMAGE_ENV[@]}" POSTGRES_PASSWORD=pw POSTGRES_MEMORY=512M)

note "no replication password: one line, nothing created"
start_pgfit plain "${IMAGE[@]}"
wait_ready_tcp plain
assert_logged plain NOTICE "replication: skipped, no POSTGRES_REPLICATION_PASSWORD or POSTGRES_REPLICATION_PASSWORD_FILE given" \
    "the skip line"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")" 0 "roles"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_replication_slots")" 0 "slots"
stop_pgfit plain

note "with a password file: role and slots, the script run twice"
new_cluster
rerun_image_scripts
password='repl pass "quoted" $x'
printf '%s\n' "$password" >"$T_DIR/replication-password"
chmod 600 "$T_DIR/replication-password"
start_pgfit replication "${IMAGE[@]}" POSTGRES_REPLICATION_PASSWORD_FILE="$T_DIR/replication-password" \
    POSTGRES_REPLICATION_SLOTS="replica1, replica_2"
wait_ready_tcp replication
assert_eq "$(count_lines "$T_DIR/replication.log" "running /docker-entrypoint-initdb.d/02-replication.sql")" 1 \
    "the second run of 02-replication.sql"
assert_eq "$(sql_super postgres "SELECT rolcanlogin, rolreplication, rolinherit, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = 'replicator'")" \
    "t|t|f|f|f|f|f" "replicator's attributes (login, replication, noinherit, nothing else)"
assert_eq "$(sql_super postgres "SELECT string_agg(slot_name || ':' || slot_type, ',' ORDER BY slot_name) FROM pg_replication_slots")" \
    "replica1:physical,replica_2:physical" "slots after two runs"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_authid WHERE rolname = 'replicator' AND rolpassword LIKE 'SCRAM-SHA-256\$4096:%'")" \
    1 "the password is a SCRAM verifier"

note "a base backup through the slot, SCRAM over TCP from outside, password from a passfile"
escaped=$(sed 's/[\\:]/\\&/g' <<<"$password")
printf '%s:%s:replication:replicator:%s\n' "$OUTSIDE_ADDRESS" "$PORT" "$escaped" >"$T_DIR/passfile"
chmod 600 "$T_DIR/passfile"
chown postgres: "$T_DIR/passfile"
mkdir "$T_DIR/replica" && chown postgres: "$T_DIR/replica"
as_postgres env PGPASSFILE="$T_DIR/passfile" "$PGBIN/pg_basebackup" -h "$OUTSIDE_ADDRESS" -p "$PORT" \
    -U replicator -D "$T_DIR/replica" -X stream -S replica1 -R -w -c fast \
    >"$T_DIR/basebackup.log" 2>&1 || fail "pg_basebackup failed: $(cat "$T_DIR/basebackup.log")"
assert_contains "$(cat "$T_DIR/replica/postgresql.auto.conf")" "primary_slot_name = 'replica1'" \
    "the replica follows the slot"
assert_not_contains "$(cat "$T_DIR/replica/postgresql.auto.conf")" "repl pass" \
    "no password in the replica's postgresql.auto.conf"
if printf '%s:%s:replication:replicator:wrong\n' "$OUTSIDE_ADDRESS" "$PORT" >"$T_DIR/passfile" &&
    as_postgres env PGPASSFILE="$T_DIR/passfile" "$PGBIN/pg_basebackup" -h "$OUTSIDE_ADDRESS" \
        -p "$PORT" -U replicator -D "$T_DIR/replica-wrong" -w >/dev/null 2>&1; then
    fail "a wrong replication password was accepted over TCP"
fi
stop_pgfit replication
assert_not_contains "$(cat "$T_DIR/replication.log")" "repl pass" "no password in the log of pgfit and the server"

note "an invalid slot name fails the init"
new_cluster
run_pgfit badslot "${IMAGE[@]}" POSTGRES_REPLICATION_PASSWORD=x POSTGRES_REPLICATION_SLOTS="replica1,Replica-3"
[ "$STATUS" -ne 0 ] || fail "an invalid slot name must fail the first start: $(tail -20 "$T_DIR/badslot.log")"
assert_logged badslot ERROR 'POSTGRES_REPLICATION_SLOTS: invalid slot name "Replica-3"; expected 1 to 63 of a-z, 0-9 and _' \
    "the slot name error"
