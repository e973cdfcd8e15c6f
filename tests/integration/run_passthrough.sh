#!/usr/bin/env bash
# The official image's argument rules: any command other than the server runs unchanged with
# nothing extra on stdout (`pgfit echo hi` prints exactly "hi"); a first argument starting
# with '-' means `postgres <args>`, and postgres's help/version flags skip setup; pgfit's own
# switches are read only for the server, and a bad one stops it with exit code 2.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"

out="$T_DIR/out"
err="$T_DIR/err"
run() { # expected-status args...
    local expected=$1 status=0
    shift
    "$PGFIT" "$@" >"$out" 2>"$err" </dev/null || status=$?
    assert_eq "$status" "$expected" "exit status of pgfit $*"
}

run 0 echo hi
assert_eq "$(od -c "$out")" "$(printf 'hi\n' | od -c)" "stdout of pgfit echo hi"
assert_eq "$(cat "$err")" "" "stderr of pgfit echo hi"
run 5 sh -c 'echo "$0 $1"; exit 5' a b
assert_eq "$(cat "$out")" "a b" "arguments passed unchanged"
echo 'exit 3' | "$PGFIT" sh >/dev/null 2>&1 && fail "stdin not passed" || assert_eq "$?" 3 "exit status with stdin"

# A bad pgfit switch does not concern other commands...
PGFIT_EXEC=maybe PGFIT_STOP_TIMEOUT=soon run 0 true
# ...but stops the server path before anything starts.
PGFIT_STOP_TIMEOUT=soon run 2 postgres
assert_eq "$(cat "$err")" "pgfit: ERROR: PGFIT_STOP_TIMEOUT: 'soon' is not a duration; use seconds (8, 2.5) or a number with ms, s or min (500ms, 8s, 1min), at most a day" "error for a bad switch"
PGFIT_EXEC=maybe run 2 -c shared_buffers=1GB
assert_eq "$(cat "$err")" "pgfit: ERROR: PGFIT_EXEC: 'maybe' is not a switch; use true or false (also 1/0, yes/no, on/off)" "error for a bad switch"

# Flags first mean postgres; help and version flags run it unchanged (no setup, no log).
bindir=$(pg_bindir)
version=$("$bindir/postgres" --version)
for flag in --version -V; do
    PATH="$bindir:$PATH" run 0 "$flag"
    assert_eq "$(cat "$out")" "$version" "stdout of pgfit $flag"
    assert_eq "$(cat "$err")" "" "stderr of pgfit $flag"
done
# postgres not on PATH: found under /usr/lib/postgresql like the server.
PATH=/usr/bin:/bin run 0 postgres --version
assert_eq "$(cat "$out")" "$("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version)" \
    "postgres --version without postgres on PATH"
PATH="$bindir:$PATH" run 0 postgres --describe-config
assert_contains "$(cat "$out")" "shared_buffers" "postgres --describe-config"

run 127 pgfit-no-such-command
assert_contains "$(cat "$err")" "pgfit: ERROR: cannot run command 'pgfit-no-such-command': not found in PATH" "missing command"

# Under the official entrypoint's name (the image's link), argv is always the entrypoint's: a
# command named like one of pgfit's own runs unchanged too.
ln -s "$PGFIT" "$T_DIR/docker-entrypoint.sh"
mkdir "$T_DIR/bin"
printf '#!/bin/sh\necho "a program named plan: $*"\n' >"$T_DIR/bin/plan"
chmod +x "$T_DIR/bin/plan"
status=0
PATH="$T_DIR/bin:$PATH" "$T_DIR/docker-entrypoint.sh" plan --memory 1GiB >"$out" 2>"$err" || status=$?
assert_eq "$status" 0 "exit status of docker-entrypoint.sh plan"
assert_eq "$(cat "$out")" "a program named plan: --memory 1GiB" "docker-entrypoint.sh plan runs the command plan"
"$T_DIR/docker-entrypoint.sh" echo hi >"$out" 2>"$err"
assert_eq "$(cat "$out")" "hi" "stdout of docker-entrypoint.sh echo hi"
PGFIT_STOP_TIMEOUT=soon "$T_DIR/docker-entrypoint.sh" -c fsync=off >"$out" 2>"$err" && status=0 || status=$?
assert_eq "$status" 2 "docker-entrypoint.sh -c ... is the server path (a bad switch stops it)"
