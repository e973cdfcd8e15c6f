#!/usr/bin/env bash
# Secrets given as variables and as files never reach the server's environment, its log,
# postgresql.auto.conf, pg_stat_activity or any file in PGDATA; roles get SCRAM verifiers only.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

secret() { printf 'pw-%s-%s' "$1" "$(tr -dc 'a-z0-9' </dev/urandom | head -c 16)"; }
superuser=$(secret superuser)
app=$(secret app)
auth=$(secret auth)
monitor=$(secret monitor)
replication=$(secret replication)
mkdir "$T_DIR/secrets"
printf '%s\n' "$superuser" >"$T_DIR/secrets/postgres_password"
printf '%s\n' "$replication" >"$T_DIR/secrets/replication_password"
chmod 600 "$T_DIR/secrets"/*

e2e_name server "server"
start_postgres "$server" -v "$T_DIR/secrets:/run/secrets:ro" \
    -e POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password \
    -e POSTGRES_REPLICATION_PASSWORD_FILE=/run/secrets/replication_password \
    -e POSTGRES_APP_USER=app -e POSTGRES_APP_PASSWORD="$app" \
    -e PGBOUNCER_AUTH_PASSWORD="$auth" -e POSTGRES_MONITOR_PASSWORD="$monitor" \
    "$E2E_IMAGE"
wait_ready "$server"

check_absent() { # text what
    local secret
    for secret in "$superuser" "$app" "$auth" "$monitor" "$replication"; do
        assert_not_contains "$1" "$secret" "$2"
    done
}

note "the environment of every postgres process"
pids=$(docker exec "$server" sh -c 'for p in /proc/[0-9]*; do [ "$(cat "$p/comm" 2>/dev/null)" = postgres ] && echo "${p#/proc/}"; done; true')
[ -n "$pids" ] || fail "no postgres process found"
for pid in $pids; do
    check_absent "$(docker exec "$server" sh -c "tr '\\0' '\\n' </proc/$pid/environ" 2>/dev/null || true)" \
        "the environment of postgres process $pid"
done
postmaster=$(docker exec "$server" sh -c 'head -1 "$PGDATA/postmaster.pid"')
assert_eq "$(docker exec "$server" cut -d' ' -f4 "/proc/$postmaster/stat")" 1 "the postmaster's parent is pgfit, PID 1"

note "the server log, postgresql.auto.conf, pg_stat_activity, every file in PGDATA"
check_absent "$(docker_logs "$server")" "the container's log"
check_absent "$(docker exec "$server" sh -c 'cat "$PGDATA/postgresql.auto.conf"')" "postgresql.auto.conf"
check_absent "$(psql_in "$server" -c 'SELECT string_agg(query, E'"'"'\n'"'"') FROM pg_stat_activity')" "pg_stat_activity"
for secret in "$superuser" "$app" "$auth" "$monitor" "$replication"; do
    if docker exec "$server" grep -r -a -q -F -- "$secret" "$E2E_PGDATA"; then
        fail "a password is stored in PGDATA: $(docker exec "$server" grep -r -l -a -F -- "$secret" "$E2E_PGDATA")"
    fi
done
assert_eq "$(psql_in "$server" -c "SELECT count(*) FROM pg_authid WHERE rolpassword IS NOT NULL AND rolpassword NOT LIKE 'SCRAM-SHA-256\$%'")" \
    0 "every stored password is a SCRAM verifier"
assert_eq "$(psql_in "$server" -c "SELECT count(*) FROM pg_authid WHERE rolname IN ('app', 'pgbouncer_auth', 'postgres_exporter', 'replicator') AND rolpassword LIKE 'SCRAM-SHA-256\$%'")" \
    4 "the four roles of the shipped scripts have verifiers"
