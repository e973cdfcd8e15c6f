// What the host offers regardless of cgroups: its memory, the CPUs this process may run on,
// the size of /dev/shm, and free huge pages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detect/proc_files.hpp"
#include "detect/root_fs.hpp"
#include "util/bytes.hpp"

namespace pgfit::detect {

// /proc/meminfo parsed; empty fields (with a note) when it cannot be read.
Meminfo read_meminfo(const RootFs& fs, std::vector<std::string>& notes);

// MemTotal; when /proc/meminfo has none, the machine's physical pages (sysconf), noted.
Bytes host_memory(const Meminfo& meminfo, std::vector<std::string>& notes);

// The number of CPUs in this process's affinity mask: sched_getaffinity on the real root
// (with a CPU set grown until the kernel accepts its size, for hosts with more than 1024
// CPUs), Cpus_allowed_list of <root>/proc/self/status under another root. Falls back to the
// online CPU count, noted, when neither works.
unsigned affinity_cpu_count(const RootFs& fs, std::vector<std::string>& notes);

// Total size of the filesystem at <root>/dev/shm; nullopt when there is none.
std::optional<Bytes> shm_size(const RootFs& fs);

} // namespace pgfit::detect
