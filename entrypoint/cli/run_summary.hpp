// The short block pgfit logs before the server starts: what it detected (with where each limit
// came from), what it passes to postgres, the memory budget, and how many clients fit.
#pragma once

#include <string>
#include <vector>

#include "cli/run_settings.hpp"
#include "detect/resources.hpp"
#include "tune/plan.hpp"

namespace pgfit::cli {

// One line each, without the "pgfit: " prefix. `plan` is empty when autoconfig is skipped.
std::vector<std::string> summary_lines(const detect::Resources& resources,
                                       const std::optional<tune::Plan>& plan,
                                       const FilteredSettings& filtered);

} // namespace pgfit::cli
