#include "cli/server_companion.hpp"

#include "tls/reload.hpp"

namespace pgfit::cli {

namespace {

void reload_tls(const config::ContainerConfig& config, const std::string& pgdata) {
    tls::reload_mounted_files(config.tls, pgdata);
}

} // namespace

supervise::ServerCompanion make_server_companion(const config::ContainerConfig& config,
                                                 const std::string& pgdata) {
    supervise::ServerCompanion companion;
    companion.on_reload = [&config, pgdata] { reload_tls(config, pgdata); };
    return companion;
}

} // namespace pgfit::cli
