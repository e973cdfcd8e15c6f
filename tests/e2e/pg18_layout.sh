#!/usr/bin/env bash
# The PostgreSQL 18 data layout: one volume at /var/lib/postgresql holds the cluster in
# 18/docker. A mount at /var/lib/postgresql/data (where images before 18 kept PGDATA) is
# refused before anything is written - whether it holds a cluster made by the 15 image, or is
# an empty volume or bind mount: exit status 1, a message naming it and the mount to use.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime
image_15=$(e2e_state image-15)

# Every file in a volume with its size and modification time.
listing() { # volume
    docker run --rm -v "$1:/volume:ro" --entrypoint find "$E2E_IMAGE" /volume -printf '%p %s %T@\n' | sort
}

note "a volume at /var/lib/postgresql holds the cluster in 18/docker"
e2e_name volume "new"
e2e_name server "server"
docker volume create "$volume" >/dev/null
start_postgres "$server" -v "$volume:/var/lib/postgresql" -e POSTGRES_PASSWORD=layout "$E2E_IMAGE"
wait_ready "$server"
docker rm -fv "$server" >/dev/null
assert_eq "$(docker run --rm -v "$volume:/volume:ro" --entrypoint cat "$E2E_IMAGE" /volume/18/docker/PG_VERSION)" 18 \
    "PG_VERSION in the volume"

# Runs the 18 image with MOUNT at /var/lib/postgresql/data until it exits; expects the refusal.
expect_refused() { # what mount
    local container status stderr
    e2e_name container "refused"
    docker run -d --name "$container" --mount "$2,target=/var/lib/postgresql/data" \
        -e POSTGRES_PASSWORD=layout "$E2E_IMAGE" >/dev/null || fail "docker run ($1) failed"
    status=$(timeout 60 docker wait "$container") ||
        fail "$1: not refused, still running after 60 s: $(docker_logs "$container" | tail -20)"
    docker logs "$container" >"$T_DIR/stdout" 2>"$T_DIR/stderr"
    assert_eq "$status" 1 "the exit status ($1)"
    stderr=$(cat "$T_DIR/stderr")
    assert_contains "$stderr" "/var/lib/postgresql/data" "the message names the old mount ($1)"
    grep -q -E '/var/lib/postgresql([^/]|$)' "$T_DIR/stderr" ||
        fail "the message does not name /var/lib/postgresql as the mount to use ($1): $stderr"
    assert_contains "$stderr" "mount" "the message is about the mount ($1)"
    assert_eq "$(docker run --rm --volumes-from "$container" --entrypoint find "$E2E_IMAGE" "$E2E_PGDATA" -mindepth 1)" "" \
        "files in PGDATA, the image's own volume ($1)"
    docker rm -fv "$container" >/dev/null
}

note "a cluster made by the 15 image, mounted where 15 keeps PGDATA"
e2e_name old "old"
e2e_name server15 "server15"
docker volume create "$old" >/dev/null
start_postgres "$server15" -v "$old:/var/lib/postgresql/data" -e POSTGRES_PASSWORD=layout "$image_15"
wait_ready "$server15"
docker stop "$server15" >/dev/null
docker rm -fv "$server15" >/dev/null
assert_eq "$(docker run --rm -v "$old:/volume:ro" --entrypoint cat "$E2E_IMAGE" /volume/PG_VERSION)" 15 \
    "the 15 cluster at the volume's root"
before=$(listing "$old")
expect_refused "a 15 cluster" "type=volume,source=$old"
assert_eq "$(listing "$old")" "$before" "the 15 cluster's files after the refusal"

note "an empty volume at /var/lib/postgresql/data"
e2e_name empty "empty"
docker volume create "$empty" >/dev/null
before=$(listing "$empty")
expect_refused "an empty volume" "type=volume,source=$empty"
assert_eq "$(listing "$empty")" "$before" "the empty volume after the refusal"

note "an empty bind mount at /var/lib/postgresql/data"
mkdir -m 0777 "$T_DIR/bind"
expect_refused "an empty bind mount" "type=bind,source=$T_DIR/bind"
assert_eq "$(find "$T_DIR/bind" -mindepth 1 | wc -l)" 0 "files in the bind-mounted directory after the refusal"
