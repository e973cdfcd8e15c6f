#!/usr/bin/env bash
# A replica's connection to a primary that takes replication over TLS only (a `hostssl
# replication` line, no `host` one), on the real PostgreSQL 15: with POSTGRES_PRIMARY_SSLMODE=
# verify-full and the CA in POSTGRES_PRIMARY_SSLROOTCERT the real pgfit clones, streams over TLS
# and passes the mode on in primary_conninfo; with sslmode=disable the primary refuses it.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/replica_primary.sh"
command -v openssl >/dev/null || skip "no openssl CLI"

CERTS=$T_DIR/certs
mkdir -p "$CERTS"
openssl_quiet() { openssl "$@" 2>>"$T_DIR/openssl.log" >/dev/null; }
openssl_quiet req -x509 -new -newkey rsa:2048 -nodes -subj "/CN=pgfit test CA" -days 30 \
    -keyout "$CERTS/ca.key" -out "$CERTS/ca.crt"
openssl_quiet req -new -newkey rsa:2048 -nodes -subj "/CN=primary" -keyout "$CERTS/primary.key" \
    -out "$CERTS/primary.csr"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$CERTS/san.ext"
openssl_quiet x509 -req -in "$CERTS/primary.csr" -CA "$CERTS/ca.crt" -CAkey "$CERTS/ca.key" \
    -CAcreateserial -days 30 -extfile "$CERTS/san.ext" -out "$CERTS/primary.crt"
chown postgres: "$CERTS/primary.key" "$CERTS/primary.crt"
chmod 600 "$CERTS/primary.key"

pg_server_init "$PRIMARY_DATA" "$PRIMARY_LOG" \
    "hostssl replication replicator 127.0.0.1/32 scram-sha-256"
PRIMARY_SETTINGS=(-c ssl=on -c "ssl_cert_file=$CERTS/primary.crt" -c "ssl_key_file=$CERTS/primary.key")
start_primary
primary_sql -v "password=$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'password';
SELECT pg_create_physical_replication_slot('replica1');
SQL

note "sslmode=disable: refused by the primary"
run_pgfit plain "${REPLICA_ENV[@]}" POSTGRES_PRIMARY_SSLMODE=disable PGFIT_PRIMARY_WAIT_TIMEOUT=2s
assert_eq "$STATUS" 1 "exit status without TLS"
assert_contains "$(cat "$T_DIR/plain.log")" "no encryption" "the primary's refusal"
new_cluster

note "verify-full with the CA: cloned and streaming over TLS"
start_pgfit tls "${REPLICA_ENV[@]}" POSTGRES_PRIMARY_SSLMODE=verify-full \
    POSTGRES_PRIMARY_SSLROOTCERT="$CERTS/ca.crt"
wait_ready_tcp tls
wait_until 30 streaming || fail "the replica does not stream: $(tail -20 "$T_DIR/tls.log")"
assert_eq "$(primary_sql -c "SELECT s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid) WHERE r.application_name = 'replica1'")" \
    t "the replication connection uses TLS"
conninfo=$("$PGBIN/psql" -X -At -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -c 'SHOW primary_conninfo')
assert_contains "$conninfo" "sslmode='verify-full' sslrootcert='$CERTS/ca.crt'" "primary_conninfo"
stop_pgfit tls
