#include "cli/run_summary.hpp"

#include <fmt/format.h>

namespace pgfit::cli {

std::string resources_line(const detect::Resources& resources) {
    std::string line =
        fmt::format("resources: memory {} ({}), {} CPU{} ({})", to_human(resources.memory.value),
                    resources.memory.origin.to_string(), resources.cpus.value,
                    resources.cpus.value == 1 ? "" : "s", resources.cpus.origin.to_string());
    if (resources.cpu_limit) {
        line += fmt::format(", CPU limit {:g}", *resources.cpu_limit);
    }
    line += fmt::format(", cgroup {}", detect::to_string(resources.cgroup));
    if (resources.shm) {
        line += fmt::format(", /dev/shm {}", to_human(*resources.shm));
    }
    return line;
}

std::string settings_line(bool tuned, const settings::FilteredSettings& filtered) {
    if (!tuned) {
        return "settings: none tuned (POSTGRES_SKIP_AUTOCONFIG=true); postgres keeps its own";
    }
    std::string line = fmt::format("settings: {} tuned passed as -c flags", filtered.kept.size());
    if (!filtered.skipped.empty()) {
        line += fmt::format(", {} left to the operator's values", filtered.skipped.size());
    }
    return line;
}

} // namespace pgfit::cli
