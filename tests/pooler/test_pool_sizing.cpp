#include <doctest/doctest.h>

#include "pooler/pool_sizing.hpp"

using pgfit::pooler::PoolRequest;
using pgfit::pooler::PoolSizes;
using pgfit::pooler::ServerLimits;
using pgfit::pooler::size_pools;

TEST_SUITE("pooler::size_pools") {
    TEST_CASE(
        "one database on a 100-connection server: 100 - 3 superuser - 2 direct - 2 auth = 93") {
        const auto sizes = size_pools(ServerLimits{100, 3, 0}, PoolRequest{1, 2});
        REQUIRE(sizes.has_value());
        CHECK(*sizes == PoolSizes{93, 93, 84, 9, 2});
    }

    TEST_CASE("the smallest tuned server (max_connections 10) still gets a pool of 3") {
        const auto sizes = size_pools(ServerLimits{10, 3, 0}, PoolRequest{1, 2});
        REQUIRE(sizes.has_value());
        CHECK(*sizes == PoolSizes{3, 3, 3, 0, 2});
    }

    TEST_CASE("databases share what is usable; PostgreSQL 16's reserved_connections count") {
        const auto sizes = size_pools(ServerLimits{60, 3, 2}, PoolRequest{3, 2});
        REQUIRE(sizes.has_value());
        CHECK(*sizes == PoolSizes{49, 16, 15, 1, 4});
    }

    TEST_CASE("whatever the inputs, everything fits in max_connections") {
        for (int max_connections = 10; max_connections <= 500; max_connections += 7) {
            for (int databases = 1; databases <= 9; ++databases) {
                for (int direct = 0; direct <= 6; direct += 3) {
                    const ServerLimits server{max_connections, 3, max_connections % 2};
                    const PoolRequest request{databases, direct};
                    const auto sizes = size_pools(server, request);
                    if (!sizes) {
                        continue;
                    }
                    CAPTURE(max_connections);
                    CAPTURE(databases);
                    CAPTURE(direct);
                    CHECK(sizes->default_pool_size + sizes->reserve_pool_size ==
                          sizes->max_db_connections);
                    CHECK(sizes->max_db_connections * databases + sizes->auth_connections + direct +
                              server.superuser_reserved_connections + server.reserved_connections <=
                          max_connections);
                    CHECK(sizes->default_pool_size >= 1);
                }
            }
        }
    }

    TEST_CASE("no room for the pools is an error naming every term") {
        const auto sizes = size_pools(ServerLimits{10, 3, 0}, PoolRequest{1, 6});
        REQUIRE_FALSE(sizes.has_value());
        CHECK(sizes.error().to_string() == "max_connections: the server's max_connections 10 "
                                           "leaves no server connection for the pools: "
                                           "3 superuser reserved, 0 reserved, 6 direct "
                                           "(PGBOUNCER_DIRECT_CONNECTIONS), 2 for auth_query; "
                                           "raise max_connections (POSTGRES_MAX_CONNECTIONS) or "
                                           "lower PGBOUNCER_DIRECT_CONNECTIONS");
    }

    TEST_CASE("more databases than the auth role's connection limit can serve") {
        const auto sizes = size_pools(ServerLimits{500, 3, 0}, PoolRequest{10, 2});
        REQUIRE_FALSE(sizes.has_value());
        CHECK(
            sizes.error().to_string() ==
            "PGBOUNCER_DATABASES: 10 databases need 11 auth connections, more than the auth role's "
            "CONNECTION LIMIT 10; route at most 9 databases");
    }

    TEST_CASE("the log line adds up") {
        const ServerLimits server{100, 3, 0};
        const PoolRequest request{1, 2};
        CHECK(
            pgfit::pooler::describe(size_pools(server, request).value(), server, request) ==
            "pools: 93 server connections per database (84 pooled + 9 reserve) x 1 database(s) + 2 "
            "auth_query + 2 direct + 3 superuser reserved + 0 reserved <= max_connections 100");
    }
}
