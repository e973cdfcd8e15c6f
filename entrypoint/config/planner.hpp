// The whole plan pipeline shared by `pgfit plan` and the container start: inputs from every
// source, the server's facts (version, preloadable libraries, catalog), then the pure tuner.
// The shared memory of a plan is modelled, not measured at start: tests/e2e/plan_catalogs.sh
// checks the model against `postgres -C shared_memory_size` on every supported major.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/inputs.hpp"
#include "supervise/supervisor.hpp"
#include "tune/plan.hpp"

namespace pgfit::config {

struct PlanOutcome {
    tune::Inputs inputs;
    tune::Plan plan;
    std::string postgres_binary;          // "" when none was found
    std::optional<unsigned> binary_major; // what `postgres_binary --version` says
    std::vector<std::string> notes;       // how the facts were obtained, for the debug log
};

// The server is asked its facts through `supervisor`'s children. `postgres_binary` "" means search
// (PATH of `environment`, then /usr/lib/postgresql/*/bin). Fails only on bad operator input
// (pgfit.toml).
Result<PlanOutcome> build_plan(supervise::Supervisor& supervisor, const TuningChoices& choices,
                               const Environment& environment, const detect::Resources& resources,
                               const std::string& postgres_binary);

} // namespace pgfit::config
