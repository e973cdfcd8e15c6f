#include "detect/host.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <sched.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fmt/format.h>

namespace pgfit::detect {

namespace {

constexpr int k_first_cpu_set_size = 1024;
constexpr int k_largest_cpu_set_size = 1 << 20;

struct CpuSetDeleter {
    void operator()(cpu_set_t* set) const { CPU_FREE(set); }
};

// sched_getaffinity's count; nullopt (errno set) when it fails for a reason other than size.
std::optional<unsigned> sched_affinity_count() {
    for (int cpus = k_first_cpu_set_size; cpus <= k_largest_cpu_set_size; cpus *= 2) {
        const std::unique_ptr<cpu_set_t, CpuSetDeleter> set(CPU_ALLOC(cpus));
        if (!set) {
            return std::nullopt;
        }
        const std::size_t size = CPU_ALLOC_SIZE(cpus);
        if (::sched_getaffinity(0, size, set.get()) == 0) {
            return static_cast<unsigned>(CPU_COUNT_S(size, set.get()));
        }
        if (errno != EINVAL) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

unsigned online_cpus() {
    const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? static_cast<unsigned>(online) : 1U;
}

} // namespace

Meminfo read_meminfo(const RootFs& fs, std::vector<std::string>& notes) {
    const auto text = fs.read("/proc/meminfo");
    if (!text) {
        notes.push_back(text.error().to_string());
        return {};
    }
    return parse_meminfo(*text);
}

Bytes host_memory(const Meminfo& meminfo, std::vector<std::string>& notes) {
    if (meminfo.mem_total_bytes && *meminfo.mem_total_bytes > 0) {
        return Bytes{*meminfo.mem_total_bytes};
    }
    const auto pages = static_cast<std::uint64_t>(::sysconf(_SC_PHYS_PAGES));
    const auto page_size = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    notes.push_back("/proc/meminfo: no MemTotal; using the physical memory reported by sysconf");
    return Bytes{pages * page_size};
}

unsigned affinity_cpu_count(const RootFs& fs, std::vector<std::string>& notes) {
    if (fs.is_real_root()) {
        if (const auto count = sched_affinity_count(); count && *count > 0) {
            return *count;
        }
        notes.push_back(fmt::format("cannot get the CPU affinity: {}; using the online CPU count",
                                    std::strerror(errno)));
        return online_cpus();
    }
    constexpr std::string_view status_path = "/proc/self/status";
    const auto status = fs.read(status_path);
    auto count = status ? parse_status_cpus_allowed(*status, status_path)
                        : Result<unsigned>{Unexpected{status.error()}};
    if (count) {
        return *count; // a parsed CPU list names at least one CPU
    }
    notes.push_back(count.error().to_string() + "; using the online CPU count");
    return online_cpus();
}

std::optional<Bytes> shm_size(const RootFs& fs) {
    struct statvfs info {};
    if (::statvfs(fs.outside("/dev/shm").c_str(), &info) != 0) {
        return std::nullopt;
    }
    return Bytes{static_cast<std::uint64_t>(info.f_blocks) * info.f_frsize};
}

} // namespace pgfit::detect
