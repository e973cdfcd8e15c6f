#include "detect/limit_walk.hpp"

#include <cerrno>

#include <fmt/format.h>

#include "detect/cgroup_values.hpp"

namespace pgfit::detect {

namespace {

// The file's text; nullopt when it is missing (silently) or unreadable (with a note).
std::optional<std::string> read_level_file(const RootFs& fs, const std::string& path,
                                           std::vector<std::string>& notes) {
    auto content = fs.read(path);
    if (!content) {
        if (content.error().sys_errno != ENOENT) {
            notes.push_back(content.error().to_string() + "; level ignored");
        }
        return std::nullopt;
    }
    return std::move(*content);
}

template <typename T>
std::optional<T> value_or_note(Result<T> parsed, std::vector<std::string>& notes) {
    if (!parsed) {
        notes.push_back(parsed.error().to_string() + "; level ignored");
        return std::nullopt;
    }
    return std::move(*parsed);
}

// Keeps `candidate` when it is a limit below both the host's memory and `best` so far.
void keep_smaller(std::optional<Sourced<Bytes>>& best, const ByteLimit& candidate,
                  const std::string& source, Bytes host_memory, std::vector<std::string>& notes) {
    if (!candidate) {
        return;
    }
    if (*candidate >= host_memory.count) {
        notes.push_back(fmt::format("{}: {} is not below MemTotal ({}); treated as no limit",
                                    source, *candidate, host_memory.count));
        return;
    }
    if (!best || *candidate < best->value.count) {
        best = sourced(Bytes{*candidate}, OriginKind::detected, source);
    }
}

// Whether the file held a limit (even one not below MemTotal).
bool read_byte_limit(const RootFs& fs, const std::string& path, std::optional<Sourced<Bytes>>& best,
                     Bytes host_memory, std::vector<std::string>& notes) {
    const auto text = read_level_file(fs, path, notes);
    const auto limit = text ? value_or_note(parse_memory_limit(*text, path), notes) : std::nullopt;
    if (!limit) {
        return false;
    }
    keep_smaller(best, *limit, path, host_memory, notes);
    return limit->has_value();
}

// Whether the top of the walk may have ancestors with limits this process cannot see: the
// mount shows a subtree, or (v2) the top has `limit_file`, which the hierarchy's root lacks.
bool ancestors_hidden(const ControllerLocation& location, const RootFs& fs,
                      std::string_view limit_file) {
    return location.subtree_mount || (location.version == CgroupVersion::v2 &&
                                      fs.exists(join_path(location.mount_point, limit_file)));
}

std::optional<double> v1_quota_at(const RootFs& fs, const std::string& directory,
                                  std::vector<std::string>& notes) {
    const std::string quota_path = join_path(directory, "cpu.cfs_quota_us");
    const auto quota_text = read_level_file(fs, quota_path, notes);
    const auto quota =
        quota_text ? value_or_note(parse_cfs_quota(*quota_text, quota_path), notes) : std::nullopt;
    if (!quota || !*quota) {
        return std::nullopt;
    }
    const std::string period_path = join_path(directory, "cpu.cfs_period_us");
    const auto period_text = read_level_file(fs, period_path, notes);
    const auto period = period_text
                            ? value_or_note(parse_cfs_period(*period_text, period_path), notes)
                            : std::nullopt;
    if (!period) {
        return std::nullopt;
    }
    return static_cast<double>(**quota) / static_cast<double>(*period);
}

std::optional<double> v2_quota_at(const RootFs& fs, const std::string& path,
                                  std::vector<std::string>& notes) {
    const auto text = read_level_file(fs, path, notes);
    const auto quota = text ? value_or_note(parse_cpu_max(*text, path), notes) : std::nullopt;
    if (!quota || !*quota) {
        return std::nullopt;
    }
    return (*quota)->cpus();
}

} // namespace

MemoryLimits read_memory_limits(const ControllerLocation& location, const RootFs& fs,
                                Bytes host_memory, std::vector<std::string>& notes) {
    MemoryLimits limits;
    const bool v1 = location.version == CgroupVersion::v1;
    const std::string max_file = v1 ? "memory.limit_in_bytes" : "memory.max";
    bool saw_limit = false;
    for (const auto& level : location.levels) {
        saw_limit |=
            read_byte_limit(fs, join_path(level, max_file), limits.max, host_memory, notes);
        if (!v1) {
            read_byte_limit(fs, join_path(level, "memory.high"), limits.high, host_memory, notes);
        }
    }
    // A limit at or above MemTotal counts as seen: the note below is for "nothing found".
    bool sees_all_ancestors = saw_limit || !ancestors_hidden(location, fs, max_file);
    if (v1) {
        // The kernel's hierarchical value covers every ancestor, even outside the mount.
        const std::string stat_path = join_path(location.levels.front(), "memory.stat");
        if (const auto text = read_level_file(fs, stat_path, notes)) {
            const auto limit =
                value_or_note(parse_hierarchical_memory_limit(*text, stat_path), notes);
            if (limit) {
                keep_smaller(limits.max, *limit, stat_path + " hierarchical_memory_limit",
                             host_memory, notes);
                sees_all_ancestors = true;
            }
        }
    }
    if (!sees_all_ancestors) {
        notes.push_back(fmt::format(
            "memory: no limit at {} or below; a limit on a cgroup above it cannot be seen from "
            "here (set POSTGRES_MEMORY if there is one)",
            location.mount_point));
    }
    return limits;
}

std::optional<Sourced<double>> read_cpu_quota(const ControllerLocation& location, const RootFs& fs,
                                              std::vector<std::string>& notes) {
    const bool v1 = location.version == CgroupVersion::v1;
    const std::string quota_file = v1 ? "cpu.cfs_quota_us" : "cpu.max";
    std::optional<Sourced<double>> best;
    for (const auto& level : location.levels) {
        const std::string path = join_path(level, quota_file);
        const auto cpus = v1 ? v1_quota_at(fs, level, notes) : v2_quota_at(fs, path, notes);
        if (cpus && (!best || *cpus < best->value)) {
            best = sourced(*cpus, OriginKind::detected, path);
        }
    }
    if (!best && ancestors_hidden(location, fs, quota_file)) {
        notes.push_back(fmt::format(
            "cpu: no quota at {} or below; a quota on a cgroup above it cannot be seen from "
            "here (set POSTGRES_CPUS if there is one)",
            location.mount_point));
    }
    return best;
}

std::optional<std::uint64_t> read_hugetlb_limit(const ControllerLocation& location,
                                                const RootFs& fs, std::uint64_t page_size,
                                                std::vector<std::string>& notes) {
    const std::string file =
        fmt::format("hugetlb.{}.{}", hugetlb_size_name(page_size),
                    location.version == CgroupVersion::v1 ? "limit_in_bytes" : "max");
    std::optional<std::uint64_t> best;
    for (const auto& level : location.levels) {
        const std::string path = join_path(level, file);
        const auto text = read_level_file(fs, path, notes);
        const auto limit =
            text ? value_or_note(parse_hugetlb_limit(*text, path), notes) : std::nullopt;
        if (limit && *limit && (!best || **limit < *best)) {
            best = **limit;
        }
    }
    return best;
}

std::string hugetlb_size_name(std::uint64_t page_size) {
    if (page_size >= k_gib) {
        return fmt::format("{}GB", page_size / k_gib);
    }
    if (page_size >= k_mib) {
        return fmt::format("{}MB", page_size / k_mib);
    }
    return fmt::format("{}KB", page_size / k_kib);
}

} // namespace pgfit::detect
