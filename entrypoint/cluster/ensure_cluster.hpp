// Makes PGDATA ready for the real server: the official image's first-run contract (env
// variables, initdb, pg_hba, temporary server, POSTGRES_DB, init scripts), made safe against
// interruption by a completion marker. On later starts it only checks the directory.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "supervise/supervisor.hpp"
#include "util/environment.hpp"

namespace pgfit::cluster {

struct ClusterRequest {
    Environment environment;              // the container's environment, secrets included
    std::vector<std::string> server_args; // postgres arguments after "postgres": tuned -c flags,
                                          // then the operator's own arguments
    std::string postgres_bindir;          // directory holding postgres, initdb, pg_controldata
};

struct ClusterReady {
    std::string pgdata;
    Environment server_environment; // for the real server: bootstrap secrets removed
    bool initialized_now = false;
};

// Runs as root or as any user: as root it fixes ownership and modes of PGDATA and the socket
// directory and then drops this process to the `postgres` user. Returns ClusterReady, or the
// exit code pgfit must exit with after everything it started has been stopped (init failed:
// non-zero; stop signal during init: 128 + signal; bad environment: 1 with the official
// image's message).
std::variant<ClusterReady, int> ensure_cluster(supervise::Supervisor& supervisor,
                                               const ClusterRequest& request);

} // namespace pgfit::cluster
