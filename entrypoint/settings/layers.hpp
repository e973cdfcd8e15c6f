// What postgres runs with, in layers: tuned < operator (command line, ALTER SYSTEM) <
// mandatory (a standby's minimums from its primary). A name the operator set is never passed
// as a tuned -c flag, so the operator's value is the one postgres uses; mandatory flags come
// after the operator's arguments, so they win over both.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "settings/postgres_args.hpp"
#include "tune/plan.hpp"

namespace pgfit::settings {

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

struct ServerArguments {
    // The arguments after the program name: tuned -c flags the operator did not override,
    // the operator's own arguments, then the mandatory flags.
    std::vector<std::string> args;
    FilteredSettings filtered;
};

// The layers composed. `operator_args` are the command's arguments after "postgres", whose
// settings are among `chosen` (with postgresql.auto.conf's, when it exists).
ServerArguments compose(const std::vector<tune::Setting>& tuned,
                        const std::vector<OperatorSetting>& chosen,
                        const std::vector<std::string>& operator_args,
                        const std::vector<std::string>& mandatory);

} // namespace pgfit::settings
