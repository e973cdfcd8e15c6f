#!/usr/bin/env bash
# What pgfit does with each kind of PGDATA it may find: a cluster made by someone else (plain
# initdb, as the official image leaves it) starts as it is and gets no marker; a directory with
# other files and no PG_VERSION is refused (exit 1, naming the file); the leftovers of an init
# interrupted before the cluster existed (in-progress marker, staging directory, no PG_VERSION)
# are removed and the init runs; a shared directory such as /tmp is used as the socket directory
# as it is, and refused as PGDATA; when PGDATA or an entry at its top has another owner, every
# file in it is given to postgres at the start, links themselves and not what they point to;
# when the top is all postgres's, the tree is not walked.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

note "a cluster initialised by something else"
mkdir -p "$PGDATA_DIR"
chown postgres: "$PGDATA_DIR"
chmod 700 "$PGDATA_DIR"
as_postgres "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres \
    -A trust >"$T_DIR/initdb.log" 2>&1 || fail "initdb: $(cat "$T_DIR/initdb.log")"
start_pgfit foreign POSTGRES_PASSWORD=pw
wait_until 120 "$PGBIN/pg_isready" -q -h "$SOCKET_DIR" -p "$PORT" || fail "foreign cluster did not start: $(tail "$T_DIR/foreign.log")"
stop_pgfit foreign
assert_contains "$(cat "$T_DIR/foreign.log")" "PostgreSQL Database directory appears to contain a database; Skipping initialization" \
    "skip line"
assert_eq "$(marker_state)" "no marker" "no marker added to a foreign cluster"

note "files of another owner in the cluster are given to postgres; a link is not followed"
mkdir -p "$PGDATA_DIR/extra/deeper"
touch "$PGDATA_DIR/extra/deeper/restored-by-root" "$T_DIR/outside"
ln -s "$T_DIR/outside" "$PGDATA_DIR/extra/link"
chown -h root: "$PGDATA_DIR/extra" "$PGDATA_DIR/extra/deeper" "$PGDATA_DIR/extra/deeper/restored-by-root" \
    "$PGDATA_DIR/extra/link" "$T_DIR/outside"
chown root: "$PGDATA_DIR/base"
start_pgfit foreign_again POSTGRES_PASSWORD=pw
wait_until 120 "$PGBIN/pg_isready" -q -h "$SOCKET_DIR" -p "$PORT" || fail "foreign cluster did not start again: $(tail "$T_DIR/foreign_again.log")"
stop_pgfit foreign_again
assert_eq "$(find "$PGDATA_DIR" ! -user postgres)" "" "files in PGDATA not owned by postgres after a start"
assert_eq "$(stat -c %U "$T_DIR/outside")" root "the owner of a link's target outside PGDATA"
assert_contains "$(cat "$T_DIR/foreign_again.log")" \
    "pgfit: '$PGDATA_DIR' holds files of another owner: giving the whole tree to uid $(id -u postgres)" "walk log line"
rm -rf "$PGDATA_DIR/extra"

note "a top that is all postgres's: the tree is not walked"
touch "$PGDATA_DIR/base/deep-by-root"
start_pgfit top_is_postgres POSTGRES_PASSWORD=pw
wait_until 120 "$PGBIN/pg_isready" -q -h "$SOCKET_DIR" -p "$PORT" || fail "did not start: $(tail "$T_DIR/top_is_postgres.log")"
stop_pgfit top_is_postgres
assert_eq "$(find "$PGDATA_DIR" ! -user postgres)" "$PGDATA_DIR/base/deep-by-root" "only the deep file keeps its owner"
assert_not_contains "$(cat "$T_DIR/top_is_postgres.log")" "holds files of another owner" "no walk"
rm -f "$PGDATA_DIR/base/deep-by-root"

note "other files and no PG_VERSION"
rm -rf "$PGDATA_DIR"
mkdir -p "$PGDATA_DIR"
echo "not a database" >"$PGDATA_DIR/notes.txt"
run_pgfit notempty POSTGRES_PASSWORD=pw
assert_eq "$STATUS" 1 "exit code on a non-empty PGDATA"
assert_contains "$(cat "$T_DIR/notempty.log")" \
    "pgfit: ERROR: PGDATA '$PGDATA_DIR' is not empty but holds no database (it contains 'notes.txt'); initdb needs an empty directory: empty it, or point PGDATA at a subdirectory of the mount point" \
    "refusal names the file"

note "leftovers of an init interrupted before the cluster existed"
rm -rf "$PGDATA_DIR"
mkdir -p "$PGDATA_DIR/pgfit-initdb.tmp/base" "$PGDATA_DIR/lost+found"
printf 'state=in-progress\nstarted=2026-01-01T00:00:00Z\n' >"$PGDATA_DIR/pgfit-init.state"
start_pgfit interrupted POSTGRES_PASSWORD=pw
wait_ready_tcp interrupted
stop_pgfit interrupted
assert_contains "$(cat "$T_DIR/interrupted.log")" \
    "pgfit: removing what an interrupted initialisation left in '$PGDATA_DIR' before it created the cluster" \
    "cleanup log line"
assert_eq "$(marker_state)" "state=complete" "marker after the new init"
[ -d "$PGDATA_DIR/lost+found" ] || fail "lost+found was removed"
[ ! -e "$PGDATA_DIR/pgfit-initdb.tmp" ] || fail "the staging directory is still there"

note "a shared directory (sticky, writable by everyone, like /tmp) is never taken over"
shared=$T_DIR/shared
mkdir -p "$shared"
chmod 1777 "$shared"
touch "$shared/someone-elses-file"
rm -rf "$PGDATA_DIR"
start_pgfit shared_socket POSTGRES_PASSWORD=pw PGFIT_SOCKET_DIR="$shared"
wait_ready_tcp shared_socket
stop_pgfit shared_socket
assert_contains "$(cat "$T_DIR/shared_socket.log")" \
    "pgfit: PGFIT_SOCKET_DIR '$shared' is a shared directory (sticky and writable by everyone): its owner and mode are left as they are" \
    "log line for a shared socket directory"
assert_eq "$(stat -c '%U %a' "$shared" "$shared/someone-elses-file" | tr '\n' ' ')" "root 1777 root 644 " \
    "owner and mode of the shared directory and of a file in it"
run_pgfit shared_pgdata POSTGRES_PASSWORD=pw PGDATA="$shared"
assert_eq "$STATUS" 1 "exit code with a shared PGDATA"
assert_contains "$(cat "$T_DIR/shared_pgdata.log")" \
    "pgfit: ERROR: PGDATA: '$shared' is a shared directory (sticky and writable by everyone); pgfit gives its directories to postgres, so use a subdirectory" \
    "refusal of a shared PGDATA"
assert_eq "$(stat -c '%U' "$shared/someone-elses-file")" root "the file's owner after the refusal"

note "the image's PGDATA (sticky, writable by everyone, owned by postgres) is taken over"
PGDATA_DIR=$T_DIR/image-data
mkdir -p "$PGDATA_DIR"
chown postgres: "$PGDATA_DIR"
chmod 1777 "$PGDATA_DIR"
start_pgfit image_layout POSTGRES_PASSWORD=pw PGDATA="$PGDATA_DIR"
wait_ready_tcp image_layout
stop_pgfit image_layout
assert_eq "$(stat -c '%U %a' "$PGDATA_DIR")" "postgres 700" "owner and mode of the image's PGDATA"
