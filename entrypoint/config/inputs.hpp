// The tuner's inputs from every source, in precedence order: command-line flag > environment
// (both in TuningChoices) > pgfit.toml > detected > built-in. Each resolved input keeps its
// origin, so the plan can say where a value came from.
#pragma once

#include "config/pgfit_toml.hpp"
#include "config/tuning_choices.hpp"
#include "detect/resources.hpp"
#include "tune/inputs.hpp"

namespace pgfit::config {

// Everything but the server's facts (major version, preload libraries, catalog), which
// `build_plan` adds (config/planner.hpp). Pure.
tune::Inputs resolve_inputs(const TuningChoices& choices, const TomlSettings& toml,
                            const detect::Resources& resources);

} // namespace pgfit::config
