// The plan for the container path (`pgfit` as entrypoint): tuner inputs from the operator's
// choices and pgfit.toml, resources as detected, the PostgreSQL version and catalog from the
// server binary. Logs the plan's summary line and its warnings once.
#pragma once

#include <string>

#include "config/planner.hpp"

namespace pgfit::config {

// Fails only on bad operator input (a broken pgfit.toml): ErrorKind::bad_input, naming
// `file:line:column`.
Result<PlanOutcome> plan_for_container(supervise::Supervisor& supervisor,
                                       const TuningChoices& choices, const Environment& environment,
                                       const detect::Resources& resources,
                                       const std::string& postgres_binary);

} // namespace pgfit::config
