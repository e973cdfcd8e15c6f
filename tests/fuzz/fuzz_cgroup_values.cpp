// Every cgroup value parser (and the /proc parsers and POSTGRES_CPUS) must never crash on any
// text, and what they accept must be a plausible limit.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/values.hpp"
#include "detect/cgroup_values.hpp"
#include "detect/proc_files.hpp"

namespace {

constexpr std::uint64_t k_long_max = 9223372036854775807ULL;

void check_limit(const pgfit::Result<pgfit::detect::ByteLimit>& limit, bool zero_allowed) {
    if (limit && *limit && (**limit > k_long_max || (!zero_allowed && **limit == 0))) {
        std::abort();
    }
    if (!limit && limit.error().where.empty()) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pgfit::detect;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_limit(parse_memory_limit(text, "memory.max"), false);
    check_limit(parse_hugetlb_limit(text, "hugetlb.2MB.max"), true);
    check_limit(parse_hierarchical_memory_limit(text, "memory.stat"), false);

    const auto cpu_max = parse_cpu_max(text, "cpu.max");
    if (cpu_max && *cpu_max &&
        ((*cpu_max)->quota_us == 0 || (*cpu_max)->period_us == 0 || !((*cpu_max)->cpus() > 0))) {
        std::abort();
    }
    const auto quota = parse_cfs_quota(text, "cpu.cfs_quota_us");
    if (quota && *quota && **quota == 0) {
        std::abort();
    }
    const auto period = parse_cfs_period(text, "cpu.cfs_period_us");
    if (period && *period == 0) {
        std::abort();
    }
    const auto cpus = parse_cpu_list(text, "cpuset.cpus");
    if (cpus && *cpus == 0) {
        std::abort();
    }
    (void)parse_status_cpus_allowed(text, "/proc/self/status");
    (void)parse_meminfo(text);
    const auto override_cpus = pgfit::config::parse_cpu_count(text, "POSTGRES_CPUS");
    if (override_cpus && !(*override_cpus > 0 && *override_cpus <= pgfit::config::k_max_cpus)) {
        std::abort();
    }
    return 0;
}
