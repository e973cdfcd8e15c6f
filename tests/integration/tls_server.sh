#!/usr/bin/env bash
# TLS on the real PostgreSQL 15 with real clients, from certificates made here with the openssl
# CLI (a CA and server certificates for localhost and 127.0.0.1):
# - bad input (a key without a certificate, a pair that does not match, a missing file,
#   Bitnami's and pgfit's names set to different files) stops pgfit with exit 2 naming it;
# - POSTGRES_TLS=require with a root-owned 0644 key: psql with sslmode=verify-full and the CA
#   logs in, sslmode=disable is refused; the server reads a private 0600 copy owned by postgres;
# - rotation: new files and `kill -HUP` of pgfit make the server present the new certificate
#   (fingerprints compared through `openssl s_client -starttls postgres`) with the same
#   postmaster; a broken new pair is logged and the last good certificate stays served; a
#   certificate valid less than 30 days is warned about;
# - POSTGRES_TLS=on without files: a self-signed certificate whose logged fingerprint is the
#   one served, and the same one again after a restart.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
command -v openssl >/dev/null || skip "no openssl CLI"

CERTS=$T_DIR/certs
mkdir -p "$CERTS"
openssl_quiet() { openssl "$@" 2>>"$T_DIR/openssl.log" >/dev/null; }
# server_cert NAME — NAME.crt / NAME.key signed by the test CA, for localhost and 127.0.0.1.
server_cert() {
    openssl_quiet req -new -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$CERTS/$1.key" \
        -out "$CERTS/$1.csr"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$CERTS/san.ext"
    openssl_quiet x509 -req -in "$CERTS/$1.csr" -CA "$CERTS/ca.crt" -CAkey "$CERTS/ca.key" \
        -CAcreateserial -days 30 -extfile "$CERTS/san.ext" -out "$CERTS/$1.crt"
}
openssl_quiet req -x509 -new -newkey rsa:2048 -nodes -subj "/CN=pgfit test CA" -days 30 \
    -keyout "$CERTS/ca.key" -out "$CERTS/ca.crt"
server_cert first
server_cert second
server_cert third
fingerprint_of() { openssl x509 -noout -fingerprint -sha256 -in "$1" | cut -d= -f2; }
served_fingerprint() {
    openssl s_client -starttls postgres -connect "127.0.0.1:$PORT" </dev/null 2>/dev/null |
        openssl x509 -noout -fingerprint -sha256 | cut -d= -f2
}
# psql_tls CONNINFO QUERY — as postgres over TCP to localhost (trusted by initdb's lines).
psql_tls() {
    "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "host=localhost port=$PORT user=postgres dbname=postgres $1" -c "$2"
}

# --- bad input: exit 2, the variable named, nothing created ---
MOUNT=$T_DIR/mount # what a Kubernetes secret would mount
mkdir -p "$MOUNT"
bad_start() { # expected-text VAR=value...
    local expected=$1
    shift
    run_pgfit bad POSTGRES_PASSWORD=secret "$@"
    assert_eq "$STATUS" 2 "exit status with $*"
    assert_contains "$(cat "$T_DIR/bad.log")" "$expected" "the error with $*"
    [ ! -e "$PGDATA_DIR" ] || fail "PGDATA was created with $*"
}
bad_start "POSTGRES_TLS_KEY_FILE: a private key without a certificate" \
    POSTGRES_TLS_KEY_FILE="$CERTS/first.key"
bad_start "POSTGRES_TLS_KEY_FILE ($CERTS/second.key): not the private key of the certificate POSTGRES_TLS_CERT_FILE ($CERTS/first.crt)" \
    POSTGRES_TLS_CERT_FILE="$CERTS/first.crt" POSTGRES_TLS_KEY_FILE="$CERTS/second.key"
bad_start "POSTGRESQL_TLS_CERT_FILE ($MOUNT/nothere.crt): cannot read the file" \
    POSTGRESQL_ENABLE_TLS=yes POSTGRESQL_TLS_CERT_FILE="$MOUNT/nothere.crt" \
    POSTGRESQL_TLS_KEY_FILE="$CERTS/first.key"
bad_start "POSTGRES_TLS_CERT_FILE, POSTGRESQL_TLS_CERT_FILE: both are set, to different files" \
    POSTGRES_TLS_CERT_FILE="$CERTS/first.crt" POSTGRESQL_TLS_CERT_FILE="$CERTS/second.crt" \
    POSTGRES_TLS_KEY_FILE="$CERTS/first.key"

# --- mounted files, TLS required ---
install -m 0644 -o root -g root "$CERTS/first.crt" "$MOUNT/tls.crt"
install -m 0644 -o root -g root "$CERTS/first.key" "$MOUNT/tls.key"
install -m 0644 -o root -g root "$CERTS/ca.crt" "$MOUNT/ca.crt"
TLS_ENV=(POSTGRES_PASSWORD=secret POSTGRES_TLS=require POSTGRES_TLS_CERT_FILE="$MOUNT/tls.crt"
    POSTGRES_TLS_KEY_FILE="$MOUNT/tls.key" POSTGRESQL_TLS_CA_FILE="$MOUNT/ca.crt")
start_pgfit tls "${TLS_ENV[@]}"
wait_ready_tcp tls
assert_eq "$(psql_tls "sslmode=verify-full sslrootcert=$CERTS/ca.crt" \
    'select ssl, version from pg_stat_ssl where pid = pg_backend_pid()')" "t|TLSv1.3" \
    "a verify-full login with the CA"
status=0
output=$(psql_tls "sslmode=disable" 'select 1' 2>&1) || status=$?
[ "$status" -ne 0 ] || fail "a login without TLS was accepted"
assert_contains "$output" "no encryption" "the refusal without TLS"
assert_eq "$(stat -c '%a %U' "$PGDATA_DIR/pgfit-tls/server.key")" "600 postgres" \
    "the server's copy of the key"
assert_eq "$(stat -c '%a %U' "$MOUNT/tls.key")" "644 root" "the mounted key is left as it is"
assert_eq "$(psql_tls "sslmode=require" 'show ssl_key_file')" "$PGDATA_DIR/pgfit-tls/server.key" \
    "ssl_key_file"
assert_eq "$(psql_tls "sslmode=require" 'show ssl_min_protocol_version')" "TLSv1.2" \
    "the default minimum version"
assert_eq "$(served_fingerprint)" "$(fingerprint_of "$CERTS/first.crt")" "the certificate served"
assert_contains "$(cat "$T_DIR/tls.log")" "SHA-256 fingerprint $(fingerprint_of "$CERTS/first.crt")" \
    "the fingerprint in the log"
assert_contains "$(cat "$T_DIR/tls.log")" "TLS: the certificate CN = first expires in 29 days" \
    "the warning for a certificate valid less than 30 days"
postmaster=$(head -1 "$PGDATA_DIR/postmaster.pid")

# Rotation: new files, then SIGHUP.
cp "$CERTS/second.key" "$MOUNT/tls.key"
cp "$CERTS/second.crt" "$MOUNT/tls.crt"
kill -HUP "$PGFIT_PID"
second_served() { [ "$(served_fingerprint)" = "$(fingerprint_of "$CERTS/second.crt")" ]; }
wait_until 30 second_served || fail "the rotated certificate is not served: $(tail -20 "$T_DIR/tls.log")"
assert_eq "$(head -1 "$PGDATA_DIR/postmaster.pid")" "$postmaster" "the postmaster after the reload"
assert_contains "$(cat "$T_DIR/tls.log")" "TLS: new files from POSTGRES_TLS_CERT_FILE installed" \
    "the rotation in the log"

# A broken pair (the third certificate with the second key): refused, the second stays.
cp "$CERTS/third.crt" "$MOUNT/tls.crt"
kill -HUP "$PGFIT_PID"
refused() { grep -q "not the private key of the certificate POSTGRES_TLS_CERT_FILE" "$T_DIR/tls.log"; }
wait_until 30 refused || fail "no error for a broken pair: $(tail -20 "$T_DIR/tls.log")"
sleep 1 # postgres has reloaded by now
assert_eq "$(served_fingerprint)" "$(fingerprint_of "$CERTS/second.crt")" \
    "the last good certificate after a broken pair"
assert_eq "$(psql_tls "sslmode=verify-full sslrootcert=$CERTS/ca.crt" 'select 1')" "1" \
    "logins after a broken pair"
assert_eq "$(head -1 "$PGDATA_DIR/postmaster.pid")" "$postmaster" "the postmaster after a broken pair"
stop_pgfit tls

# TLS off again: the block of pg_hba.conf goes, logins without TLS work.
start_pgfit plain POSTGRES_PASSWORD=secret
wait_ready_tcp plain
assert_eq "$(psql_tls "sslmode=disable" 'select 1')" "1" "a login without TLS once TLS is off"
stop_pgfit plain

# --- self-signed ---
new_cluster
start_pgfit self POSTGRES_PASSWORD=secret POSTGRES_TLS=on POSTGRES_TLS_MIN_VERSION=TLSv1.3
wait_ready_tcp self
logged=$(grep -o 'self-signed certificate .*generated now); SHA-256 fingerprint [0-9A-F:]*' "$T_DIR/self.log" |
    sed 's/.*fingerprint //') || fail "no fingerprint logged: $(tail -20 "$T_DIR/self.log")"
assert_eq "$(served_fingerprint)" "$logged" "the self-signed certificate served"
assert_eq "$(psql_tls "sslmode=require" 'select ssl from pg_stat_ssl where pid = pg_backend_pid()')" \
    "t" "a login over TLS"
assert_eq "$(psql_tls "sslmode=disable" 'select 1')" "1" "POSTGRES_TLS=on does not require TLS"
assert_eq "$(psql_tls "sslmode=require" 'show ssl_min_protocol_version')" "TLSv1.3" \
    "POSTGRES_TLS_MIN_VERSION"
stop_pgfit self
start_pgfit again POSTGRES_PASSWORD=secret POSTGRES_TLS=on
wait_ready_tcp again
assert_contains "$(cat "$T_DIR/again.log")" "generated at an earlier start); SHA-256 fingerprint $logged" \
    "the self-signed certificate reused"
assert_eq "$(served_fingerprint)" "$logged" "the same certificate after a restart"
stop_pgfit again
