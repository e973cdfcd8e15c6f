#!/usr/bin/env bash
# A standby follows a rotated POSTGRES_REPLICATION_PASSWORD_FILE on SIGHUP, with no restart
# (real PostgreSQL 15, pgfit as PID 1): pgfit rewrites the password file its primary_conninfo
# names, so when the replication connection is broken the standby reconnects with the new
# password; the postmaster keeps its PID; the roles of the primary are not touched from the
# standby (it is read-only and its roles are the primary's).
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/replica_primary.sh"

init_primary
# On SIGHUP pgfit runs as postgres: the file it reads again must be readable by it.
chmod 0644 "$REPLICATION_PASSWORD_FILE"
start_pgfit standby "${REPLICA_ENV[@]}" POSTGRES_MEMORY=512M PGFIT_LOG_LEVEL=debug
wait_ready_tcp standby
wait_until 60 streaming || fail "the replica does not stream: $(tail -20 "$T_DIR/standby.log")"
before=$(head -1 "$PGDATA_DIR/postmaster.pid")

note "rotate on the primary and in the file, SIGHUP, break the connection"
primary_sql -v "password=rotated on reload" <<<"ALTER ROLE replicator PASSWORD :'password';"
printf 'rotated on reload\n' >"$REPLICATION_PASSWORD_FILE"
kill -HUP "$PGFIT_PID"
logged() { grep -q -F "SIGHUP: rewrote the replication password file '$PGDATA_DIR/pgfit-replication.pgpass'" "$T_DIR/standby.log"; }
wait_until 30 logged || fail "the password file was not rewritten: $(tail -10 "$T_DIR/standby.log")"
grep -q -F "rotated on reload" "$PGDATA_DIR/pgfit-replication.pgpass" || fail "the password file holds the old password"
primary_sql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_replication" >/dev/null
primary_sql -c "CREATE TABLE after_reload AS SELECT 1 AS x"
arrived() { [ "$(sql_super postgres "SELECT count(*) FROM after_reload" 2>/dev/null)" = 1 ]; }
wait_until 60 arrived || fail "the standby did not reconnect with the new password: $(tail -20 "$T_DIR/standby.log")"
wait_until 60 streaming || fail "the standby does not stream with the new password"
assert_eq "$(head -1 "$PGDATA_DIR/postmaster.pid")" "$before" "the postmaster's PID"
assert_not_contains "$(cat "$T_DIR/standby.log")" "rotated on reload" "the password in the log"
assert_not_contains "$(cat "$T_DIR/standby.log")" "statement(s) applied" "roles applied on a standby"
stop_pgfit standby
