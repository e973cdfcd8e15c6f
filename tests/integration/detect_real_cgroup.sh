#!/usr/bin/env bash
# `pgfit detect --json` inside real cgroups this test creates: a limit on the process's own
# cgroup, a limit on a parent only, a private cgroup namespace (as in a container), an inherited
# mount whose root lies above the namespace, a CPU affinity mask, a 64 MiB /dev/shm, and cgroup
# v2 where the host has a v2 memory controller. Cgroups are named pgfit-test-<pid>-* and removed.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
require_root "creating cgroups under /sys/fs/cgroup"

# The value of a top-level key in pgfit's JSON (one key per line).
field() { # key json
    sed -n "s/^  \"$1\": \(.*\)$/\1/p" <<<"$2" | sed 's/,$//'
}
assert_field() { # json key expected
    assert_eq "$(field "$2" "$1")" "$3" "$2"
}
# Runs pgfit detect --json in a fresh shell moved into the given cgroup directories first.
detect_in() { # command-prefix cgroup-dir...
    local prefix=$1 moves=""
    shift
    for dir in "$@"; do
        moves+="echo \$\$ > '$dir/cgroup.procs'; "
    done
    env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin sh -c "$moves exec $prefix '$PGFIT' detect --json"
}
make_cgroup() { # directory
    mkdir "$1"
    on_exit rmdir "'$1'"
}

v1_memory=/sys/fs/cgroup/memory
v1_cpu=/sys/fs/cgroup/cpu
v1_ok=1
for hierarchy in "$v1_memory" "$v1_cpu"; do
    if ! grep -q " $hierarchy .* - cgroup " /proc/self/mountinfo; then
        note "SKIP v1 parts: $hierarchy is not a cgroup v1 mount on this host"
        v1_ok=0
    fi
done

if [ "$v1_ok" = 1 ]; then
    affinity=$(nproc)
    [ "$affinity" -ge 2 ] || skip "needs at least 2 CPUs to tell a 1.5-CPU quota from the host"

    note "v1: limits on the process's own cgroup"
    leaf_memory=$v1_memory/pgfit-test-$$-leaf
    leaf_cpu=$v1_cpu/pgfit-test-$$-leaf
    make_cgroup "$leaf_memory"
    make_cgroup "$leaf_cpu"
    echo 268435456 >"$leaf_memory/memory.limit_in_bytes"
    echo 100000 >"$leaf_cpu/cpu.cfs_period_us"
    echo 150000 >"$leaf_cpu/cpu.cfs_quota_us"
    json=$(detect_in "" "$leaf_memory" "$leaf_cpu")
    assert_field "$json" memory_bytes 268435456
    assert_field "$json" memory_source "\"$leaf_memory/memory.limit_in_bytes\""
    assert_field "$json" cpu_limit 1.5
    assert_field "$json" cpus 2
    assert_field "$json" cpu_source "\"$leaf_cpu/cpu.cfs_quota_us\""
    assert_field "$json" memory_cgroup '"v1"'
    assert_field "$json" cpu_cgroup '"v1"'

    note "v1: limits on the parent only, the process in a child"
    parent_memory=$v1_memory/pgfit-test-$$-parent
    parent_cpu=$v1_cpu/pgfit-test-$$-parent
    make_cgroup "$parent_memory"
    make_cgroup "$parent_cpu"
    make_cgroup "$parent_memory/child"
    make_cgroup "$parent_cpu/child"
    echo 268435456 >"$parent_memory/memory.limit_in_bytes"
    echo 100000 >"$parent_cpu/cpu.cfs_period_us"
    echo 150000 >"$parent_cpu/cpu.cfs_quota_us"
    assert_eq "$(cat "$parent_memory/child/memory.limit_in_bytes")" 9223372036854771712 \
        "the child's own limit (unlimited)"
    assert_contains "$(cat "$parent_memory/child/memory.stat")" \
        "hierarchical_memory_limit 268435456" "the child's hierarchical limit"
    json=$(detect_in "" "$parent_memory/child" "$parent_cpu/child")
    assert_field "$json" memory_bytes 268435456
    assert_field "$json" memory_source "\"$parent_memory/memory.limit_in_bytes\""
    assert_field "$json" cpu_limit 1.5
    assert_field "$json" cpus 2
    assert_field "$json" cpu_source "\"$parent_cpu/cpu.cfs_quota_us\""

    note "v1: private cgroup namespace, controllers re-mounted (a container's view)"
    remount='mount -t proc proc /proc
        mount -t tmpfs none /sys/fs/cgroup
        mkdir /sys/fs/cgroup/memory /sys/fs/cgroup/cpu
        mount -t cgroup -o memory cgroup /sys/fs/cgroup/memory
        mount -t cgroup -o cpu cgroup /sys/fs/cgroup/cpu
        exec "$0" detect --json'
    if json=$(detect_in "unshare --cgroup --mount --pid --fork sh -c '$remount'" \
        "$parent_memory/child" "$parent_cpu/child" 2>"$T_DIR/unshare.err"); then
        # Only the kernel's hierarchical value sees the parent outside the namespace; the
        # parent's CPU quota cannot be seen at all.
        assert_field "$json" memory_bytes 268435456
        assert_field "$json" memory_source \
            '"/sys/fs/cgroup/memory/memory.stat hierarchical_memory_limit"'
        assert_field "$json" cpu_limit null
        assert_field "$json" cpus "$affinity"
        assert_field "$json" cpu_source '"host"'
        assert_field "$json" notes '[]'

        note "v1: private cgroup namespace with the inherited mounts (root /../..)"
        json=$(detect_in "unshare --cgroup --fork" "$parent_memory/child" "$parent_cpu/child")
        assert_contains "$json" \
            "memory: cgroup '/' (mount root '/../..') lies outside this cgroup namespace" "notes"
        assert_field "$json" cpu_source '"host"'
    else
        note "SKIP cgroupns parts: unshare --cgroup --mount failed: $(cat "$T_DIR/unshare.err")"
    fi
fi

note "affinity from sched_getaffinity"
first_cpu=$(taskset -pc $$ | sed 's/.*: //; s/[-,].*//')
json=$(env -i PATH=/usr/bin:/bin taskset -c "$first_cpu" "$PGFIT" detect --json)
assert_field "$json" affinity_cpus 1
assert_field "$json" cpus 1

note "/dev/shm size (statvfs), real and a 64 MiB tmpfs in a private mount namespace"
json=$(env -i PATH=/usr/bin:/bin "$PGFIT" detect --json)
assert_field "$json" shm_bytes "$(df -B1 --output=size /dev/shm | tail -1 | tr -d ' ')"
if json=$(unshare --mount sh -c \
    'mount -t tmpfs -o size=64m tmpfs /dev/shm && exec "$0" detect --json' "$PGFIT" \
    2>"$T_DIR/shm.err"); then
    assert_field "$json" shm_bytes 67108864
else
    note "SKIP 64 MiB /dev/shm: $(cat "$T_DIR/shm.err")"
fi

# cgroup v2: needs a cgroup2 mount whose controllers include memory and cpu, delegated to
# children of its root already (this test never changes the root's subtree_control).
v2_mount=$(awk '$0 ~ / - cgroup2 / {print $5}' /proc/self/mountinfo | tail -1)
if [ -z "$v2_mount" ]; then
    note "SKIP v2 part: no cgroup2 filesystem is mounted"
elif ! grep -qw memory "$v2_mount/cgroup.subtree_control" 2>/dev/null ||
    ! grep -qw cpu "$v2_mount/cgroup.subtree_control" 2>/dev/null; then
    note "SKIP v2 part: the cgroup2 mount $v2_mount does not delegate the memory and cpu" \
        "controllers (cgroup.subtree_control: '$(cat "$v2_mount/cgroup.subtree_control" 2>/dev/null)');" \
        "they are on cgroup v1 here"
else
    note "v2: memory.max and cpu.max on the process's own cgroup"
    v2_leaf=$v2_mount/pgfit-test-$$-v2
    make_cgroup "$v2_leaf"
    echo 268435456 >"$v2_leaf/memory.max"
    echo "150000 100000" >"$v2_leaf/cpu.max"
    json=$(detect_in "" "$v2_leaf")
    assert_field "$json" memory_bytes 268435456
    assert_field "$json" memory_source "\"$v2_leaf/memory.max\""
    assert_field "$json" cpu_limit 1.5
    assert_field "$json" cpu_source "\"$v2_leaf/cpu.max\""
    assert_field "$json" memory_cgroup '"v2"'
fi
