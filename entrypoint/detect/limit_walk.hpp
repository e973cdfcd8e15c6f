// Reading limits level by level: from the process's cgroup directory up to the mount point,
// keeping the tightest limit and the file it came from. A missing file means "no limit at this
// level"; any other read error and any value that does not parse become notes, never failures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detect/hierarchy.hpp"
#include "detect/root_fs.hpp"
#include "util/bytes.hpp"
#include "util/sourced.hpp"

namespace pgfit::detect {

struct MemoryLimits {
    std::optional<Sourced<Bytes>> max;  // memory.max / memory.limit_in_bytes / hierarchical
    std::optional<Sourced<Bytes>> high; // v2 memory.high
};

// Limits at or above `host_memory` count as no limit. Sources are the files' paths as seen
// inside, e.g. `/sys/fs/cgroup/memory.max` or
// `/sys/fs/cgroup/memory/memory.stat hierarchical_memory_limit`.
MemoryLimits read_memory_limits(const ControllerLocation& location, const RootFs& fs,
                                Bytes host_memory, std::vector<std::string>& notes);

// The smallest quota/period ratio over the walk (v2 cpu.max; v1 cpu.cfs_quota_us with the
// cpu.cfs_period_us beside it), sourced by the quota file; nullopt when no level has a quota.
std::optional<Sourced<double>> read_cpu_quota(const ControllerLocation& location, const RootFs& fs,
                                              std::vector<std::string>& notes);

// The smallest hugetlb limit for pages of `page_size` over the walk (v2 hugetlb.<size>.max,
// v1 hugetlb.<size>.limit_in_bytes); nullopt when no level limits them.
std::optional<std::uint64_t> read_hugetlb_limit(const ControllerLocation& location,
                                                const RootFs& fs, std::uint64_t page_size,
                                                std::vector<std::string>& notes);

// The kernel's name for a huge page size in hugetlb file names: 2MB, 1GB, 64KB.
std::string hugetlb_size_name(std::uint64_t page_size);

} // namespace pgfit::detect
