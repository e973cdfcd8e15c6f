# Shared by the replica bootstrap tests (tests/integration/replica_*.sh); source it after
# tests/lib/common.sh and tests/cluster/init_lib.sh. A plain PostgreSQL primary in $T_DIR, run
# as `postgres` with pg_ctl on 127.0.0.1:$PRIMARY_PORT: SCRAM for TCP, a `replicator` role
# with REPLICATION, pg_read_all_settings (to read shared_preload_libraries) and a password
# that needs escaping in a libpq password file, the physical slot replica1 and a `host
# replication` pg_hba line. The replica is the real `pgfit` started by init_lib.sh's
# start_pgfit with REPLICA_ENV.

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

# init_primary [postgres -c settings...] — initdb, role, slot; leaves the primary running.
init_primary() {
    mkdir -p "$PRIMARY_DATA" "$PRIMARY_SOCKET"
    touch "$PRIMARY_LOG"
    chown postgres: "$PRIMARY_DATA" "$PRIMARY_SOCKET" "$PRIMARY_LOG"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PRIMARY_DATA" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 >"$T_DIR/primary-initdb.log" 2>&1 ||
        fail "initdb of the primary failed: $(cat "$T_DIR/primary-initdb.log")"
    cat >"$PRIMARY_DATA/pg_hba.conf" <<EOF
local all all trust
host replication replicator 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
EOF
    PRIMARY_OPTIONS="-c listen_addresses=127.0.0.1 -c port=$PRIMARY_PORT"
    PRIMARY_OPTIONS+=" -c unix_socket_directories='$PRIMARY_SOCKET' $*"
    start_primary
    on_exit stop_primary
    primary_sql -v "password=$REPLICATION_PASSWORD" <<'EOF'
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'password';
GRANT pg_read_all_settings TO replicator;
SELECT pg_create_physical_replication_slot('replica1');
EOF
}

start_primary() {
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PRIMARY_DATA" -l "$PRIMARY_LOG" -w -t 60 start \
        -o "$PRIMARY_OPTIONS" >/dev/null || fail "the primary did not start: $(tail -20 "$PRIMARY_LOG")"
}

stop_primary() {
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PRIMARY_DATA" -m fast -w stop >/dev/null 2>&1 || true
}

# primary_sql [psql args...] — SQL from stdin (or -c) as postgres over the primary's socket.
primary_sql() {
    "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PRIMARY_SOCKET" -p "$PRIMARY_PORT" \
        -U postgres -d postgres "$@"
}

# replica_sql QUERY — as postgres over the replica's socket (the primary's pg_hba came along).
replica_sql() {
    "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres \
        -d postgres -c "$1"
}

streaming() {
    [ "$(primary_sql -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND application_name = 'replica1'")" = 1 ]
}
