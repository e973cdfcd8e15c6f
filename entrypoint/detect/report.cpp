#include "detect/report.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "util/json_writer.hpp"

namespace pgfit::detect {

namespace {

std::optional<std::uint64_t> byte_count(const std::optional<Sourced<Bytes>>& bytes) {
    return bytes ? std::optional{bytes->value.count} : std::nullopt;
}

std::optional<std::string> version_name(std::optional<CgroupVersion> version) {
    return version ? std::optional{to_string(*version)} : std::nullopt;
}

struct Row {
    std::string label;
    std::string value;
    std::string source;
};

std::string human_bytes(Bytes bytes) {
    return fmt::format("{} ({} bytes)", to_human(bytes), bytes.count);
}

std::string table_source(const Origin& origin) {
    return origin.kind == OriginKind::env ? origin.detail + " (override)" : source_name(origin);
}

Row limit_row(std::string label, const std::optional<Sourced<Bytes>>& limit) {
    if (!limit) {
        return {std::move(label), "none", ""};
    }
    return {std::move(label), human_bytes(limit->value), table_source(limit->origin)};
}

std::string cgroup_summary(const Resources& resources) {
    const auto name = [](std::optional<CgroupVersion> version) {
        return version ? to_string(*version) : std::string("none");
    };
    return fmt::format("{} (memory: {}, cpu: {})", to_string(resources.cgroup),
                       name(resources.memory_cgroup), name(resources.cpu_cgroup));
}

std::vector<Row> table_rows(const Resources& resources) {
    return {
        {"memory", human_bytes(resources.memory.value), table_source(resources.memory.origin)},
        limit_row("memory limit", resources.memory_max),
        limit_row("memory.high", resources.memory_high),
        {"host memory", human_bytes(resources.host_memory), "/proc/meminfo MemTotal"},
        {"cpus", fmt::format("{}", resources.cpus.value), table_source(resources.cpus.origin)},
        resources.cpu_limit ? Row{"cpu limit", fmt::format("{}", *resources.cpu_limit),
                                  table_source(resources.cpus.origin)}
                            : Row{"cpu limit", "none", ""},
        {"cpu affinity", fmt::format("{} CPUs", resources.affinity_cpus), ""},
        {"cgroup", cgroup_summary(resources), ""},
        {"/dev/shm", resources.shm ? human_bytes(*resources.shm) : "unknown", ""},
        {"huge pages", resources.huge_pages_available ? "available" : "not available", ""},
    };
}

} // namespace

std::string source_name(const Origin& origin) {
    switch (origin.kind) {
    case OriginKind::env:
        return "override";
    case OriginKind::host:
        return "host";
    default:
        return origin.detail;
    }
}

std::string to_json(const Resources& resources) {
    JsonWriter json;
    json.begin_object();
    json.key("memory_bytes").value(resources.memory.value.count);
    json.key("memory_source").value(source_name(resources.memory.origin));
    json.key("memory_max_bytes").value(byte_count(resources.memory_max));
    json.key("memory_high_bytes").value(byte_count(resources.memory_high));
    json.key("host_memory_bytes").value(resources.host_memory.count);
    json.key("cpu_limit").value(resources.cpu_limit);
    json.key("cpus").value(resources.cpus.value);
    json.key("cpu_source").value(source_name(resources.cpus.origin));
    json.key("affinity_cpus").value(resources.affinity_cpus);
    json.key("cgroup").value(to_string(resources.cgroup));
    json.key("memory_cgroup").value(version_name(resources.memory_cgroup));
    json.key("cpu_cgroup").value(version_name(resources.cpu_cgroup));
    json.key("shm_bytes").value(resources.shm ? std::optional{resources.shm->count} : std::nullopt);
    json.key("huge_pages_available").value(resources.huge_pages_available);
    json.key("notes").begin_array();
    for (const auto& note : resources.notes) {
        json.value(note);
    }
    json.end_array();
    json.end_object();
    return json.str();
}

std::string to_table(const Resources& resources) {
    const auto rows = table_rows(resources);
    std::size_t label_width = 0;
    std::size_t value_width = 0;
    for (const auto& row : rows) {
        label_width = std::max(label_width, row.label.size());
        value_width = std::max(value_width, row.value.size());
    }
    std::string table;
    for (const auto& row : rows) {
        std::string line = fmt::format("{:<{}}  {:<{}}  {}", row.label, label_width, row.value,
                                       value_width, row.source);
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        table += line + "\n";
    }
    if (!resources.notes.empty()) {
        table += "notes:\n";
        for (const auto& note : resources.notes) {
            table += fmt::format("  - {}\n", note);
        }
    }
    return table;
}

} // namespace pgfit::detect
