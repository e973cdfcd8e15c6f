// Placeholder until the config stage lands: an empty plan (postgres keeps its defaults).
#include "config/container_plan.hpp"

namespace pgfit::config {

Result<tune::Plan> plan_for_container(const Environment&, const detect::Resources& resources,
                                      const std::string&) {
    tune::Plan plan;
    plan.budget.limit = resources.memory.value;
    return plan;
}

} // namespace pgfit::config
