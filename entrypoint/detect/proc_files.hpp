// Parsers for the /proc files that describe the host: /proc/meminfo and the CPU lists of
// /proc/self/status (Cpus_allowed_list) and cpuset files.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::detect {

struct Meminfo {
    std::optional<std::uint64_t> mem_total_bytes;
    std::optional<std::uint64_t> huge_pages_free;      // a count of pages
    std::optional<std::uint64_t> huge_page_size_bytes; // the default huge page size
};

// Reads MemTotal, HugePages_Free and Hugepagesize; a line that is missing or malformed leaves
// its field empty. `kB` values are converted to bytes.
Meminfo parse_meminfo(std::string_view text);

// The number of CPUs in a kernel CPU list such as `0-3,8,10-11` (here 7). Errors (naming
// `origin`) for an empty list, a reversed range, anything but digits, `-` and `,`.
Result<unsigned> parse_cpu_list(std::string_view text, std::string_view origin);

// The number of CPUs in the `Cpus_allowed_list:` line of /proc/<pid>/status.
Result<unsigned> parse_status_cpus_allowed(std::string_view status, std::string_view origin);

} // namespace pgfit::detect
