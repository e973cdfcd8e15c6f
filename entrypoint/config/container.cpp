#include "config/container.hpp"

#include "config/backup_variables.hpp"
#include "config/replica_variables.hpp"
#include "config/roles_variables.hpp"
#include "config/tls_variables.hpp"
#include "config/variables.hpp"

namespace pgfit::config {

Result<ContainerConfig> read_container_config(const Environment& environment) {
    ContainerConfig config;
    PGFIT_TRY(read_log_level(environment));
    PGFIT_TRY_ASSIGN(config.run, read_run_options(environment));
    PGFIT_TRY_ASSIGN(config.tuning, read_tuning_choices({}, environment));
    PGFIT_TRY_ASSIGN(config.replica, read_replica_settings(environment));
    PGFIT_TRY_ASSIGN(config.backup, read_backup_settings(environment));
    if (config.replica && !config.backup &&
        config.replica->seed == replica::ReplicaSettings::Seed::repository) {
        return bad_input("PGFIT_REPLICA_SEED",
                         "repository needs a pgBackRest repository: set PGBACKREST_REPO1_PATH "
                         "(or PGBACKREST_REPO1_TYPE=s3 with its bucket and keys)");
    }
    if (config.replica && config.backup && config.backup->restore) {
        return bad_input("PGFIT_RESTORE",
                         "a replica follows its primary and cannot be restored to a point of "
                         "its own; restore the primary, or seed the replica from the repository "
                         "with PGFIT_REPLICA_SEED=repository");
    }
    PGFIT_TRY_ASSIGN(config.bootstrap, read_bootstrap_settings(environment));
    PGFIT_TRY_ASSIGN(config.roles, read_wanted_roles(environment, config.bootstrap.user));
    config.roles_environment = environment;
    PGFIT_TRY_ASSIGN(const bool local_only, read_superuser_local_only(environment));
    if (local_only) {
        config.access.local_only_roles = {config.bootstrap.user};
    }
    config.warnings = unknown_pgfit_variables(environment);
    PGFIT_TRY_ASSIGN(config.tls, read_tls_settings(environment, config.warnings));
    config.access.require_tls = config.tls.mode == tls::TlsMode::require;
    return config;
}

} // namespace pgfit::config
