// Tuned settings meet the operator's: a name the operator set (command line or ALTER SYSTEM)
// is never passed as a tuned -c flag, so the operator's value is the one postgres uses.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "cli/run_arguments.hpp"
#include "tune/plan.hpp"

namespace pgfit::cli {

struct SkippedSetting {
    tune::Setting tuned;
    OperatorSetting chosen; // the operator's setting that wins
};

struct FilteredSettings {
    std::vector<tune::Setting> kept; // plan order
    std::vector<SkippedSetting> skipped;
};

// Splits `tuned` by whether `chosen` names the same setting (names compared normalised; the
// last of several operator settings of one name is the one that counts, as in postgres).
FilteredSettings filter_tuned(const std::vector<tune::Setting>& tuned,
                              const std::vector<OperatorSetting>& chosen);

// "shared_buffers: keeping the operator's 1GB (command line '-c shared_buffers=1GB') instead of
// the tuned 256MB"
std::string describe_skipped(const SkippedSetting& skipped);

// Logs each skipped setting once: names already in `logged` stay quiet, new ones are added.
void log_skipped_once(const FilteredSettings& filtered, std::set<std::string>& logged);

// -c name=value for each setting, as separate arguments ("-c", "name=value").
std::vector<std::string> to_flags(const std::vector<tune::Setting>& settings);

} // namespace pgfit::cli
