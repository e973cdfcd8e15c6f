// Placeholder until the detect stage lands: host memory only, one CPU, no cgroup.
#include "detect/resources.hpp"

#include <unistd.h>

namespace pgfit::detect {

Result<Resources> detect_resources(const Environment&, const DetectOptions&) {
    Resources resources;
    const auto pages = static_cast<std::uint64_t>(::sysconf(_SC_PHYS_PAGES));
    const auto page_size = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    resources.host_memory = Bytes{pages * page_size};
    resources.memory = sourced(resources.host_memory, OriginKind::host, "host");
    resources.cpus = sourced(1U, OriginKind::host, "host");
    return resources;
}

std::string to_string(CgroupLayout layout) {
    switch (layout) {
    case CgroupLayout::none:
        return "none";
    case CgroupLayout::v1:
        return "v1";
    case CgroupLayout::v2:
        return "v2";
    case CgroupLayout::hybrid:
        return "hybrid";
    }
    return "none";
}

} // namespace pgfit::detect
