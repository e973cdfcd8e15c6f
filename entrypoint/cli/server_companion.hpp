// What pgfit does beside the running server (supervise::ServerCompanion), one function per
// feature called from here. On SIGHUP, before postgres gets the signal: the TLS files are
// checked and copied (tls/reload); the roles, passwords and declared databases are read again
// (secret files included) and applied over the local socket (roles/), a standby rewriting its
// replication password file instead; an error is logged and changes nothing. About once a
// second: scheduled backups and the repository checks (backup/companion.hpp).
#pragma once

#include <string>

#include "cluster/ensure_cluster.hpp"
#include "config/container.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::cli {

// The companion for a server of `config` on the cluster `ready`; `config` must outlive it.
supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config,
                                                 const cluster::ClusterReady& ready);

// One SIGHUP's roles work; `superuser_password` is the one in use so far, updated when the
// superuser's own password was changed.
void reload_roles(const config::ContainerConfig& config, std::string& superuser_password);

} // namespace pgfit::cli
