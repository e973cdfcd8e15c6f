#include "config/container_plan.hpp"

#include "config/planner.hpp"
#include "config/render.hpp"
#include "util/log.hpp"

namespace pgfit::config {

Result<tune::Plan> plan_for_container(const Environment& environment,
                                      const detect::Resources& resources,
                                      const std::string& postgres_binary) {
    const std::string data_dir =
        environment.get_non_empty("PGDATA").value_or("/var/lib/postgresql/data");
    auto outcome = build_plan(Flags{}, environment, resources, postgres_binary, data_dir);
    if (!outcome) {
        return Unexpected{outcome.error()};
    }
    for (const auto& note : outcome->notes) {
        log::debug("plan: {}", note);
    }
    log::info("{}", summary_line(*outcome));
    for (const auto& warning : outcome->plan.warnings) {
        log::warning("{}", warning);
    }
    return std::move(outcome->plan);
}

} // namespace pgfit::config
