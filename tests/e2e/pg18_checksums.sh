#!/usr/bin/env bash
# Data checksums: on by default (as PostgreSQL 18's initdb does), off with
# PGFIT_DATA_CHECKSUMS=off or with POSTGRES_INITDB_ARGS=--no-data-checksums. The default start
# copies the image's template cluster (made with checksums); the two others run initdb, since
# the template was made with other inputs, and say so.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

# The three first starts run side by side.
e2e_name default "default"
e2e_name switched_off "pgfit-off"
e2e_name initdb_off "initdb-off"
start_postgres "$default" -e POSTGRES_PASSWORD=checksums "$E2E_IMAGE"
start_postgres "$switched_off" -e POSTGRES_PASSWORD=checksums -e PGFIT_DATA_CHECKSUMS=off "$E2E_IMAGE"
start_postgres "$initdb_off" -e POSTGRES_PASSWORD=checksums -e POSTGRES_INITDB_ARGS=--no-data-checksums "$E2E_IMAGE"

check() { # container expected what
    wait_ready "$1"
    assert_eq "$(psql_in "$1" -c 'SHOW data_checksums')" "$2" "data_checksums $3"
}
check "$default" on "by default"
check "$switched_off" off "with PGFIT_DATA_CHECKSUMS=off"
check "$initdb_off" off "with POSTGRES_INITDB_ARGS=--no-data-checksums"
assert_contains "$(docker_logs "$default")" "initdb: skipped; PGDATA is a copy of the image's template cluster" \
    "the default first start copies the template"
for container in "$switched_off" "$initdb_off"; do
    assert_contains "$(docker_logs "$container")" \
        "initdb runs: the template was made with other initdb inputs: the template has 'word --data-checksums', this start 'word --no-data-checksums'" \
        "$container runs initdb and says why"
done
