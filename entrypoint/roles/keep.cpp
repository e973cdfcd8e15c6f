#include "roles/keep.hpp"

#include "initdb/catalog_hints.hpp"
#include "initdb/temp_server.hpp"
#include "roles/apply.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::roles {

namespace {

constexpr std::chrono::milliseconds k_stop_timeout{60000}; // CREATE DATABASE checkpoints

psql::ConnectionTarget superuser_target(const config::BootstrapSettings& settings,
                                        const std::string& socket_dir,
                                        const std::string& password) {
    return {socket_dir, settings.port, settings.user, "postgres", password, ""};
}

} // namespace

Result<void> apply_now(const Wanted& wanted, const psql::ConnectionTarget& server,
                       const std::string& pgdata) {
    const auto pending = pending_changes(wanted, pgdata);
    return pending ? apply_pending(wanted, *pending, server, pgdata) : Result<void>();
}

Result<void> apply_at_start(supervise::Supervisor& supervisor, const StartRequest& request,
                            const Wanted& wanted) {
    if (request.standby || request.initialized_now) {
        return {};
    }
    const auto& settings = request.settings;
    const auto pending = pending_changes(wanted, settings.pgdata);
    if (!pending) {
        return {};
    }
    log::info("roles: the passwords or the declaration changed since the last start; applying "
              "them on a temporary server before the real one accepts connections");
    initdb::PrivateDir work;
    PGFIT_TRY_ASSIGN(work.path,
                     initdb::make_private_dir(settings.socket_directory, settings.environment));
    initdb::TempServer server;
    PGFIT_TRY(supervise::step_result(
        initdb::start_temp_server(supervisor,
                                  {request.bindir, settings.pgdata, request.server_args, work.path,
                                   settings.port, request.server_environment},
                                  server),
        "roles", "the server is not started"));
    const auto target = superuser_target(settings, work.path, settings.password);
    const auto applied = apply_pending(wanted, *pending, target, settings.pgdata);
    if (applied) {
        initdb::set_catalog_hint_bits(target);
    }
    PGFIT_TRY(supervise::step_result(initdb::stop_temp_server(supervisor, server, k_stop_timeout),
                                     "roles", "the server is not started"));
    if (!applied) {
        log::error("roles: {}", applied.error().to_string());
        return fail("", "the roles, passwords or databases could not be applied; the server is "
                        "not started (fix the cause, or the declaration, and start again)");
    }
    return {};
}

Result<void> apply_on_reload(const config::BootstrapSettings& settings, const Wanted& wanted,
                             const std::string& password, const std::string& previous_password) {
    if (path_exists(settings.pgdata + "/standby.signal")) {
        return {};
    }
    const auto pending = pending_changes(wanted, settings.pgdata);
    if (!pending) {
        return {};
    }
    auto target = superuser_target(settings, settings.socket_directory, password);
    if (!previous_password.empty() && previous_password != password) {
        // Local logins that ask for a password still want the old one until it is changed.
        if (!psql::SqlSession::open(target)) {
            target.password = previous_password;
        }
    }
    return apply_pending(wanted, *pending, target, settings.pgdata);
}

} // namespace pgfit::roles
