// When the roles are kept in step (roles/apply.hpp does the work):
// - first start: on the init's temporary server, after the init scripts (apply_now, called by
//   initdb/first_start through ClusterRequest::after_init_scripts);
// - later starts: only when PGDATA/pgfit-roles.state says something changed, on a temporary
//   server (socket only, private directory) before the real server starts, so no client can
//   log in with an old password or see a half-made database (apply_at_start);
// - SIGHUP: against the running server over the local socket (apply_on_reload).
// A standby is skipped: its roles are its primary's.
#pragma once

#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "psql/sql_session.hpp"
#include "roles/wanted.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::roles {

// Applies what changed through sessions like `server` (socket, superuser).
Result<void> apply_now(const Wanted& wanted, const psql::ConnectionTarget& server,
                       const std::string& pgdata);

struct StartRequest {
    const config::BootstrapSettings& settings;
    std::string bindir;
    std::vector<std::string> server_args; // the temporary server's, as on a first start
    Environment server_environment;       // no secrets
    bool standby = false;
    bool initialized_now = false; // already applied on the init's temporary server
};

// Errors: the temporary server or a statement failed (the server is not started), a stop
// signal.
Result<void> apply_at_start(supervise::Supervisor& supervisor, const StartRequest& request,
                            const Wanted& wanted);

// On SIGHUP, against the running server through `settings.socket_directory`, as the superuser
// with `password` (then `previous_password`, when the superuser's own password is the one
// changing and local logins ask for it). Errors are returned for the caller to log; nothing
// is half-applied (see apply_pending).
Result<void> apply_on_reload(const config::BootstrapSettings& settings, const Wanted& wanted,
                             const std::string& password, const std::string& previous_password);

} // namespace pgfit::roles
