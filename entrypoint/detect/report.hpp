// The two ways `pgfit detect` shows Resources: one JSON object for programs, an aligned table
// for people. Both give every fact with its source.
#pragma once

#include <string>

#include "detect/resources.hpp"

namespace pgfit::detect {

// The source as `pgfit detect` prints it: `override` for an environment variable, `host`
// when no limit applies, otherwise the file (and level) it was read from.
std::string source_name(const Origin& origin);

// One object, keys always in this order: memory_bytes, memory_source, memory_max_bytes,
// memory_high_bytes, host_memory_bytes, cpu_limit, cpus, cpu_source, affinity_cpus, cgroup,
// memory_cgroup, cpu_cgroup, shm_bytes, huge_pages_available, notes. Ends with a newline.
std::string to_json(const Resources& resources);

// Label, value and source columns, then the notes.
std::string to_table(const Resources& resources);

} // namespace pgfit::detect
