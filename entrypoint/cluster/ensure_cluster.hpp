// Makes PGDATA ready for the real server, by the decision table of cluster/pgdata_state.hpp:
//   empty / interrupted before the cluster existed → initialise (initdb/), clone (replica/) or
//                      restore (backup/, PGFIT_RESTORE)
//   half-initialised → refused, or moved aside and initialised again (PGFIT_REINIT_INCOMPLETE);
//                      on a replica, an unfinished clone is removed and cloned again; an
//                      unfinished restore is removed and restored again
//   not empty, no cluster → refused
//   initialised / a cluster pgfit did not make → run as it is (a standby gets its password
//                      file again; a promoted replica is never turned back into a standby)
// The first start follows the official image's contract (env variables, initdb, pg_hba,
// temporary server, POSTGRES_DB, init scripts), made safe against interruption by a
// completion marker. Runs as whatever user pgfit is by now (cluster/privileges.hpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backup/backup_settings.hpp"
#include "config/bootstrap_settings.hpp"
#include "psql/sql_session.hpp"
#include "replica/settings.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"

namespace pgfit::cluster {

struct ClusterRequest {
    const config::BootstrapSettings& bootstrap;
    // Set for a streaming replica: an empty PGDATA is cloned from the primary instead of
    // initialised (no password needed, no init scripts).
    const std::optional<replica::ReplicaSettings>& replica;
    // The temporary server's arguments after "postgres" on a first start: tuned -c flags, then
    // the operator's own arguments.
    std::vector<std::string> first_start_args;
    std::string postgres_binary;    // its directory holds initdb, pg_controldata, pg_basebackup
    unsigned server_major = 0;      // postgres_binary's major version
    Environment server_environment; // without secrets (cluster::take_over_directories)
    std::string template_directory; // the image's template cluster (initdb/template_cluster.hpp)
    // Run on the first start's temporary server after the init scripts (initdb/first_start.hpp).
    std::function<Result<void>(const psql::ConnectionTarget&)> after_init_scripts = {};
    // Set when a pgBackRest repository is configured: with PGFIT_RESTORE, an empty PGDATA is
    // restored from it instead of initialised (backup/restore.hpp); a replica's first copy
    // comes from it (backup/standby_seed.hpp).
    const backup::BackupSettings* backup = nullptr;
};

struct ClusterReady {
    std::string pgdata; // absolute
    // For the real server: `server_environment` of the request, with PG_GRANDPARENT_PID when a
    // stale postmaster.pid names a live process that is not a server of PGDATA (see
    // cluster/pidfile.hpp).
    Environment server_environment;
    bool initialized_now = false; // initialised or restored by this start
    bool standby = false;         // PGDATA/standby.signal: the server starts as a hot standby
};

// Errors, after everything started has been stopped: the official image's refusal without a
// password (verbatim); a refused PGDATA, a failed init or clone (failed); a stop signal during
// init or clone (stopped).
Result<ClusterReady> ensure_cluster(supervise::Supervisor& supervisor,
                                    const ClusterRequest& request);

} // namespace pgfit::cluster
