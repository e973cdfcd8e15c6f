// Makes PGDATA ready for the real server: the official image's first-run contract (env
// variables, initdb, pg_hba, temporary server, POSTGRES_DB, init scripts), made safe against
// interruption by a completion marker. On later starts it only checks the directory.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "replica/settings.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"

namespace pgfit::cluster {

struct ClusterRequest {
    Environment environment;              // the container's environment, secrets included
    std::vector<std::string> server_args; // postgres arguments after "postgres": tuned -c flags,
                                          // then the operator's own arguments
    std::string postgres_bindir;          // directory holding postgres, initdb, pg_controldata
    // Replica bootstrap: set when POSTGRES_REPLICATION_ROLE=replica (cluster/replica_*.hpp).
    // An empty PGDATA is cloned from the primary instead of initialised (no password needed,
    // no init scripts); an unfinished clone is removed and cloned again; a promoted replica
    // is run as it is.
    std::optional<replica::ReplicaSettings> replica;
};

struct ClusterReady {
    std::string pgdata; // absolute
    // For the real server: the container's environment with every secret removed (*_PASSWORD,
    // *_PASSWORD_FILE, PGPASSWORD), `_FILE` values resolved, PGDATA set, HOME of `postgres`
    // when pgfit dropped root, and PG_GRANDPARENT_PID when a stale postmaster.pid names a live
    // process that is not a server of PGDATA (see cluster/pidfile.hpp).
    Environment server_environment;
    bool initialized_now = false;
    bool standby = false; // PGDATA/standby.signal: the server starts as a hot standby
};

// Runs as root or as any user: as root it fixes ownership and modes of PGDATA and the socket
// directory and then drops this process to the `postgres` user. Returns ClusterReady, or the
// exit code pgfit must exit with after everything it started has been stopped (init failed:
// non-zero; stop signal during init: 128 + signal; bad environment: 1 with the official
// image's message).
std::variant<ClusterReady, int> ensure_cluster(supervise::Supervisor& supervisor,
                                               const ClusterRequest& request);

} // namespace pgfit::cluster
