#!/usr/bin/env bash
# Real memory limits: with `-m 512m` and with `-m 4g --cpus 2`, the running server's
# shared_buffers, max_connections and work_mem are what `pgfit plan` says for the same limits.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

check_limits() { # docker run limit flags...
    local server planned name
    e2e_name server "server$#"
    note "limits: $*"
    planned=$(docker run --rm "$@" "$E2E_IMAGE" pgfit plan --format json) || fail "pgfit plan failed"
    start_postgres "$server" "$@" -e POSTGRES_PASSWORD=tuning "$E2E_IMAGE"
    wait_ready "$server"
    assert_eq "$(psql_in "$server" -c 'SHOW max_connections')" "$(json_get "$planned" settings.max_connections)" \
        "max_connections ($*)"
    for name in shared_buffers work_mem; do
        # Compared in bytes: SHOW may print another unit than the plan for the same size.
        assert_eq "$(psql_in "$server" -c "SELECT pg_size_bytes(current_setting('$name'))")" \
            "$(psql_in "$server" -c "SELECT pg_size_bytes('$(json_get "$planned" "settings.$name")')")" "$name ($*)"
    done
    assert_eq "$(docker inspect -f '{{.HostConfig.Memory}}' "$server")" "$(json_get "$planned" budget.limit_bytes)" \
        "the plan's memory is the container's limit ($*)"
    docker rm -fv "$server" >/dev/null
}

check_limits -m 512m
check_limits -m 4g --cpus 2

# pgfit.toml: the image reads /etc/pgfit/pgfit.toml only when there is one. Its reference copy,
# /usr/share/pgfit/pgfit.toml, holds the built-in values (copied there, the plan is the same);
# an edited copy is read.
note "pgfit.toml"
with_toml() { # shell command preparing /etc/pgfit/pgfit.toml
    docker run --rm -m 1g --entrypoint sh "$E2E_IMAGE" -c "$1 && exec pgfit plan --format json" ||
        fail "pgfit plan after '$1' failed"
}
built_in=$(docker run --rm -m 1g "$E2E_IMAGE" pgfit plan --format json) || fail "pgfit plan failed"
assert_eq "$(json_get "$built_in" inputs.profile.origin)" "built-in" "no pgfit.toml is read by default"
assert_eq "$(with_toml 'cp /usr/share/pgfit/pgfit.toml /etc/pgfit/')" "$built_in" \
    "the reference pgfit.toml gives the built-in plan"
edited=$(with_toml "sed 's/^# profile = \"mixed\"/profile = \"dw\"/' /usr/share/pgfit/pgfit.toml >/etc/pgfit/pgfit.toml")
assert_eq "$(json_get "$edited" inputs.profile.value)" "dw" "an edited /etc/pgfit/pgfit.toml is read"
assert_contains "$(json_get "$edited" inputs.profile.origin)" "/etc/pgfit/pgfit.toml:" \
    "the edited file is the origin"
