// The short block pgfit logs before the server starts, around the plan's own line (profile,
// sessions that fit, worst case against what is available — logged by config/): what was
// detected, with where each limit came from, and what is passed to postgres.
#pragma once

#include <optional>
#include <string>

#include "detect/resources.hpp"
#include "settings/layers.hpp"
#include "tune/plan.hpp"

namespace pgfit::cli {

// "resources: memory 4 GiB (memory.max at ...), 2 CPUs (...), CPU limit 1.5, cgroup v2,
// /dev/shm 64 MiB" — without the "pgfit: " prefix.
std::string resources_line(const detect::Resources& resources);

// "settings: 26 tuned passed as -c flags, 1 left to the operator's values"; `tuned` is false
// when autoconfig is skipped.
std::string settings_line(bool tuned, const settings::FilteredSettings& filtered);

} // namespace pgfit::cli
