#!/usr/bin/env bash
# First start with spaces in the superuser, its password and the database (the official image's
# postgres-basics test); a TCP login with that password works; the log shows "database system is
# ready to accept connections" twice (temporary server, then the real one); a second start
# skips initialisation and changes neither pg_hba.conf nor postgresql.conf.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

USER_NAME='my cool postgres user'
PASSWORD='my cool postgres password'
DB='my cool postgres database'
ENV=(POSTGRES_USER="$USER_NAME" POSTGRES_PASSWORD="$PASSWORD" POSTGRES_DB="$DB")

start_pgfit first "${ENV[@]}"
wait_ready_tcp first
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" "$DB" 'SELECT current_user || $$/$$ || current_database()')" \
    "$USER_NAME/$DB" "login over TCP with the password"
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" "$DB" "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" \
    t "POSTGRES_USER is the bootstrap superuser"
if sql_as "$USER_NAME" wrong "$DB" 'SELECT 1' >/dev/null 2>&1; then
    fail "a wrong password was accepted over TCP"
fi
stop_pgfit first
log=$(cat "$T_DIR/first.log")
assert_eq "$(count_lines "$T_DIR/first.log" 'database system is ready to accept connections')" 2 \
    "ready lines on a first start"
assert_contains "$log" $'\nPostgreSQL init process complete; ready for start up.\n' "init complete line"
assert_eq "$(marker_state)" "state=complete" "marker after the first start"
assert_eq "$(stat -c '%U %a' "$PGDATA_DIR")" "postgres 700" "PGDATA owner and mode"
assert_eq "$(stat -c '%U %a' "$SOCKET_DIR")" "postgres 3777" "socket directory owner and mode (the official image's)"
assert_eq "$(tail -1 "$PGDATA_DIR/pg_hba.conf")" "host all all all scram-sha-256" "pg_hba catch-all"
assert_eq "$(grep -c "^listen_addresses = '\*'" "$PGDATA_DIR/postgresql.conf")" 1 "base conf applied once"
[ -z "$(ls "$SOCKET_DIR" | grep pgfit-init || true)" ] || fail "the private init directory was left behind"
sums=$(md5sum "$PGDATA_DIR/pg_hba.conf" "$PGDATA_DIR/postgresql.conf")

start_pgfit second "${ENV[@]}"
wait_ready_tcp second
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" "$DB" 'SELECT 1')" 1 "login after a restart"
# pgfit, once it has given up root, and the server: postgres's uid, gid and groups, as gosu sets
credentials() { # pid
    awk '/^(Uid|Gid):/ { printf "%s %s %s %s, ", $2, $3, $4, $5 }' "/proc/$1/status"
    echo "groups $(awk '/^Groups:/ { $1 = ""; print }' "/proc/$1/status" | xargs -n1 | sort -n | xargs)"
}
uid=$(id -u postgres) gid=$(id -g postgres)
postgres_ids="$uid $uid $uid $uid, $gid $gid $gid $gid, groups $(id -G postgres | xargs -n1 | sort -n | xargs)"
assert_eq "$(credentials "$PGFIT_PID")" "$postgres_ids" "pgfit's credentials after the start"
assert_eq "$(credentials "$(pgrep -P "$PGFIT_PID" -x postgres)")" "$postgres_ids" "the server's credentials"
stop_pgfit second
log=$(cat "$T_DIR/second.log")
assert_contains "$log" $'\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n' \
    "skip line on the second start"
assert_not_contains "$log" "init process complete" "no init on the second start"
assert_eq "$(count_lines "$T_DIR/second.log" 'database system is ready to accept connections')" 1 \
    "ready lines on a later start"
assert_eq "$(md5sum "$PGDATA_DIR/pg_hba.conf" "$PGDATA_DIR/postgresql.conf")" "$sums" \
    "pg_hba.conf and postgresql.conf unchanged by a restart"
