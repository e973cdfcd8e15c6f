// A plan as people and programs read it: `table` (setting, value, reason, then the budget),
// `conf` (postgresql.conf lines with the reason as a comment), `args` (one `-c name=value`
// per line, for postgres's command line) and `json` (inputs, settings, reasons, budget).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/planner.hpp"

namespace pgfit::config {

enum class Format { table, conf, args, json };

std::optional<Format> parse_format(std::string_view text);

std::string render(const PlanOutcome& outcome, Format format);

// One line for the log: resources, profile, version, how many heavy sessions fit and the
// worst case against what is available.
std::string summary_line(const PlanOutcome& outcome);

} // namespace pgfit::config
