// The work pgfit does beside the running server (supervise::ServerCompanion), one function per
// feature called from here: scheduled backups and the repository checks (backup/companion.hpp).
#pragma once

#include "cluster/ensure_cluster.hpp"
#include "config/container.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::cli {

supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config,
                                                 const cluster::ClusterReady& ready);

} // namespace pgfit::cli
