#include "config/container.hpp"

#include "config/backup_variables.hpp"
#include "config/replica_variables.hpp"
#include "config/variables.hpp"

namespace pgfit::config {

Result<ContainerConfig> read_container_config(const Environment& environment) {
    ContainerConfig config;
    PGFIT_TRY(read_log_level(environment));
    PGFIT_TRY_ASSIGN(config.run, read_run_options(environment));
    PGFIT_TRY_ASSIGN(config.tuning, read_tuning_choices({}, environment));
    PGFIT_TRY_ASSIGN(config.replica, read_replica_settings(environment));
    PGFIT_TRY_ASSIGN(config.backup, read_backup_settings(environment));
    PGFIT_TRY_ASSIGN(config.bootstrap, read_bootstrap_settings(environment));
    config.warnings = unknown_pgfit_variables(environment);
    return config;
}

} // namespace pgfit::config
