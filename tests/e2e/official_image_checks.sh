#!/usr/bin/env bash
# The official image's global tests that need no server (utc, no-hard-coded-passwords), its
# layout, and no secret or test credential in the image: not in its configuration, its
# history, or any file of its filesystem.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"

note "utc: date +%Z prints UTC"
assert_eq "$(docker run --rm --entrypoint date "$E2E_IMAGE" +%Z)" "UTC" "the time zone"

note "no-hard-coded-passwords: every account is locked"
passwd=$(docker run --rm --user 0:0 --entrypoint cut "$E2E_IMAGE" -d: -f1-2 /etc/passwd)
shadow=$(docker run --rm --user 0:0 --entrypoint cut "$E2E_IMAGE" -d: -f1-2 /etc/shadow)
while IFS=: read -r user password; do
    [ "$password" = x ] || fail "/etc/passwd: $user has password field '$password'"
done <<<"$passwd"
while IFS=: read -r user password; do
    case "$password" in
    '*' | '!'*) ;;
    *) fail "/etc/shadow: $user is not locked ('$password')" ;;
    esac
done <<<"$shadow"

note "the official image's user, configuration, locale and tools"
assert_eq "$(docker run --rm --entrypoint sh "$E2E_IMAGE" -c 'echo "$(id -u postgres):$(id -g postgres)"')" "999:999" \
    "postgres is uid/gid 999"
config=$(docker image inspect -f '{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.StopSignal}} {{json .Config.ExposedPorts}}' "$E2E_IMAGE")
assert_eq "$config" '["pgfit"] ["postgres"] SIGINT {"5432/tcp":{}}' "entrypoint, cmd, stop signal, port"
environment=$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$E2E_IMAGE")
assert_contains "$environment" "PGFIT_INITDB_DIR=/usr/share/pgfit/initdb.d" "the shipped scripts"
assert_contains "$environment" "LANG=en_US.utf8" "the locale"
assert_eq "$(docker run --rm --entrypoint locale "$E2E_IMAGE" -a | grep -c '^en_US.utf8$')" 1 "en_US.UTF-8 generated"
assert_eq "$(docker run --rm --entrypoint sh "$E2E_IMAGE" -c 'ls /usr/share/pgfit/initdb.d | tr "\n" " "')" \
    "01-extensions.sql 02-replication.sql 03-pgbouncer-auth.sql 04-monitoring.sql 05-app-user.sql 06-pgaudit-log.sql include " \
    "the shipped init scripts"
# Its C++ runtime, libcrypt and Nettle are linked in, and it needs nothing of libm: every library
# the loader maps costs a start.
assert_eq "$(docker run --rm --entrypoint sh "$E2E_IMAGE" -c 'ldd /usr/local/bin/pgfit | awk "{ print \$1 }" | sort | xargs')" \
    "/lib64/ld-linux-x86-64.so.2 libc.so.6 linux-vdso.so.1" "the libraries pgfit is linked with"
for tool in pgbouncer prometheus-postgres-exporter pg_isready pgbench psql; do
    docker run --rm --entrypoint sh "$E2E_IMAGE" -c "command -v $tool" >/dev/null || fail "$tool is not in the image"
done

# The data layout follows the major, as in the official image: 13..17 PGDATA is the volume,
# 18+ the volume is /var/lib/postgresql and PGDATA is <major>/docker in it.
check_layout() { # image major pgdata volume
    note "the layout of PostgreSQL $2 ($1)"
    assert_contains "$(docker run --rm --entrypoint postgres "$1" --version)" "(PostgreSQL) $2." "the server's version"
    assert_eq "$(image_env "$1" PG_MAJOR)" "$2" "PG_MAJOR"
    assert_contains "$(image_env "$1" PATH)" ":/usr/lib/postgresql/$2/bin" "PATH"
    assert_eq "$(image_env "$1" PGDATA)" "$3" "PGDATA"
    assert_eq "$(docker image inspect -f '{{json .Config.Volumes}}' "$1")" "{\"$4\":{}}" "the volume"
    assert_eq "$(docker run --rm --entrypoint stat "$1" -c '%n %a %U' /var/lib/postgresql "$3" /var/run/postgresql /docker-entrypoint-initdb.d)" \
        "/var/lib/postgresql 1777 postgres
$3 1777 postgres
/var/run/postgresql 3777 postgres
/docker-entrypoint-initdb.d 755 root" "directories"
}
check_layout "$E2E_IMAGE" 18 /var/lib/postgresql/18/docker /var/lib/postgresql
check_layout "$(e2e_state image-15)" 15 /var/lib/postgresql/data /var/lib/postgresql/data

note "no secret in the image's configuration or history"
assert_not_contains "$environment" "PASSWORD" "the image's environment"
history=$(docker history --no-trunc --format '{{.CreatedBy}}' "$E2E_IMAGE")
assert_not_contains "$(grep -i -E 'password|secret' <<<"$history" || true)" "=" "a password value in the history"

note "no secret or test credential in any file of the image"
e2e_name container "export"
docker create --name "$container" "$E2E_IMAGE" >/dev/null
docker export "$container" >"$T_DIR/rootfs.tar"
files=$(tar -tf "$T_DIR/rootfs.tar")
# The repository's tests, stacks and secrets, or a deployment's .env or .pgpass.
for unwanted in '(^|/)secrets/' '(^|/)\.env$' '(^|/)\.pgpass$' '(^|/)tests/(integration|e2e|lib)/' '(^|/)stacks/' '(^|/)\.git/'; do
    assert_eq "$(grep -c -E -- "$unwanted" <<<"$files" || true)" 0 "files matching '$unwanted'"
done
# Debian's pgbouncer ships an empty /etc/pgbouncer/userlist.txt (and upstream's example under
# /usr/share/doc): no auth file with an entry may be in the image.
for auth_file in $(grep -E '(^|/)userlist\.txt$' <<<"$files" | grep -v '^usr/share/doc/'); do
    assert_eq "$(tar -xOf "$T_DIR/rootfs.tar" "$auth_file" | grep -c -v -E '^\s*(;|#|$)' || true)" 0 \
        "entries in /$auth_file"
done
# The credentials the repository's own tests use.
for credential in 'app pass' 'auth "pass"' 'monitor pass' 'repl pass' 'auth secret'; do
    if grep -a -q -F -- "$credential" "$T_DIR/rootfs.tar"; then
        fail "the test credential '$credential' is in the image's filesystem"
    fi
done
