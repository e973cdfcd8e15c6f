#!/usr/bin/env bash
# stacks/primary with POSTGRES_TLS=require (no certificate files: the self-signed one): pgbench
# runs through PgBouncer as the application role, PgBouncer's connections to the server are all
# TLS (server_tls_sslmode=require, from the same POSTGRES_TLS), the exporter reaches the server
# over TLS, and a login without TLS straight to the server is refused.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name project "primary-tls"
bouncer_port=$(free_port)
stack_up primary "$project" PG_MEM_LIMIT=1g PGBOUNCER_PUBLISH_PORT="$bouncer_port" \
    POSTGRES_TLS=require EXPORTER_SSLMODE=require
postgres=$(wait_healthy "$project" postgres)
pgbouncer=$(wait_healthy "$project" pgbouncer)
exporter=$(wait_healthy "$project" exporter)
secrets="$T_DIR/$project/secrets"
app_password=$(cat "$secrets/app_password")

note "the self-signed certificate and the server's TLS settings"
assert_contains "$(docker logs "$postgres" 2>&1)" "TLS: serving the self-signed certificate" "the log"
assert_eq "$(psql_in "$postgres" -c 'SHOW ssl')" on "ssl"
assert_contains "$(docker exec "$pgbouncer" sh -c 'cat /var/run/pgbouncer/pgbouncer.ini')" \
    "server_tls_sslmode = require" "pgbouncer.ini"

note "pgbench through PgBouncer"
bench() { PGPASSWORD=$app_password pgbench -h 127.0.0.1 -p "$bouncer_port" -U app "$@" app 2>&1; }
output=$(bench -i -s 1 -q) || fail "pgbench -i through PgBouncer failed: $output"
output=$(bench -n -c 4 -j 2 -t 100) || fail "pgbench through PgBouncer failed: $output"
assert_contains "$output" "number of transactions actually processed: 400/400" "pgbench's transactions"

note "every TCP session on the server is encrypted"
sessions=$(psql_in "$postgres" -c "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)
    FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.client_addr IS NOT NULL")
encrypted=${sessions%%|*}
[ "$encrypted" -ge 1 ] || fail "no TLS session from PgBouncer on the server: $sessions"
assert_eq "${sessions#*|}" 0 "sessions without TLS"
assert_contains "$(docker exec "$exporter" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9187; printf "GET /metrics HTTP/1.0\r\n\r\n" >&3; cat <&3')" \
    $'\npg_up 1' "the exporter over TLS"

note "no TLS, no login"
refused=$(docker exec -e PGPASSWORD="$app_password" "$postgres" \
    psql -X -At "host=127.0.0.1 user=app dbname=app sslmode=disable" -c 'SELECT 1' 2>&1) &&
    fail "a login without TLS was accepted"
assert_contains "$refused" "no encryption" "the refusal"
