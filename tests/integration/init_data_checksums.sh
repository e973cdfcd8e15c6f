#!/usr/bin/env bash
# Data checksums at the first start: on by default (initdb before 18 leaves them off), off with
# PGFIT_DATA_CHECKSUMS=off, and POSTGRES_INITDB_ARGS=--no-data-checksums is honoured on a major
# whose initdb does not know that flag (off is its default). Each choice is logged.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"

checksum_version() { "$PGBIN/pg_controldata" "$PGDATA_DIR" | awk -F: '/^Data page checksum version/ {gsub(/ /, "", $2); print $2}'; }

first_start() { # name expected-version expected-log VAR=value...
    local name=$1 version=$2 logged=$3
    shift 3
    new_cluster
    start_pgfit "$name" POSTGRES_PASSWORD=pw "$@"
    wait_ready_tcp "$name"
    stop_pgfit "$name"
    assert_eq "$(checksum_version)" "$version" "checksum version after $name"
    assert_contains "$(cat "$T_DIR/$name.log")" "$logged" "log line of $name"
}

first_start default 1 "data checksums: on, pgfit's default (PGFIT_DATA_CHECKSUMS=off turns them off)"
first_start switched_off 0 "data checksums: off, PGFIT_DATA_CHECKSUMS=off" PGFIT_DATA_CHECKSUMS=off
first_start initdb_args_off 0 "data checksums: off, as POSTGRES_INITDB_ARGS says (--no-data-checksums)" \
    POSTGRES_INITDB_ARGS="--no-data-checksums --locale=C.UTF-8"
