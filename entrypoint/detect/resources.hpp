// What the container may use, as detected from /proc and /sys (or overridden by the operator),
// each limit with where it came from. This is the detect stage's only public header.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/bytes.hpp"
#include "util/sourced.hpp"

namespace pgfit::detect {

// The host's cgroup layout as systemd names it: only v1 controller hierarchies, only the
// unified v2 hierarchy, both (`hybrid`: v1 controllers beside a cgroup2 mount, or memory and cpu
// on different versions), or no cgroup filesystem at all. Which version each limit was read
// from is in `memory_cgroup` / `cpu_cgroup`.
enum class CgroupLayout { none, v1, v2, hybrid };

enum class CgroupVersion { v1, v2 };

struct Resources {
    // Memory for tuning: POSTGRES_MEMORY, else min(memory.max, memory.high, MemTotal) over the
    // cgroup walk. Origin: env (POSTGRES_MEMORY), detected (the file and level), or host.
    Sourced<Bytes> memory;
    Bytes host_memory; // MemTotal

    // The cgroup's hard limit (v2 memory.max; v1 memory.limit_in_bytes or the leaf's
    // hierarchical_memory_limit): the minimum over the walk, with the file it came from.
    // nullopt when nothing below MemTotal was found. Reported even when POSTGRES_MEMORY wins.
    std::optional<Sourced<Bytes>> memory_max;
    // v2 memory.high (the throttling point) in the same way.
    std::optional<Sourced<Bytes>> memory_high;

    // POSTGRES_CPUS, else min(affinity count, quota/period) when a quota exists; nullopt when
    // nothing limits the CPU time below the affinity count.
    std::optional<double> cpu_limit;
    // cpu_limit (or the affinity count) rounded up, at least 1, with its origin.
    Sourced<unsigned> cpus;
    // The CPUs this process may run on (sched_getaffinity, or Cpus_allowed_list under a root).
    unsigned affinity_cpus = 1;

    CgroupLayout cgroup = CgroupLayout::none;
    std::optional<CgroupVersion> memory_cgroup; // the hierarchy that holds the memory controller
    std::optional<CgroupVersion> cpu_cgroup;    // ... and the cpu controller
    std::optional<Bytes> shm;                   // size of /dev/shm; nullopt when unknown
    bool huge_pages_available = false; // free huge pages exist and this cgroup may use them

    // One line per uncertainty or rejected value (e.g. "memory.max at /sys/fs/cgroup/x: 'abc'
    // is not a number; ignored"), for the log.
    std::vector<std::string> notes;
};

struct DetectOptions {
    // Every read of /proc and /sys happens under this directory ("/" in production, a fixture
    // tree in tests). Under a root other than "/", the affinity count comes from
    // Cpus_allowed_list in <root>/proc/self/status instead of sched_getaffinity.
    std::string root = "/";
    // The operator's overrides (POSTGRES_MEMORY, POSTGRES_CPUS or a flag, parsed by config/):
    // they replace what was detected, keeping their origin; a note says when one is above it.
    std::optional<Sourced<Bytes>> memory;
    std::optional<Sourced<double>> cpus;
};

// Never fails: unreadable or absurd values in /proc and /sys become notes.
Resources detect_resources(const DetectOptions& options);

std::string to_string(CgroupLayout layout);   // "none", "v1", "v2", "hybrid"
std::string to_string(CgroupVersion version); // "v1", "v2"

} // namespace pgfit::detect
