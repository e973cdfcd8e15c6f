#include "cli/server_companion.hpp"

#include <ctime>
#include <memory>

#include "backup/companion.hpp"

namespace pgfit::cli {

namespace {

// Backups run from a primary; a standby's repository is its primary's.
std::function<void(supervise::Supervisor&)> backup_tick(const config::ContainerConfig& config,
                                                        const cluster::ClusterReady& ready) {
    if (!config.backup || ready.standby) {
        return {};
    }
    auto companion = std::make_shared<backup::BackupCompanion>(
        *config.backup, backup::cluster_of(config.bootstrap), ready.server_environment);
    return [companion](supervise::Supervisor& supervisor) {
        companion->tick(supervisor, std::time(nullptr));
    };
}

} // namespace

supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config,
                                                 const cluster::ClusterReady& ready) {
    supervise::ServerCompanion companion;
    companion.on_tick = backup_tick(config, ready);
    return companion;
}

} // namespace pgfit::cli
