# Helpers for the tests of the shipped init scripts (initdb.d/) and of `pgfit pgbouncer`
# against this machine's PostgreSQL. Source after tests/lib/common.sh.
#
#   scratch_server [postgres -c args...]   initdb + start a server as `postgres` in $T_DIR:
#                                          socket dir $PGHOST, TCP on 127.0.0.1:$PGPORT,
#                                          local trust, host scram-sha-256, the image's preload
#   sql DB QUERY                           one query as the superuser over the socket, unaligned
#   scram_verifier USER PASSWORD           a SCRAM-SHA-256 verifier, as libpq's
#                                          PQencryptPasswordConn computes it
#   run_shipped_script FILE                runs FILE with psql, binding the variables of
#                                          init-sql-contract.md from the environment (the
#                                          runner's job, emulated until it lands)

: "${SCRATCH_SUPERUSER:=postgres}"

scratch_server() {
    require_root "the server runs as the postgres user"
    local bindir
    bindir=$(pg_bindir)
    export PGHOST="$T_DIR/socket" PGPORT
    PGPORT=$(free_port)
    SCRATCH_DATA="$T_DIR/data"
    SCRATCH_LOG="$T_DIR/server.log"
    mkdir -p "$PGHOST" "$SCRATCH_DATA"
    touch "$SCRATCH_LOG"
    chown postgres: "$PGHOST" "$SCRATCH_DATA" "$SCRATCH_LOG"
    runuser -u postgres -- "$bindir/initdb" -D "$SCRATCH_DATA" -U "$SCRATCH_SUPERUSER" \
        --auth-local=trust --auth-host=scram-sha-256 >"$T_DIR/initdb.log" 2>&1 ||
        fail "initdb failed: $(cat "$T_DIR/initdb.log")"
    # SCRAM only over TCP, like the image; replication needs its own line.
    cat >"$SCRATCH_DATA/pg_hba.conf" <<EOF
local all all trust
host replication ${SCRATCH_REPLICATION_USER:-replicator} samehost scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
EOF
    # pg_ctl hands -o to a shell: one line only.
    local options="-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories='$PGHOST'"
    options+=" -c shared_preload_libraries=pg_stat_statements,pg_cron,pgaudit,auto_explain"
    options+=" -c cron.database_name='${SCRATCH_CRON_DATABASE:-postgres}' -c cron.use_background_workers=on"
    options+=" -c max_worker_processes=16 -c wal_level=replica $*"
    runuser -u postgres -- "$bindir/pg_ctl" -D "$SCRATCH_DATA" -l "$SCRATCH_LOG" -w -t 60 start \
        -o "$options" >/dev/null ||
        fail "server did not start: $(cat "$SCRATCH_LOG")"
    on_exit "runuser -u postgres -- '$bindir/pg_ctl' -D '$SCRATCH_DATA' -m immediate stop >/dev/null 2>&1"
}

sql() { # db query
    psql -X -q -At -v ON_ERROR_STOP=1 -U "$SCRATCH_SUPERUSER" -d "$1" -c "$2"
}

scram_verifier() { # user password  (the user is not part of a SCRAM verifier)
    python3 - "$2" <<'EOF'
import base64, hashlib, hmac, os, sys
password = sys.argv[1].encode()
salt = os.urandom(16)
salted = hashlib.pbkdf2_hmac("sha256", password, salt, 4096)
client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
stored_key = hashlib.sha256(client_key).digest()
server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
b64 = lambda raw: base64.b64encode(raw).decode()
print(f"SCRAM-SHA-256$4096:{b64(salt)}${b64(stored_key)}:{b64(server_key)}")
EOF
}

# The fixed table of init-sql-contract.md with its defaults, plus the rows the image asks for.
_contract_value() { # name
    local name=$1 value
    value=${!name-}
    if [ -z "$value" ]; then
        case "$name" in
        POSTGRES_USER) value=$SCRATCH_SUPERUSER ;;
        POSTGRES_DB) value=${POSTGRES_USER:-$SCRATCH_SUPERUSER} ;;
        POSTGRES_CRON_DATABASE) value=$(_contract_value POSTGRES_DB) ;;
        POSTGRES_REPLICATION_USER) value=replicator ;;
        POSTGRES_REPLICATION_SLOTS) [ -n "$(_secret POSTGRES_REPLICATION_PASSWORD)" ] && value=replica1 ;;
        POSTGRES_REPLICATION_NETWORK) value=samenet ;;
        PGBOUNCER_AUTH_USER) value=pgbouncer_auth ;;
        POSTGRES_MONITOR_USER) value=postgres_exporter ;;
        POSTGRES_PGAUDIT_LOG) value=ddl,role ;;
        esac
    fi
    printf '%s' "$value"
}

_secret() { # X_PASSWORD → its value from X_PASSWORD or the file named by X_PASSWORD_FILE
    local name=$1 file_name="${1}_FILE"
    if [ -n "${!name-}" ]; then
        printf '%s' "${!name}"
    elif [ -n "${!file_name-}" ]; then
        sed -z 's/\n$//' "${!file_name}"
    fi
}

run_shipped_script() { # file
    local user db args=() name secret
    user=$(_contract_value POSTGRES_USER)
    db=$(_contract_value POSTGRES_DB)
    for name in POSTGRES_USER POSTGRES_DB POSTGRES_EXTENSIONS POSTGRES_CRON_DATABASE \
        POSTGRES_REPLICATION_USER POSTGRES_REPLICATION_SLOTS POSTGRES_REPLICATION_NETWORK \
        PGBOUNCER_AUTH_USER POSTGRES_MONITOR_USER POSTGRES_APP_USER POSTGRES_PGAUDIT_LOG; do
        args+=(-v "$name=$(_contract_value "$name")")
    done
    for name in POSTGRES_REPLICATION PGBOUNCER_AUTH POSTGRES_MONITOR POSTGRES_APP; do
        secret=$(_secret "${name}_PASSWORD")
        args+=(-v "${name}_PASSWORD_SCRAM=${secret:+$(scram_verifier x "$secret")}")
    done
    psql -X -v ON_ERROR_STOP=1 --no-psqlrc -U "$user" -d "$db" "${args[@]}" -f "$1"
}
