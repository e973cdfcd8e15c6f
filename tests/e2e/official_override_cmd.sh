#!/usr/bin/env bash
# The official image's override-cmd test: any command other than postgres runs unchanged and
# pgfit writes nothing to stdout.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"

hello="Hello world-$RANDOM-$RANDOM"
assert_eq "$(docker run --rm --entrypoint echo "$E2E_IMAGE" "$hello")" "$hello" "echo as the entrypoint"
require_runtime
assert_eq "$(docker run --rm "$E2E_IMAGE" echo "$hello")" "$hello" "echo through pgfit"
assert_eq "$(docker run --rm "$E2E_IMAGE" echo hi)" "hi" "docker run IMAGE echo hi"
status=0
docker run --rm "$E2E_IMAGE" sh -c 'exit 7' || status=$?
assert_eq "$status" 7 "the command's exit code"
