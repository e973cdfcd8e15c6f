// The collation check of every start of an existing primary cluster (PostgreSQL 15+, which
// records collation versions): when the libraries' key (collation/library_key.hpp) differs
// from the one PGDATA/pgfit-collation.state recorded, a temporary server (socket only, private
// directory, as on a first start) reports each database whose recorded collation version the
// library no longer gives. PGFIT_REFRESH_COLLATION=warn (default) logs one warning per such
// database with the commands that fix it; =reindex runs them, before the real server accepts
// connections; =off skips the check. The key is recorded once no database drifts, so the
// check runs again at every start until the drift is fixed. Standbys are skipped (they follow
// their primary's catalog), as are first starts (the versions were just recorded).
#pragma once

#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::collation {

inline constexpr const char* k_state_name = "pgfit-collation.state";

struct CheckRequest {
    const config::BootstrapSettings& settings; // PGDATA, socket, port, superuser, the choice
    std::string bindir;
    std::vector<std::string> server_args; // the temporary server's, as on a first start
    Environment server_environment;
    unsigned major = 0;
    bool standby = false;
    bool initialized_now = false;
};

// Errors only when reindexing was asked for and failed, or on a stop signal; a check that
// cannot run (the temporary server or the connection fails) is a warning.
Result<void> check_collations(supervise::Supervisor& supervisor, const CheckRequest& request);

} // namespace pgfit::collation
