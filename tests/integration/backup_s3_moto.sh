#!/usr/bin/env bash
# The S3 round trip with the real pgBackRest against moto's S3 server over TLS (a certificate
# for localhost made here, verified by pgBackRest through PGBACKREST_REPO1_STORAGE_CA_FILE):
# archiving and stanza-create/check work, `pgfit backup full` stores a backup in the bucket, and
# PGFIT_RESTORE=latest on an empty PGDATA brings back a row committed after it.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
command -v pgbackrest >/dev/null || skip "pgbackrest is not installed"
command -v moto_server >/dev/null || skip "no moto_server (python3-moto) to serve S3"
command -v openssl >/dev/null || skip "no openssl to make the test certificate"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost" -keyout "$T_DIR/s3.key" -out "$T_DIR/s3.crt" 2>/dev/null
chmod 644 "$T_DIR/s3.crt"
S3_PORT=$(free_port)
# moto's server closes each connection without TLS close_notify, which pgBackRest (OpenSSL 3)
# reports as "unexpected eof": moto speaks plain HTTP here, behind a small TLS terminator that
# ends every connection with close_notify.
MOTO_PORT=$(free_port)
while [ "$MOTO_PORT" = "$S3_PORT" ]; do MOTO_PORT=$(free_port); done
moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$T_DIR/moto.log" 2>&1 &
on_exit "kill $! 2>/dev/null"
python3 - "$S3_PORT" "$MOTO_PORT" "$T_DIR/s3.crt" "$T_DIR/s3.key" >"$T_DIR/tls.log" 2>&1 <<'PY' &
import select, socket, ssl, sys, threading
listen_port, upstream_port, cert, key = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
def relay(client, upstream):
    # One thread per connection: an SSL socket must not be used by two threads at once.
    while True:
        ready = [client] if client.pending() else []
        if not ready:
            ready, _, _ = select.select([client, upstream], [], [])
        for source in ready:
            data = source.recv(65536)
            if not data:
                return
            (upstream if source is client else client).sendall(data)
def serve(raw):
    try:
        client = context.wrap_socket(raw, server_side=True)
        upstream = socket.create_connection(("127.0.0.1", upstream_port))
    except OSError:
        raw.close()
        return
    try:
        relay(client, upstream)
        client.unwrap()
    except (OSError, ValueError):
        pass
    for s in (client, upstream):
        try:
            s.close()
        except OSError:
            pass
listener = socket.create_server(("127.0.0.1", listen_port))
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
PY
tls_proxy=$!
on_exit "kill $tls_proxy 2>/dev/null"
s3_up() { curl -s --cacert "$T_DIR/s3.crt" "https://localhost:$S3_PORT/" >/dev/null; }
wait_until 60 s3_up || fail "moto did not start: $(cat "$T_DIR/moto.log")"
curl -s -f --cacert "$T_DIR/s3.crt" -X PUT "https://localhost:$S3_PORT/pgfit-backups" >/dev/null ||
    fail "cannot create the bucket"

printf 'moto-secret-key\n' >"$T_DIR/key-secret"
chmod 600 "$T_DIR/key-secret"
S3_ENV=(POSTGRES_PASSWORD=secret PGBACKREST_REPO1_TYPE=s3 PGBACKREST_REPO1_PATH=/itest
    PGBACKREST_REPO1_S3_ENDPOINT=localhost PGBACKREST_REPO1_STORAGE_PORT="$S3_PORT"
    PGBACKREST_REPO1_STORAGE_CA_FILE="$T_DIR/s3.crt" PGBACKREST_REPO1_S3_URI_STYLE=path
    PGBACKREST_REPO1_S3_BUCKET=pgfit-backups PGBACKREST_REPO1_S3_REGION=us-east-1
    PGBACKREST_REPO1_S3_KEY=moto-key PGBACKREST_REPO1_S3_KEY_SECRET_FILE="$T_DIR/key-secret")
logged() { grep -q -F -- "$2" "$T_DIR/$1.log"; }

note "archiving and a backup into the bucket"
start_pgfit s3 "${S3_ENV[@]}"
wait_ready_tcp s3
wait_until 120 logged s3 "backup: check finished" ||
    fail "check did not succeed: $(grep -F 'backup: ' "$T_DIR/s3.log")"
backup_env=(PATH="$CLEAN_PATH" PGDATA="$PGDATA_DIR" PGFIT_SOCKET_DIR="$SOCKET_DIR" PGPORT="$PORT" "${S3_ENV[@]}")
env -i "${backup_env[@]}" "$PGFIT" backup full >"$T_DIR/full.log" 2>&1 ||
    fail "pgfit backup full: $(cat "$T_DIR/full.log")"
assert_contains "$(env -i "${backup_env[@]}" "$PGFIT" backup list)" "full backup:" "the backup is listed"
sql_super postgres "CREATE TABLE after_backup AS SELECT 'from the archive' AS x"
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
segment=$(sql_super postgres "SELECT pg_walfile_name(pg_current_wal_lsn())")
sql_super postgres "SELECT pg_switch_wal()" >/dev/null
archived() { [[ ! "$(sql_super postgres 'SELECT last_archived_wal FROM pg_stat_archiver')" < "$segment" ]]; }
wait_until 60 archived || fail "not archived: $(sql_super postgres 'SELECT * FROM pg_stat_archiver')"
stop_pgfit s3

note "PGFIT_RESTORE=latest from the bucket"
new_cluster
start_pgfit restored "${S3_ENV[@]}" PGFIT_RESTORE=latest
wait_ready_tcp restored
promoted() { [ "$(sql_super postgres 'SELECT pg_is_in_recovery()')" = f ]; }
wait_until 60 promoted || fail "not promoted: $(tail -20 "$T_DIR/restored.log")"
assert_eq "$(sql_super postgres 'SELECT x FROM after_backup')" "from the archive" \
    "the row committed after the backup came back from the archived WAL"
assert_not_contains "$(cat "$T_DIR/restored.log" "$T_DIR/s3.log" "$T_DIR/full.log")" \
    "moto-secret-key" "no secret key in any log"
stop_pgfit restored
