#!/usr/bin/env bash
# Runs the real `pgfit detect --root FIXTURE --json` on one fixture tree and compares:
#   stdout with FIXTURE/expected.json (when present),
#   stderr with FIXTURE/expected.stderr (empty when absent),
#   the exit code with FIXTURE/expected.exit (0 when absent).
# FIXTURE/env, when present, holds NAME=value lines given to pgfit as its only environment
# (besides PATH). PGFIT_UPDATE_FIXTURES=1 rewrites the expected files instead of comparing
# (review the diff before committing it).
set -euo pipefail
fixture=${1:?usage: run_fixture.sh FIXTURE_DIR}
: "${PGFIT:?PGFIT must name the pgfit binary}"

environment=(PATH=/usr/bin:/bin)
if [ -f "$fixture/env" ]; then
    while IFS= read -r line; do
        [ -n "$line" ] && environment+=("$line")
    done <"$fixture/env"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
env -i "${environment[@]}" "$PGFIT" detect --root "$fixture" --json \
    >"$out/stdout" 2>"$out/stderr" || status=$?

if [ "${PGFIT_UPDATE_FIXTURES:-0}" = 1 ]; then
    if [ "$status" -eq 0 ]; then
        cp "$out/stdout" "$fixture/expected.json"
    fi
    exit 0
fi

expected_status=0
[ -f "$fixture/expected.exit" ] && expected_status=$(cat "$fixture/expected.exit")
failed=0
if [ "$status" -ne "$expected_status" ]; then
    echo "exit code: expected $expected_status, got $status" >&2
    failed=1
fi
if [ -f "$fixture/expected.json" ]; then
    diff -u "$fixture/expected.json" "$out/stdout" >&2 || { echo "stdout differs" >&2; failed=1; }
elif [ -s "$out/stdout" ]; then
    echo "unexpected stdout:" >&2
    cat "$out/stdout" >&2
    failed=1
fi
expected_stderr=/dev/null
[ -f "$fixture/expected.stderr" ] && expected_stderr=$fixture/expected.stderr
diff -u "$expected_stderr" "$out/stderr" >&2 || { echo "stderr differs" >&2; failed=1; }
exit "$failed"
