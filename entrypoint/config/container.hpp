// The container's whole environment contract, read once, up front, into typed values: every
// stage after this receives these structs and reads no variable itself. A bad value stops
// pgfit here, before anything has started: ErrorKind::bad_input naming the variable (exit 2),
// or the official image's own message where it has one (exit 1). The variables are listed in
// config/variables.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "config/run_options.hpp"
#include "config/tuning_choices.hpp"
#include "backup/backup_settings.hpp"
#include "replica/settings.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

struct ContainerConfig {
    RunOptions run;       // pgfit's own switches
    TuningChoices tuning; // the tuner's inputs from the environment
    // The official image's first-start contract; its `environment` is the container's, with
    // the official `_FILE` variables resolved and secrets still in it (for the init scripts).
    BootstrapSettings bootstrap;
    std::optional<replica::ReplicaSettings> replica; // set for a streaming replica
    std::optional<backup::BackupSettings> backup;    // set when a backup repository is configured
    std::vector<std::string> warnings;               // unknown PGFIT_* variables
};

Result<ContainerConfig> read_container_config(const Environment& environment);

} // namespace pgfit::config
