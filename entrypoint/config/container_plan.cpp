#include "config/container_plan.hpp"

#include "config/render.hpp"
#include "util/log.hpp"

namespace pgfit::config {

Result<PlanOutcome> plan_for_container(supervise::Supervisor& supervisor,
                                       const TuningChoices& choices, const Environment& environment,
                                       const detect::Resources& resources,
                                       const std::string& postgres_binary) {
    PGFIT_TRY_ASSIGN(auto outcome,
                     build_plan(supervisor, choices, environment, resources, postgres_binary));
    for (const auto& note : outcome.notes) {
        log::debug("plan: {}", note);
    }
    log::info("{}", summary_line(outcome));
    for (const auto& warning : outcome.plan.warnings) {
        log::warning("{}", warning);
    }
    return outcome;
}

} // namespace pgfit::config
