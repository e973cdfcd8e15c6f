#include "cli/server_companion.hpp"

#include <ctime>
#include <memory>

#include "backup/companion.hpp"
#include "config/replica_variables.hpp"
#include "config/roles_variables.hpp"
#include "replica/clone.hpp"
#include "roles/keep.hpp"
#include "tls/reload.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

// A standby follows a rotated POSTGRES_REPLICATION_PASSWORD(_FILE): the password file its
// primary_conninfo names is rewritten, read at its next connection to the primary.
void reload_replication_password(const config::ContainerConfig& config) {
    auto settings = config::read_replica_settings(config.roles_environment);
    if (!settings || !*settings) {
        log::error("SIGHUP: {}; the replication password file is unchanged",
                   settings ? "not a replica any more" : settings.error().to_string());
        return;
    }
    const auto written = replica::write_passfile(config.bootstrap.pgdata, **settings);
    if (!written) {
        log::error("SIGHUP: {}", written.error().to_string());
        return;
    }
    log::info("SIGHUP: rewrote the replication password file '{}'", *written);
}

// Backups run from a primary. A standby's repository is its primary's: its companion waits
// until the standby is promoted, then takes the primary's part without a restart.
std::function<void(supervise::Supervisor&)> backup_tick(const config::ContainerConfig& config,
                                                        const cluster::ClusterReady& ready) {
    if (!config.backup) {
        return {};
    }
    auto companion = std::make_shared<backup::BackupCompanion>(
        *config.backup, backup::cluster_of(config.bootstrap), ready.server_environment);
    return [companion](supervise::Supervisor& supervisor) {
        companion->tick(supervisor, std::time(nullptr));
    };
}

} // namespace

void reload_roles(const config::ContainerConfig& config, std::string& superuser_password) {
    const auto& settings = config.bootstrap;
    if (path_exists(settings.pgdata + "/standby.signal")) {
        if (config.replica) {
            reload_replication_password(config);
        }
        return;
    }
    const auto wanted = config::read_wanted_roles(config.roles_environment, settings.user);
    if (!wanted) {
        log::error("SIGHUP: {}; no role, password or database changed", wanted.error().to_string());
        return;
    }
    std::string password = superuser_password;
    for (const auto& entry : wanted->passwords) {
        if (entry.role == settings.user) {
            password = entry.password;
        }
    }
    const auto applied = roles::apply_on_reload(settings, *wanted, password, superuser_password);
    if (!applied) {
        log::error("SIGHUP: roles: {}", applied.error().to_string());
        return;
    }
    superuser_password = password;
}

supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config,
                                                 const cluster::ClusterReady& ready) {
    auto superuser_password = std::make_shared<std::string>(config.bootstrap.password);
    supervise::ServerCompanion companion;
    companion.on_reload = [&config, pgdata = ready.pgdata, superuser_password] {
        tls::reload_mounted_files(config.tls, pgdata);
        reload_roles(config, *superuser_password);
    };
    companion.on_tick = backup_tick(config, ready);
    return companion;
}

} // namespace pgfit::cli
