#include "pooler/pool_sizing.hpp"

namespace pgfit::pooler {

Result<PoolSizes> size_pools(const ServerLimits& server, const PoolRequest& request) {
    PoolSizes sizes;
    sizes.auth_connections = request.databases + 1;
    if (sizes.auth_connections > request.auth_role_limit) {
        return fail(
            "PGBOUNCER_DATABASES",
            "{} databases need {} auth connections, more than the auth role's CONNECTION LIMIT {}; "
            "route at most {} databases",
            request.databases, sizes.auth_connections, request.auth_role_limit,
            request.auth_role_limit - 1);
    }
    sizes.usable = server.max_connections - server.superuser_reserved_connections -
                   server.reserved_connections - request.direct_connections -
                   sizes.auth_connections;
    sizes.max_db_connections = sizes.usable / request.databases;
    if (sizes.max_db_connections < 1) {
        return fail("max_connections",
                    "the server's max_connections {} leaves no server connection for the pools: "
                    "{} superuser reserved, {} reserved, {} direct (PGBOUNCER_DIRECT_CONNECTIONS), "
                    "{} for auth_query; raise max_connections (POSTGRES_MAX_CONNECTIONS) or lower "
                    "PGBOUNCER_DIRECT_CONNECTIONS",
                    server.max_connections, server.superuser_reserved_connections,
                    server.reserved_connections, request.direct_connections,
                    sizes.auth_connections);
    }
    sizes.reserve_pool_size = sizes.max_db_connections / 10;
    sizes.default_pool_size = sizes.max_db_connections - sizes.reserve_pool_size;
    return sizes;
}

std::string describe(const PoolSizes& sizes, const ServerLimits& server,
                     const PoolRequest& request) {
    return fmt::format(
        "pools: {} server connections per database ({} pooled + {} reserve) x {} database(s) + {} "
        "auth_query + {} direct + {} superuser reserved + {} reserved <= max_connections {}",
        sizes.max_db_connections, sizes.default_pool_size, sizes.reserve_pool_size,
        request.databases, sizes.auth_connections, request.direct_connections,
        server.superuser_reserved_connections, server.reserved_connections, server.max_connections);
}

} // namespace pgfit::pooler
