#!/usr/bin/env bash
# The app database (POSTGRES_DB) belongs to the app: once the server is up, no session but the
# client's own is connected to it — every preloaded background worker (pg_cron's scheduler,
# asked for here with POSTGRES_CRON_DATABASE=postgres) connects elsewhere. Otherwise what test
# suites do with it fails with "being accessed by other users": Testcontainers' snapshot (CREATE
# DATABASE ... TEMPLATE app, run exactly as the Node and Go modules run it: `psql -U USER -d
# postgres` through docker exec, as root, on the socket) and a plain DROP DATABASE + CREATE
# DATABASE of the app database from outside.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/clients.sh"
require_runtime
outside_clients

start_published app app-pw appdb -e POSTGRES_CRON_DATABASE=postgres
sql() { # database sql
    outside psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U app -d "$1" -c "$2"
}
testcontainers_sql() { # sql — as StartedPostgreSqlContainer.execCommandsSQL runs it
    docker exec "$server" psql -v ON_ERROR_STOP=1 -U app -d postgres -c "$1"
}

# Each part is tried whatever the one before it found; all that went wrong is reported at the end.
problems=()
problem() { problems+=("$*"); }

note "sessions in the app database"
assert_contains "$(psql_in "$server" -c 'SHOW shared_preload_libraries')" pg_cron "pg_cron, asked for, is preloaded"
wait_background_workers "$server"
sessions=$(other_sessions "$server" appdb)
[ -z "$sessions" ] || problem "sessions other than the client's in POSTGRES_DB after start:
$sessions"

note "Testcontainers' snapshot() and restoreSnapshot()"
sql appdb "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'migrated')"
snapshot() {
    local statement output
    for statement in \
        "UPDATE pg_database SET datistemplate = FALSE WHERE datname = 'migrated_template'" \
        'DROP DATABASE IF EXISTS "migrated_template"' \
        'CREATE DATABASE "migrated_template" WITH TEMPLATE "appdb" OWNER "app"' \
        'ALTER DATABASE "migrated_template" WITH is_template = TRUE'; do
        output=$(testcontainers_sql "$statement" 2>&1) || { problem "snapshot(): $statement: $output"; return 1; }
    done
}
restore_snapshot() {
    local statement output
    for statement in \
        'DROP DATABASE "appdb" WITH (FORCE)' \
        'CREATE DATABASE "appdb" WITH TEMPLATE "migrated_template" OWNER "app"'; do
        output=$(testcontainers_sql "$statement" 2>&1) || { problem "restoreSnapshot(): $statement: $output"; return 1; }
    done
}
if snapshot; then
    sql appdb "INSERT INTO items VALUES (2, 'written by a test')"
    if restore_snapshot; then
        rows=$(sql appdb 'SELECT id FROM items ORDER BY id' 2>&1)
        [ "$rows" = 1 ] || problem "the rows after restoreSnapshot(): expected '1', got '$rows'"
    fi
fi

note "DROP DATABASE and CREATE DATABASE of the app database, from outside"
# A session restoreSnapshot()'s FORCE ended may have come back: this is a second look.
if ! output=$(sql postgres 'DROP DATABASE appdb' 2>&1); then
    problem "DROP DATABASE appdb (connected to postgres): $output"
elif ! output=$(sql postgres 'CREATE DATABASE appdb OWNER app' 2>&1); then
    problem "CREATE DATABASE appdb after dropping it: $output"
else
    assert_eq "$(sql appdb "SELECT current_database() || ' ' || current_user")" "appdb app" "the re-created app database"
fi

[ "${#problems[@]}" -eq 0 ] || fail "the app database is not the app's alone:$(printf '\n  %s' "${problems[@]}")"
