#include "cli/run_summary.hpp"

#include <fmt/format.h>

namespace pgfit::cli {

namespace {

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

std::string settings_line(const std::optional<tune::Plan>& plan, const FilteredSettings& filtered) {
    if (!plan) {
        return "settings: none tuned (POSTGRES_SKIP_AUTOCONFIG=true); postgres keeps its own";
    }
    std::string line = fmt::format("settings: {} tuned passed as -c flags", filtered.kept.size());
    if (!filtered.skipped.empty()) {
        line += fmt::format(", {} left to the operator's values", filtered.skipped.size());
    }
    return line;
}

std::string budget_line(const tune::Budget& budget) {
    const Bytes usable{budget.limit.count > budget.headroom.count
                           ? budget.limit.count - budget.headroom.count
                           : 0};
    return fmt::format("budget: worst case {} of {} usable (limit {} - headroom {}: shared {}, "
                       "processes {}, queries {}, maintenance {}){}",
                       to_human(budget.worst_case), to_human(usable), to_human(budget.limit),
                       to_human(budget.headroom), to_human(budget.shared),
                       to_human(budget.processes), to_human(budget.query),
                       to_human(budget.maintenance), budget.fits ? "" : " — does NOT fit");
}

} // namespace

std::vector<std::string> summary_lines(const detect::Resources& resources,
                                       const std::optional<tune::Plan>& plan,
                                       const FilteredSettings& filtered) {
    std::vector<std::string> lines{resources_line(resources), settings_line(plan, filtered)};
    if (plan && !plan->settings.empty()) {
        lines.push_back(budget_line(plan->budget));
    }
    if (plan) {
        if (const auto* connections = plan->find("max_connections")) {
            lines.push_back(
                fmt::format("clients that fit: max_connections={}", connections->value));
        }
    }
    return lines;
}

} // namespace pgfit::cli
