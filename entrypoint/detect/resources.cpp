// detect_resources: overrides, host bounds, the cgroup view of /proc/self/cgroup and
// /proc/self/mountinfo, then memory, CPU, /dev/shm and huge pages, each with its source.
#include "detect/resources.hpp"

#include <algorithm>
#include <cmath>

#include "detect/hierarchy.hpp"
#include "detect/host.hpp"
#include "detect/limit_walk.hpp"

namespace pgfit::detect {

namespace {

constexpr std::string_view k_proc_cgroup = "/proc/self/cgroup";
constexpr std::string_view k_mountinfo = "/proc/self/mountinfo";

// The file parsed (its skipped lines noted), or an empty value when it cannot be read.
template <typename Parsed>
Parsed read_parsed(const RootFs& fs, std::string_view path,
                   Parsed (*parse)(std::string_view, std::string_view),
                   std::vector<std::string>& notes) {
    const auto text = fs.read(path);
    if (!text) {
        notes.push_back(text.error().to_string());
        return {};
    }
    auto parsed = parse(*text, path);
    notes.insert(notes.end(), parsed.notes.begin(), parsed.notes.end());
    return parsed;
}

bool has_cgroup_mount(const Mountinfo& mountinfo) {
    return std::any_of(mountinfo.mounts.begin(), mountinfo.mounts.end(), [](const Mount& mount) {
        return mount.fstype == "cgroup" || mount.fstype == "cgroup2";
    });
}

// Rounded up, so 1.5 CPUs count as 2; the epsilon keeps 2.0000000001 (float noise) at 2.
unsigned round_up_cpus(double cpus) {
    return static_cast<unsigned>(std::max(1.0, std::ceil(cpus - 1e-9)));
}

void detect_memory(Resources& resources, const std::optional<ControllerLocation>& location,
                   const RootFs& fs) {
    resources.memory = sourced(resources.host_memory, OriginKind::host, "host");
    if (!location) {
        return;
    }
    const auto limits = read_memory_limits(*location, fs, resources.host_memory, resources.notes);
    resources.memory_max = limits.max;
    resources.memory_high = limits.high;
    for (const auto& limit : {limits.max, limits.high}) {
        if (limit && limit->value < resources.memory.value) {
            resources.memory = *limit;
        }
    }
}

void detect_cpu(Resources& resources, const std::optional<ControllerLocation>& location,
                const RootFs& fs) {
    const unsigned affinity = resources.affinity_cpus;
    resources.cpus = sourced(affinity, OriginKind::host, "host");
    const auto quota = location ? read_cpu_quota(*location, fs, resources.notes) : std::nullopt;
    if (!quota) {
        return;
    }
    resources.cpu_limit = std::min(quota->value, static_cast<double>(affinity));
    if (quota->value <= affinity) {
        resources.cpus =
            sourced(round_up_cpus(quota->value), OriginKind::detected, quota->origin.detail);
    } else {
        resources.notes.push_back(
            fmt::format("{}: a quota of {} CPUs is not below the {} CPUs this process may run on",
                        quota->origin.detail, quota->value, affinity));
    }
}

std::string describe_source(const Origin& origin) {
    return origin.kind == OriginKind::host ? "host" : origin.detail;
}

void apply_overrides(Resources& resources, const DetectOptions& options) {
    if (const auto& memory = options.memory) {
        if (memory->value > resources.memory.value) {
            resources.notes.push_back(fmt::format(
                "{} ({}) is above the detected memory ({}, {}); using {}", memory->origin.detail,
                to_human(memory->value), to_human(resources.memory.value),
                describe_source(resources.memory.origin), memory->origin.detail));
        }
        resources.memory = *memory;
    }
    if (const auto& cpus = options.cpus) {
        const double detected = resources.cpu_limit.value_or(resources.affinity_cpus);
        if (cpus->value > detected) {
            resources.notes.push_back(
                fmt::format("{} ({}) is above the detected {} CPUs ({}); using {}",
                            cpus->origin.detail, cpus->value, detected,
                            describe_source(resources.cpus.origin), cpus->origin.detail));
        }
        resources.cpu_limit = cpus->value;
        resources.cpus = Sourced<unsigned>{round_up_cpus(cpus->value), cpus->origin};
    }
}

// Free huge pages exist and, when this process's cgroup has the hugetlb controller, its limit
// for the default page size is not zero.
bool huge_pages_usable(const Meminfo& meminfo, const ProcCgroup& proc_cgroup,
                       const Mountinfo& mountinfo, const RootFs& fs,
                       std::vector<std::string>& notes) {
    if (meminfo.huge_pages_free.value_or(0) == 0) {
        return false;
    }
    const auto hugetlb = locate_controller("hugetlb", proc_cgroup, mountinfo, fs, notes);
    if (!hugetlb || !meminfo.huge_page_size_bytes) {
        return true;
    }
    const auto limit = read_hugetlb_limit(*hugetlb, fs, *meminfo.huge_page_size_bytes, notes);
    return limit.value_or(1) > 0;
}

// v1 mounts that carry a controller (a named hierarchy such as name=systemd does not count).
bool has_v1_controller_mount(const Mountinfo& mountinfo) {
    return std::any_of(mountinfo.mounts.begin(), mountinfo.mounts.end(), [](const Mount& mount) {
        return mount.fstype == "cgroup" &&
               std::any_of(mount.super_options.begin(), mount.super_options.end(),
                           [](const std::string& option) {
                               return option != "rw" && option != "ro" &&
                                      !option.starts_with("name=");
                           });
    });
}

bool has_v2_mount(const Mountinfo& mountinfo) {
    return std::any_of(mountinfo.mounts.begin(), mountinfo.mounts.end(),
                       [](const Mount& mount) { return mount.fstype == "cgroup2"; });
}

// systemd's words: v1 controllers next to a cgroup2 mount (its "hybrid" mode, or memory and cpu
// split between the versions) is hybrid, even when memory and cpu are both read from v1.
CgroupLayout layout_of(const Mountinfo& mountinfo, std::optional<CgroupVersion> memory,
                       std::optional<CgroupVersion> cpu) {
    if (!memory && !cpu) {
        return CgroupLayout::none;
    }
    const bool split = memory && cpu && *memory != *cpu;
    if (split || (has_v1_controller_mount(mountinfo) && has_v2_mount(mountinfo))) {
        return CgroupLayout::hybrid;
    }
    const CgroupVersion used = memory ? *memory : *cpu;
    return used == CgroupVersion::v1 ? CgroupLayout::v1 : CgroupLayout::v2;
}

void note_missing_controllers(Resources& resources, const Mountinfo& mountinfo) {
    if (!has_cgroup_mount(mountinfo)) {
        resources.notes.push_back("no cgroup filesystem is mounted; using MemTotal and the CPU "
                                  "affinity");
        return;
    }
    if (!resources.memory_cgroup) {
        resources.notes.push_back("memory: no mounted cgroup hierarchy holds the memory "
                                  "controller for this process; using MemTotal");
    }
    if (!resources.cpu_cgroup) {
        resources.notes.push_back("cpu: no mounted cgroup hierarchy holds the cpu controller for "
                                  "this process; using the CPU affinity");
    }
}

} // namespace

Resources detect_resources(const DetectOptions& options) {
    const RootFs fs(options.root);
    Resources resources;
    auto& notes = resources.notes;

    const Meminfo meminfo = read_meminfo(fs, notes);
    resources.host_memory = host_memory(meminfo, notes);
    resources.affinity_cpus = affinity_cpu_count(fs, notes);

    const auto proc_cgroup = read_parsed(fs, k_proc_cgroup, parse_proc_cgroup, notes);
    const auto mountinfo = read_parsed(fs, k_mountinfo, parse_mountinfo, notes);
    const auto memory = locate_controller("memory", proc_cgroup, mountinfo, fs, notes);
    const auto cpu = locate_controller("cpu", proc_cgroup, mountinfo, fs, notes);
    if (memory) {
        resources.memory_cgroup = memory->version;
    }
    if (cpu) {
        resources.cpu_cgroup = cpu->version;
    }
    resources.cgroup = layout_of(mountinfo, resources.memory_cgroup, resources.cpu_cgroup);
    note_missing_controllers(resources, mountinfo);

    detect_memory(resources, memory, fs);
    detect_cpu(resources, cpu, fs);
    apply_overrides(resources, options);

    resources.shm = shm_size(fs);
    resources.huge_pages_available = huge_pages_usable(meminfo, proc_cgroup, mountinfo, fs, notes);
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

std::string to_string(CgroupVersion version) {
    return version == CgroupVersion::v1 ? "v1" : "v2";
}

} // namespace pgfit::detect
