// How many server connections PgBouncer may open, so that everything that connects to
// PostgreSQL fits in its max_connections: the pools, their reserves, the auth user's own pools,
// and what bypasses PgBouncer (the exporter; superusers use superuser_reserved_connections).
//
//   usable  = max_connections − superuser_reserved_connections − reserved_connections (16+)
//             − direct_connections − auth_connections
//   per database (max_db_connections, a hard cap) = usable / databases
//   reserve_pool_size = per database / 10;  default_pool_size = per database − reserve
//
// auth_connections = databases + 1: PgBouncer opens one auth_query connection per database
// (its own pool), capped with max_user_connections; +1 for pgfit's own sizing query.
#pragma once

#include <string>

#include "util/result.hpp"

namespace pgfit::pooler {

// What the live server says (SHOW max_connections, ...).
struct ServerLimits {
    int max_connections = 0;
    int superuser_reserved_connections = 0;
    int reserved_connections = 0; // PostgreSQL 16+, else 0
};

struct PoolRequest {
    int databases = 1;          // routed databases
    int direct_connections = 0; // kept free for clients that bypass PgBouncer
    int auth_role_limit = 10;   // the auth role's CONNECTION LIMIT (03-pgbouncer-auth.sql)
};

struct PoolSizes {
    int usable = 0;
    int max_db_connections = 0;
    int default_pool_size = 0;
    int reserve_pool_size = 0;
    int auth_connections = 0;

    bool operator==(const PoolSizes&) const = default;
};

// Error when nothing is left for the pools, naming every term so the operator sees which one
// to change; or when the auth role's connection limit cannot cover one connection per database.
Result<PoolSizes> size_pools(const ServerLimits& server, const PoolRequest& request);

// One log line: the sum and its terms.
std::string describe(const PoolSizes& sizes, const ServerLimits& server,
                     const PoolRequest& request);

} // namespace pgfit::pooler
