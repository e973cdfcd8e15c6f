#!/usr/bin/env bash
# initdb.d/02-replication.sql against the real PostgreSQL 15: skipped without a replication
# password; with one, a REPLICATION NOINHERIT role and the named physical slots, idempotent,
# bad slot names refused, and a real pg_basebackup through the slot with the SCRAM password.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/image_sql.sh"
script="$PGFIT_SOURCE_DIR/initdb.d/02-replication.sql"
scratch_server

note "no replication password: one line, nothing created"
output=$(run_shipped_script "$script" 2>&1) || fail "02-replication.sql failed: $output"
assert_contains "$output" "NOTICE:  replication: skipped, no POSTGRES_REPLICATION_PASSWORD or POSTGRES_REPLICATION_PASSWORD_FILE given" \
    "the skip line"
assert_eq "$(sql postgres "SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")" 0 "roles"
assert_eq "$(sql postgres "SELECT count(*) FROM pg_replication_slots")" 0 "slots"

note "with a password file: role and slots, twice"
password='repl pass "quoted" $x'
printf '%s\n' "$password" >"$T_DIR/replication-password"
export POSTGRES_REPLICATION_PASSWORD_FILE="$T_DIR/replication-password"
export POSTGRES_REPLICATION_SLOTS="replica1, replica_2"
for run in 1 2; do
    output=$(run_shipped_script "$script" 2>&1) || fail "run $run failed: $output"
done
assert_eq "$(sql postgres "SELECT rolcanlogin, rolreplication, rolinherit, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = 'replicator'")" \
    "t|t|f|f|f|f|f" "replicator's attributes (login, replication, noinherit, nothing else)"
assert_eq "$(sql postgres "SELECT string_agg(slot_name || ':' || slot_type, ',' ORDER BY slot_name) FROM pg_replication_slots")" \
    "replica1:physical,replica_2:physical" "slots after two runs"
assert_eq "$(sql postgres "SELECT count(*) FROM pg_authid WHERE rolname = 'replicator' AND rolpassword LIKE 'SCRAM-SHA-256\$4096:%'")" \
    1 "the password is a SCRAM verifier"

note "an invalid slot name"
if output=$(POSTGRES_REPLICATION_SLOTS="replica1,Replica-3" run_shipped_script "$script" 2>&1); then
    fail "an invalid slot name must fail: $output"
fi
assert_contains "$output" 'ERROR:  POSTGRES_REPLICATION_SLOTS: invalid slot name "Replica-3"; expected 1 to 63 of a-z, 0-9 and _' \
    "the slot name error"

note "a base backup through the slot, SCRAM over TCP, password from a passfile"
escaped=$(sed 's/[\\:]/\\&/g' <<<"$password")
printf '127.0.0.1:%s:replication:replicator:%s\n' "$PGPORT" "$escaped" >"$T_DIR/passfile"
chmod 600 "$T_DIR/passfile"
chown postgres: "$T_DIR/passfile"
mkdir "$T_DIR/replica" && chown postgres: "$T_DIR/replica"
runuser -u postgres -- env PGPASSFILE="$T_DIR/passfile" "$(pg_bindir)/pg_basebackup" \
    -h 127.0.0.1 -p "$PGPORT" -U replicator -D "$T_DIR/replica" -X stream -S replica1 -R -w -c fast \
    >"$T_DIR/basebackup.log" 2>&1 || fail "pg_basebackup failed: $(cat "$T_DIR/basebackup.log")"
assert_contains "$(cat "$T_DIR/replica/postgresql.auto.conf")" "primary_slot_name = 'replica1'" \
    "the replica follows the slot"
assert_not_contains "$(cat "$T_DIR/replica/postgresql.auto.conf")" "repl pass" \
    "no password in the replica's postgresql.auto.conf"
assert_not_contains "$(cat "$SCRATCH_LOG")" "repl pass" "no password in the server log"
