#!/usr/bin/env bash
# Backups to an S3-compatible repository: moto's S3 server (Debian's python3-moto, in a
# container built here from the forky base) behind HTTPS with a certificate made here, which
# pgBackRest in the image verifies (PGBACKREST_REPO1_STORAGE_CA_FILE). Archiving and
# stanza-create/check work, `pgfit backup full` stores a backup in the bucket, and
# PGFIT_RESTORE=latest on a new volume brings back a row committed after the backup; the
# secret key (given as _FILE) is in no log.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

moto_dir="$PGFIT_SOURCE_DIR/tests/e2e/moto"
base=$(e2e_state base-18)
moto_image="pgfit-e2e-moto:$(cat "$moto_dir"/* <(docker image inspect -f '{{.Id}}' "$base") | sha256sum | cut -c1-16)"
if ! docker image inspect "$moto_image" >/dev/null 2>&1; then
    DOCKER_BUILDKIT=0 docker build -q --build-arg BASE_IMAGE="$base" -t "$moto_image" "$moto_dir" \
        >"$T_DIR/moto-build.log" 2>&1 || fail "building the moto image: $(tail -20 "$T_DIR/moto-build.log")"
fi

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=moto -addext "subjectAltName=DNS:moto" \
    -keyout "$T_DIR/s3.key" -out "$T_DIR/s3.crt" 2>/dev/null || fail "openssl req"
printf 'moto-secret-key\n' >"$T_DIR/key-secret"
chmod 644 "$T_DIR/s3.crt" "$T_DIR/s3.key" "$T_DIR/key-secret"

e2e_name net net
e2e_name moto moto
e2e_name data data
e2e_name data2 data2
e2e_name db db
e2e_name restored restored
docker network create "$net" >/dev/null
docker volume create "$data" >/dev/null
docker volume create "$data2" >/dev/null
docker run -d --name "$moto" --network "$net" --network-alias moto -v "$T_DIR:/tls:ro" "$moto_image" >/dev/null ||
    fail "docker run moto"
bucket_made() {
    docker exec "$moto" python3 -c 'import urllib.request as u; u.urlopen(u.Request("http://127.0.0.1:5000/pgfit-backups", method="PUT"))' 2>/dev/null
}
wait_until 60 bucket_made || fail "moto did not start: $(docker_logs "$moto" | tail -20)"

S3=(-e POSTGRES_PASSWORD=secret -e PGBACKREST_REPO1_TYPE=s3 -e PGBACKREST_REPO1_PATH=/e2e
    -e PGBACKREST_REPO1_S3_ENDPOINT=moto -e PGBACKREST_REPO1_S3_URI_STYLE=path
    -e PGBACKREST_REPO1_STORAGE_CA_FILE=/tls/s3.crt -e PGBACKREST_REPO1_S3_BUCKET=pgfit-backups
    -e PGBACKREST_REPO1_S3_REGION=us-east-1 -e PGBACKREST_REPO1_S3_KEY=moto-key
    -e PGBACKREST_REPO1_S3_KEY_SECRET_FILE=/tls/key-secret
    --network "$net" -v "$T_DIR/s3.crt:/tls/s3.crt:ro" -v "$T_DIR/key-secret:/tls/key-secret:ro")

note "archiving and a backup into the bucket"
start_postgres "$db" "${S3[@]}" -v "$data:$E2E_VOLUME" "$E2E_IMAGE"
wait_ready "$db"
wait_until 120 sh -c "docker logs '$db' 2>&1 | grep -q 'backup: check finished'" ||
    fail "no successful check: $(docker_logs "$db" | grep backup:)"
docker exec "$db" pgfit backup full >"$T_DIR/full.log" 2>&1 || fail "pgfit backup full: $(cat "$T_DIR/full.log")"
assert_contains "$(docker exec "$db" pgfit backup list)" "full backup:" "the backup is listed"
psql_in "$db" -c "CREATE TABLE after_backup AS SELECT 'from the archive' AS x"
segment=$(psql_in "$db" -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
psql_in "$db" -c "SELECT pg_switch_wal()" >/dev/null
archived() { [[ ! "$(psql_in "$db" -c 'SELECT last_archived_wal FROM pg_stat_archiver')" < "$segment" ]]; }
wait_until 60 archived || fail "not archived: $(psql_in "$db" -c 'SELECT * FROM pg_stat_archiver')"
docker stop "$db" >/dev/null

note "PGFIT_RESTORE=latest from the bucket into a new volume"
start_postgres "$restored" "${S3[@]}" -e PGFIT_RESTORE=latest -v "$data2:$E2E_VOLUME" "$E2E_IMAGE"
wait_ready "$restored" 180
promoted() { [ "$(psql_in "$restored" -c 'SELECT pg_is_in_recovery()')" = f ]; }
wait_until 60 promoted || fail "not promoted: $(docker_logs "$restored" | tail -20)"
assert_eq "$(psql_in "$restored" -c 'SELECT x FROM after_backup')" "from the archive" \
    "the row committed after the backup came back from the archived WAL"
assert_not_contains "$(docker_logs "$db"; docker_logs "$restored"; cat "$T_DIR/full.log")" \
    "moto-secret-key" "no secret key in any log"
