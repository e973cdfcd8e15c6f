// Placeholder until the cluster stage lands: assumes PGDATA is already initialised.
#include "cluster/ensure_cluster.hpp"

namespace pgfit::cluster {

std::variant<ClusterReady, int> ensure_cluster(supervise::Supervisor&,
                                               const ClusterRequest& request) {
    ClusterReady ready;
    ready.pgdata = request.environment.get_non_empty("PGDATA").value_or("/var/lib/postgresql/data");
    ready.server_environment = request.environment;
    return ready;
}

} // namespace pgfit::cluster
