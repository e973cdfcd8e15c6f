// The container's whole environment contract, read once, up front, into typed values: every
// stage after this receives these structs and reads no variable itself. A bad value stops
// pgfit here, before anything has started: ErrorKind::bad_input naming the variable (exit 2),
// or the official image's own message where it has one (exit 1). The variables are listed in
// config/variables.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cluster/access_rules.hpp"
#include "config/bootstrap_settings.hpp"
#include "config/run_options.hpp"
#include "config/tuning_choices.hpp"
#include "backup/backup_settings.hpp"
#include "replica/settings.hpp"
#include "roles/wanted.hpp"
#include "tls/settings.hpp"
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
    cluster::AccessRules access; // pg_hba.conf's rules from the environment (every start)
    // The roles, passwords and databases kept in step (roles/), and the environment they are
    // read from again on SIGHUP (the container's, secrets included: never passed to a child).
    roles::Wanted roles;
    Environment roles_environment;
    tls::TlsSettings tls;        // the server's TLS (config/tls_variables.hpp)
    std::optional<backup::BackupSettings> backup;    // set when a backup repository is configured
    std::vector<std::string> warnings;               // unknown PGFIT_* variables
};

Result<ContainerConfig> read_container_config(const Environment& environment);

} // namespace pgfit::config
