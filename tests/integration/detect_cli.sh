#!/usr/bin/env bash
# `pgfit detect` as a command: help, usage errors (exit 2), the table on a fixture tree, and an
# override error, all through the real binary.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
fixtures=$PGFIT_SOURCE_DIR/tests/fixtures/detect

run() { # expected-status command... ; sets $out and $err
    local expected=$1 status=0
    shift
    env -i PATH=/usr/bin:/bin "$@" >"$T_DIR/out" 2>"$T_DIR/err" || status=$?
    out=$(cat "$T_DIR/out")
    err=$(cat "$T_DIR/err")
    assert_eq "$status" "$expected" "exit status of: $*"
}

run 0 "$PGFIT" detect --help
assert_contains "$out" "usage: pgfit detect [--root DIR] [--json]" "help"
assert_eq "$err" "" "help stderr"

run 2 "$PGFIT" detect --bogus
assert_eq "$out" "" "stdout on a usage error"
assert_eq "$(head -1 <<<"$err")" 'pgfit: ERROR: detect: unknown argument "--bogus"' "unknown flag"
assert_eq "$(sed -n 2p <<<"$err")" "usage: pgfit detect [--root DIR] [--json]" \
    "usage after an unknown flag"

run 2 "$PGFIT" detect --root
assert_eq "$(head -1 <<<"$err")" "pgfit: ERROR: --root: needs a directory" "--root without a value"

run 2 "$PGFIT" detect --root "$T_DIR/missing"
assert_eq "$(head -1 <<<"$err")" "pgfit: ERROR: --root: \"$T_DIR/missing\" is not a directory" \
    "--root on a missing directory"

run 2 env POSTGRES_CPUS=lots "$PGFIT" detect --root "$fixtures/a_docker_v2_private"
assert_eq "$out" "" "stdout on a malformed override"
assert_eq "$err" 'pgfit: ERROR: POSTGRES_CPUS: "lots" is not a CPU count; use a number greater than 0 and at most 4096, such as 2 or 1.5' \
    "malformed POSTGRES_CPUS"

run 0 "$PGFIT" detect --root="$fixtures/d_hybrid_this_machine"
expected_table="memory        23.5 GiB (25274793984 bytes)  host
memory limit  none
memory.high   none
host memory   23.5 GiB (25274793984 bytes)  /proc/meminfo MemTotal
cpus          2                             host
cpu limit     none
cpu affinity  2 CPUs
cgroup        hybrid (memory: v1, cpu: v1)
/dev/shm      unknown
huge pages    not available"
assert_eq "$out" "$expected_table" "table for this machine's hybrid layout"
assert_eq "$err" "" "stderr of the table"

run 0 env POSTGRES_MEMORY=1G "$PGFIT" detect --root "$fixtures/e1_k8s_v2_pod_limit_invisible"
expected_table="memory        1 GiB (1073741824 bytes)    POSTGRES_MEMORY (override)
memory limit  none
memory.high   none
host memory   16 GiB (17179869184 bytes)  /proc/meminfo MemTotal
cpus          8                           host
cpu limit     none
cpu affinity  8 CPUs
cgroup        v2 (memory: v2, cpu: v2)
/dev/shm      unknown
huge pages    not available
notes:
  - memory: no limit at /sys/fs/cgroup or below; a limit on a cgroup above it cannot be seen from here (set POSTGRES_MEMORY if there is one)
  - cpu: no quota at /sys/fs/cgroup or below; a quota on a cgroup above it cannot be seen from here (set POSTGRES_CPUS if there is one)"
assert_eq "$out" "$expected_table" "table with an override and notes"
