#include <signal.h>

#include <doctest/doctest.h>

#include "pooler/pgbouncer_version.hpp"

using pgfit::pooler::parse_pgbouncer_version;
using pgfit::pooler::PgBouncerVersion;

TEST_SUITE("pooler::parse_pgbouncer_version") {
    TEST_CASE("bookworm's 1.18 output, libevent line included") {
        const auto version =
            parse_pgbouncer_version("PgBouncer 1.18.0\nlibevent 2.1.12-stable\n", "x");
        REQUIRE(version.has_value());
        CHECK(*version == PgBouncerVersion{1, 18, 0});
        CHECK(version->to_string() == "1.18.0");
    }

    TEST_CASE("release candidates and two-part versions") {
        CHECK(parse_pgbouncer_version("PgBouncer 1.25.0rc1", "x").value() ==
              PgBouncerVersion{1, 25, 0});
        CHECK(parse_pgbouncer_version("PgBouncer 1.9", "x").value() == PgBouncerVersion{1, 9, 0});
    }

    TEST_CASE("anything else is an error quoting the line") {
        const auto version =
            parse_pgbouncer_version("pgbouncer: command not found\n", "pgbouncer --version");
        REQUIRE_FALSE(version.has_value());
        CHECK(version.error().to_string() == "pgbouncer --version: cannot read the PgBouncer "
                                             "version from 'pgbouncer: command not found'; "
                                             "expected 'PgBouncer X.Y.Z'");
        CHECK_FALSE(parse_pgbouncer_version("PgBouncer x.y.z", "x").has_value());
        CHECK_FALSE(parse_pgbouncer_version("", "x").has_value());
    }
}

TEST_SUITE("pooler version gates") {
    TEST_CASE(
        "1.18 gets neither prepared statements nor the options parameter; SIGTERM is immediate") {
        const PgBouncerVersion bookworm{1, 18, 0};
        CHECK_FALSE(pgfit::pooler::supports_prepared_statements(bookworm));
        CHECK_FALSE(pgfit::pooler::ignores_options_parameter(bookworm));
        CHECK(pgfit::pooler::immediate_shutdown_signal(bookworm) == SIGTERM);
    }

    TEST_CASE("each gate opens at its release") {
        CHECK(pgfit::pooler::ignores_options_parameter({1, 20, 0}));
        CHECK_FALSE(pgfit::pooler::supports_prepared_statements({1, 20, 1}));
        CHECK(pgfit::pooler::supports_prepared_statements({1, 21, 0}));
        CHECK(pgfit::pooler::immediate_shutdown_signal({1, 22, 1}) == SIGTERM);
        CHECK(pgfit::pooler::immediate_shutdown_signal({1, 23, 0}) == SIGQUIT);
    }
}
