#!/usr/bin/env bash
# An S3 repository's keys from _FILE: in pgbackrest.conf (0600, postgres) and nowhere else —
# not in any argv, not in the environment of pgfit or postgres, not in the log. The endpoint
# does not answer: stanza-create fails with one warning and the server runs on.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
command -v pgbackrest >/dev/null || skip "pgbackrest is not installed"

KEY=AKIAPGFITTESTKEY0001
SECRET=pgfit-secret-$RANDOM$RANDOM$RANDOM
printf '%s\n' "$SECRET" >"$T_DIR/s3-secret"
chmod 600 "$T_DIR/s3-secret" # root only: read before pgfit becomes postgres
start_pgfit s3 POSTGRES_PASSWORD=secret PGBACKREST_REPO1_TYPE=s3 \
    PGBACKREST_REPO1_S3_ENDPOINT=127.0.0.1 PGBACKREST_REPO1_STORAGE_PORT=1 \
    PGBACKREST_REPO1_S3_BUCKET=pgfit PGBACKREST_REPO1_S3_REGION=us-east-1 \
    PGBACKREST_REPO1_S3_KEY="$KEY" PGBACKREST_REPO1_S3_KEY_SECRET_FILE="$T_DIR/s3-secret" \
    PGBACKREST_IO_TIMEOUT=5
wait_ready_tcp s3
conf=$PGDATA_DIR/pgfit-pgbackrest/pgbackrest.conf
assert_eq "$(stat -c '%a %U' "$conf")" "600 postgres" "the conf's mode and owner"
assert_contains "$(cat "$conf")" "repo1-s3-key-secret=$SECRET" "the secret is in the conf"
assert_contains "$(cat "$conf")" "repo1-storage-port=1" "a passed-through option"
wait_until 120 grep -q -F "backup: stanza-create failed" "$T_DIR/s3.log" ||
    fail "no stanza-create warning: $(tail -20 "$T_DIR/s3.log")"
assert_eq "$(grep -c -F 'backup: ' "$T_DIR/s3.log" | tr -d ' ')" 3 \
    "three backup lines (archiving, stanza-create started, failed): $(grep -F 'backup: ' "$T_DIR/s3.log")"
assert_eq "$(sql_super postgres 'SELECT 1')" 1 "the server answers"
for secret in "$KEY" "$SECRET"; do
    for proc in /proc/[0-9]*; do
        if grep -qaF -- "$secret" "$proc/cmdline" 2>/dev/null; then
            fail "a key is in the argv of $(tr '\0' ' ' <"$proc/cmdline")"
        fi
    done
    postmaster=$(pgrep -P "$PGFIT_PID" -x postgres)
    for pid in "$PGFIT_PID" "$postmaster"; do
        if grep -qaF -- "$secret" "/proc/$pid/environ" 2>/dev/null; then
            fail "a key is in the environment of $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline"))"
        fi
    done
    assert_not_contains "$(cat "$T_DIR/s3.log")" "$secret" "no key in the log"
done
grep -F "backup: " "$T_DIR/s3.log" >&2
stop_pgfit s3
