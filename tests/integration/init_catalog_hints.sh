#!/usr/bin/env bash
# What the temporary server wrote to the catalogs is hinted before it stops: the real server's
# first logins (as the official image's clients make them: TCP to POSTGRES_DB, another database,
# a role an init script made) log no full-page image for a hint bit (FPI_FOR_HINT, data checksums
# on), so its first shutdown checkpoint has nothing of the init to write. The same after a
# restart whose changed password is applied on a temporary server.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

cat >"$USER_DIR/10-app.sql" <<'SQL'
CREATE ROLE reader LOGIN PASSWORD 'rpw';
CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX items_name ON items (name);
GRANT SELECT ON items TO reader;
SQL

# The REDO location of the checkpoint the server started from, and the blocks (as "rel ... blk N")
# whose full-page image a hint bit caused in the WAL since.
redo_location() { "$PGBIN/pg_controldata" "$PGDATA_DIR" | awk -F': *' '/REDO location/ { print $2 }'; }
hint_images_since() { # lsn
    as_postgres "$PGBIN/pg_waldump" -p "$PGDATA_DIR/pg_wal" -s "$1" 2>/dev/null |
        grep FPI_FOR_HINT | sed -E 's/.*blkref #0: (rel [0-9/]+ (fork [a-z]+ )?blk [0-9]+).*/\1/' || true
}
first_logins() { # password
    sql_as postgres "$1" app "SELECT count(*) FROM items" >/dev/null
    sql_as postgres "$1" postgres "SELECT 1" >/dev/null
    sql_as reader rpw app "SELECT count(*) FROM items" >/dev/null
    sql_super template1 "SELECT 1" >/dev/null
}

start_pgfit first "${IMAGE_ENV[@]}" POSTGRES_PASSWORD=pw POSTGRES_DB=app
wait_ready_tcp first
[ "$("$PGBIN/pg_controldata" "$PGDATA_DIR" | awk -F': *' '/checksum version/ { print $2 }')" != 0 ] ||
    fail "the cluster has no data checksums: hint bits would log nothing to look for"
redo=$(redo_location)
first_logins pw
stop_pgfit first
assert_contains "$(cat "$T_DIR/first.log")" "catalog hint bits" "the first start's timings"
images=$(hint_images_since "$redo")
[ -z "$images" ] || fail "the real server's first logins logged hint-bit page images: $images"

start_pgfit again "${IMAGE_ENV[@]}" POSTGRES_PASSWORD=pw2 POSTGRES_DB=app
wait_ready_tcp again
assert_contains "$(cat "$T_DIR/again.log")" "applying them on a temporary server" "the new password's path"
redo=$(redo_location)
first_logins pw2
stop_pgfit again
images=$(hint_images_since "$redo")
[ -z "$images" ] || fail "after a password change, the first logins logged hint-bit page images: $images"
