#!/usr/bin/env bash
# A first start that copies the template cluster made by `pgfit template` instead of running
# initdb: the copy has a system identifier and a mock authentication nonce of its own (new in
# each cluster, with a pg_control whose CRC checks), its superuser is POSTGRES_USER (OID 10, the
# name renamed, spaces included) with POSTGRES_PASSWORD (a wrong one is refused over TCP), the
# init scripts ran, and data checksums are on as initdb would have made them. Other initdb
# inputs (POSTGRES_INITDB_ARGS, a time zone), PGFIT_INIT_TEMPLATE=false or a template the
# server's user cannot read run initdb instead.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

CACHE=$T_DIR/cache
BASE_ENV+=(PGFIT_CACHE_DIR="$CACHE")
USER_NAME='my template user'
PASSWORD='template secret'
ENV=(POSTGRES_USER="$USER_NAME" POSTGRES_PASSWORD="$PASSWORD" POSTGRES_DB=app)
COPIED="initdb: skipped; PGDATA is a copy of the image's template cluster"

# What pg_controldata says of a cluster: "<system identifier> <nonce>"; fails on a bad CRC.
identity_of() {
    local out
    out=$(LC_ALL=C "$PGBIN/pg_controldata" -D "$1" 2>&1)
    assert_not_contains "$out" "CRC" "pg_control of $1 checks"
    printf '%s %s\n' "$(awk -F': *' '/^Database system identifier/ {print $2}' <<<"$out")" \
        "$(awk -F': *' '/^Mock authentication nonce/ {print $2}' <<<"$out")"
}

env -i "${BASE_ENV[@]}" "$PGFIT" template >"$T_DIR/template.log" 2>&1 ||
    fail "pgfit template failed: $(tail -20 "$T_DIR/template.log")"
[ -z "$(ls "$CACHE/template/cluster/pg_wal" | grep -v -x -e archive_status -e summaries || true)" ] ||
    fail "the template keeps WAL segments: $(ls "$CACHE/template/cluster/pg_wal")"
template_identity=$(identity_of "$CACHE/template/cluster")

echo 'CREATE TABLE made_by_init_script (id int);' >"$USER_DIR/10-table.sql"
start_pgfit first "${ENV[@]}"
wait_ready_tcp first
assert_contains "$(cat "$T_DIR/first.log")" "$COPIED" "the template is copied"
assert_contains "$(cat "$T_DIR/first.log")" "template copy" "the first start's split names the copy"
assert_not_contains "$(cat "$T_DIR/first.log")" "The files belonging to this database system" \
    "initdb did not run"
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app \
    "SELECT rolname FROM pg_authid WHERE oid = 10")" "$USER_NAME" "POSTGRES_USER is the bootstrap superuser"
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app \
    "SELECT count(*) FROM pg_roles WHERE rolname = 'postgres'")" 0 "no role postgres is left"
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app \
    "SELECT rolpassword LIKE 'SCRAM-SHA-256\$%' FROM pg_authid WHERE oid = 10")" t "the password is a SCRAM verifier"
if sql_as "$USER_NAME" wrong app 'SELECT 1' >/dev/null 2>&1; then
    fail "a wrong password was accepted over TCP"
fi
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app "SELECT to_regclass('made_by_init_script') IS NOT NULL")" t \
    "the init script ran in POSTGRES_DB"
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app "SHOW data_checksums")" on "data checksums"
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app "SELECT datdba::regrole::text FROM pg_database WHERE datname = 'template1'")" \
    "\"$USER_NAME\"" "template1 is owned by POSTGRES_USER"
stop_pgfit first
first_identity=$(identity_of "$PGDATA_DIR")
[ "${first_identity% *}" != "${template_identity% *}" ] || fail "the copy kept the template's system identifier"
[ "${first_identity#* }" != "${template_identity#* }" ] || fail "the copy kept the template's nonce"

start_pgfit restart "${ENV[@]}"
wait_ready_tcp restart
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app 'SELECT 1')" 1 "login after a restart"
stop_pgfit restart

new_cluster
start_pgfit second "${ENV[@]}"
wait_ready_tcp second
stop_pgfit second
assert_contains "$(cat "$T_DIR/second.log")" "$COPIED" "the template is copied again"
second_identity=$(identity_of "$PGDATA_DIR")
[ "${second_identity% *}" != "${first_identity% *}" ] || fail "two copies share a system identifier"
[ "${second_identity#* }" != "${first_identity#* }" ] || fail "two copies share a nonce"

# Inputs initdb would have used differently: initdb runs, and says why.
for inputs in "POSTGRES_INITDB_ARGS=--locale=C" "TZ=Europe/Berlin" "PGFIT_INIT_TEMPLATE=false"; do
    new_cluster
    start_pgfit other "${ENV[@]}" "$inputs"
    wait_ready_tcp other
    assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app 'SELECT 1')" 1 "login after initdb with $inputs"
    stop_pgfit other
    log=$(cat "$T_DIR/other.log")
    assert_not_contains "$log" "$COPIED" "no copy with $inputs"
    assert_contains "$log" "The files belonging to this database system" "initdb ran with $inputs"
    [ "$inputs" = PGFIT_INIT_TEMPLATE=false ] ||
        assert_contains "$log" "initdb runs: the template was made with other initdb inputs" "the reason, with $inputs"
done

# A template the server's user cannot read (a container run under another uid): initdb runs.
chown root "$CACHE/template/cluster"
new_cluster
start_pgfit unreadable "${ENV[@]}"
wait_ready_tcp unreadable
assert_eq "$(sql_as "$USER_NAME" "$PASSWORD" app 'SELECT 1')" 1 "login after initdb"
stop_pgfit unreadable
assert_contains "$(cat "$T_DIR/unreadable.log")" "initdb runs: the template could not be used" \
    "the warning for an unreadable template"
assert_contains "$(cat "$T_DIR/unreadable.log")" "The files belonging to this database system" \
    "initdb ran after the failed copy"
