// What pgfit does beside the running server (supervise::ServerCompanion): on SIGHUP, before
// postgres gets the signal, each feature's reload step runs in turn (TLS files: tls/reload).
#pragma once

#include <string>

#include "config/container.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::cli {

// The companion for a server of `config` on `pgdata`; `config` must outlive it.
supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config,
                                                 const std::string& pgdata);

} // namespace pgfit::cli
