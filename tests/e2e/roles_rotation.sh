#!/usr/bin/env bash
# Passwords that follow their secret files in a real container: `docker kill -s HUP` after
# rotating POSTGRES_PASSWORD_FILE and POSTGRES_APP_PASSWORD_FILE: the new passwords log in from
# outside the container, the old ones are refused, the postmaster keeps its PID; the same after
# `docker restart` with a rotated file. A declared database with pgvector and its owner; the
# superuser kept local-only: refused over TCP, `docker exec psql` and `pgfit health` still work.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

mkdir "$T_DIR/secrets"
secret() { printf '%s\n' "$2" >"$T_DIR/secrets/$1"; chmod 0644 "$T_DIR/secrets/$1"; }
secret postgres "super one"
secret app "app one"
secret knowledge "knowledge one"
cat >"$T_DIR/secrets/databases.toml" <<'TOML'
[[databases]]
name = "knowledge"
extensions = ["vector"]
TOML
chmod 0644 "$T_DIR/secrets/databases.toml"

e2e_name server "server"
start_postgres "$server" -v "$T_DIR/secrets:/run/secrets:ro" \
    -e POSTGRES_PASSWORD_FILE=/run/secrets/postgres \
    -e POSTGRES_APP_USER=app -e POSTGRES_APP_PASSWORD_FILE=/run/secrets/app \
    -e PGFIT_DATABASES_FILE=/run/secrets/databases.toml \
    -e KNOWLEDGE_PASSWORD_FILE=/run/secrets/knowledge \
    -e POSTGRES_SUPERUSER_LOCAL_ONLY=true "$E2E_IMAGE"
wait_ready "$server"
address=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$server")
[ -n "$address" ] || fail "no address for $server"
# From the host, as another container would: the loopback inside the container is trusted.
logs_in() { # user password database
    PGPASSWORD=$2 "$(pg_bindir)/psql" -X -q -At -h "$address" -U "$1" -d "$3" -c "SELECT 1" >/dev/null 2>&1
}
postmaster() { docker exec "$server" sh -c 'head -1 "$PGDATA/postmaster.pid"'; }
applied() { docker_logs "$server" | grep -c -F "statement(s) applied" || true; }

logs_in app "app one" postgres || fail "the application's first password"
logs_in knowledge "knowledge one" knowledge || fail "the declared owner's password"
assert_eq "$(psql_in "$server" -d knowledge -c "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'knowledge'")" \
    knowledge "the declared database's owner"
[ -n "$(psql_in "$server" -d knowledge -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'")" ] ||
    fail "pgvector is not in the declared database"
logs_in postgres "super one" postgres && fail "the superuser logged in over TCP although local-only"
docker exec "$server" pgfit health || fail "pgfit health with the superuser local-only"

note "docker kill -s HUP after rotating the files"
before=$(postmaster)
count=$(applied)
secret postgres "super two"
secret app "app two"
docker kill -s HUP "$server" >/dev/null
more_applied() { [ "$(applied)" -gt "$count" ]; }
wait_until 30 more_applied || fail "nothing applied on SIGHUP: $(docker_logs "$server" | tail -20)"
logs_in app "app two" postgres || fail "the application's new password after SIGHUP"
logs_in app "app one" postgres && fail "the application's old password after SIGHUP"
assert_eq "$(psql_in "$server" -c "SELECT 1")" 1 "the superuser over the socket after SIGHUP"
docker exec -e PGPASSWORD="super two" "$server" psql -X -q -At -h 127.0.0.1 -U postgres -c "SELECT 1" >/dev/null 2>&1 &&
    fail "the superuser logged in over TCP (loopback) although local-only"
assert_eq "$(postmaster)" "$before" "the postmaster's PID after SIGHUP"
docker exec "$server" pgfit health || fail "pgfit health after SIGHUP"

note "docker restart with a rotated file"
secret app "app three"
docker restart "$server" >/dev/null
wait_ready "$server"
logs_in app "app three" postgres || fail "the application's password after the restart"
logs_in app "app two" postgres && fail "the application's old password after the restart"
true
