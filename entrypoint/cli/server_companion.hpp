// The work pgfit does beside the running server (supervise::ServerCompanion): on SIGHUP, the
// roles, passwords and declared databases are read again (secret files included) and applied
// over the local socket before postgres reloads; a standby rewrites its replication password
// file instead. An error is logged and changes nothing (the old passwords stay).
#pragma once

#include "cluster/ensure_cluster.hpp"
#include "config/container.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::cli {

// `config` must outlive the companion (it is read again at each SIGHUP).
supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config);

// One SIGHUP's roles work; `superuser_password` is the one in use so far, updated when the
// superuser's own password was changed.
void reload_roles(const config::ContainerConfig& config, std::string& superuser_password);

} // namespace pgfit::cli
