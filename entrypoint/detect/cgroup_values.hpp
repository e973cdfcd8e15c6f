// Parsers for the values in cgroup interface files. Each takes the file's text and its path
// (for messages) and returns the value, "no limit" (nullopt), or an error saying what is wrong
// with the text; the caller records the error as a note and ignores that level, so nothing a
// cgroup file says is ever fatal. Surrounding whitespace and the final newline are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::detect {

// A limit in bytes, or nullopt for "no limit".
using ByteLimit = std::optional<std::uint64_t>;

// memory.max, memory.high, memory.limit_in_bytes: a positive byte count, `max`, or a v1
// "unlimited" sentinel (LONG_MAX rounded down to the page size, 4 KiB to 64 KiB pages, or
// LONG_MAX itself on old kernels) → nullopt. Empty, garbage, negative, zero and values above
// LONG_MAX are errors.
Result<ByteLimit> parse_memory_limit(std::string_view text, std::string_view origin);

// hugetlb.<size>.max / hugetlb.<size>.limit_in_bytes: as parse_memory_limit, but 0 is a
// real limit ("no huge pages for this cgroup").
Result<ByteLimit> parse_hugetlb_limit(std::string_view text, std::string_view origin);

// The `hierarchical_memory_limit` line of a v1 memory.stat, parsed as parse_memory_limit. The
// kernel computes it over every ancestor, including those outside the mounted subtree.
Result<ByteLimit> parse_hierarchical_memory_limit(std::string_view memory_stat,
                                                  std::string_view origin);

struct CpuQuota {
    std::uint64_t quota_us = 0;
    std::uint64_t period_us = 0;

    double cpus() const { return static_cast<double>(quota_us) / static_cast<double>(period_us); }
    bool operator==(const CpuQuota&) const = default;
};

// v2 cpu.max: `QUOTA PERIOD` (microseconds, both > 0) or `max [PERIOD]` → nullopt.
Result<std::optional<CpuQuota>> parse_cpu_max(std::string_view text, std::string_view origin);

// v1 cpu.cfs_quota_us: microseconds > 0, or -1 → nullopt. Other negatives and 0 are errors.
Result<std::optional<std::uint64_t>> parse_cfs_quota(std::string_view text,
                                                     std::string_view origin);
// v1 cpu.cfs_period_us: microseconds > 0.
Result<std::uint64_t> parse_cfs_period(std::string_view text, std::string_view origin);

} // namespace pgfit::detect
