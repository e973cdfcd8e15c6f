# Shared by the replica bootstrap tests (tests/integration/replica_*.sh); source it after
# tests/lib/common.sh and lib/pgfit_first_start.sh. A plain PostgreSQL primary (pg_server.sh) in
# $T_DIR on 127.0.0.1:$PRIMARY_PORT: SCRAM for TCP, a `replicator` role with REPLICATION,
# pg_read_all_settings (to read shared_preload_libraries) and a password that needs escaping in
# a libpq password file, the physical slot replica1 and a `host replication` pg_hba line. The
# replica is the real `pgfit` started by pgfit_first_start.sh's start_pgfit with REPLICA_ENV.
#
#   init_primary [postgres -c settings...]   initdb, role, slot; leaves the primary running
#   start_primary, stop_primary              start again with the same settings, fast stop
#   primary_sql [psql args...]               SQL from stdin (or -c) as postgres on the primary
#   streaming                                whether replica1 streams from the primary
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pg_server.sh"

PRIMARY_DATA=$T_DIR/primary
PRIMARY_SOCKET=$T_DIR/primary-socket
PRIMARY_LOG=$T_DIR/primary.log
PRIMARY_PORT=$(free_port)
# ':' and '\' must be escaped in the password file; spaces and quotes must survive.
REPLICATION_PASSWORD='repl: pass\word "q" $x'
REPLICATION_PASSWORD_FILE=$T_DIR/replication-password
printf '%s\n' "$REPLICATION_PASSWORD" >"$REPLICATION_PASSWORD_FILE"
chmod 600 "$REPLICATION_PASSWORD_FILE" # root's: pgfit reads it before it drops to postgres

REPLICA_ENV=(POSTGRES_REPLICATION_ROLE=replica POSTGRES_PRIMARY_HOST=127.0.0.1
    POSTGRES_PRIMARY_PORT="$PRIMARY_PORT"
    POSTGRES_REPLICATION_PASSWORD_FILE="$REPLICATION_PASSWORD_FILE")

init_primary() {
    pg_server_init "$PRIMARY_DATA" "$PRIMARY_LOG" \
        "host replication replicator 127.0.0.1/32 scram-sha-256"
    PRIMARY_SETTINGS=("$@")
    start_primary
    primary_sql -v "password=$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'password';
GRANT pg_read_all_settings TO replicator;
SELECT pg_create_physical_replication_slot('replica1');
SQL
}

start_primary() {
    pg_server_start "$PRIMARY_DATA" "$PRIMARY_LOG" "$PRIMARY_PORT" "$PRIMARY_SOCKET" \
        "${PRIMARY_SETTINGS[@]}"
}

stop_primary() { pg_server_stop "$PRIMARY_DATA"; }

# primary_sql [psql args...] — SQL from stdin (or -c) as postgres over the primary's socket.
primary_sql() {
    "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PRIMARY_SOCKET" -p "$PRIMARY_PORT" \
        -U postgres -d postgres "$@"
}

streaming() {
    [ "$(primary_sql -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND application_name = 'replica1'")" = 1 ]
}
