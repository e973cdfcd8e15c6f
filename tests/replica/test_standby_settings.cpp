#include <doctest/doctest.h>

#include "../tune/tune_fixtures.hpp"
#include "replica/standby_settings.hpp"
#include "tune/tuner.hpp"

using namespace pgfit;

TEST_SUITE("replica::plan_with_primary_connections") {
    TEST_CASE("a 2 GiB standby of a primary with 300 connections: the primary is the origin, "
              "work_mem shrinks, no operator variable is blamed") {
        const auto inputs = tune::testing::container(Bytes::gib(2), 2);
        const auto own = tune::make_plan(inputs);
        const auto plan = replica::plan_with_primary_connections(inputs, 300);
        CHECK(tune::testing::value_of(plan, "max_connections") == "300");
        const auto* connections = plan.find("max_connections");
        REQUIRE(connections != nullptr);
        CHECK(connections->reason.find("the primary's max_connections (pg_controldata)") !=
              std::string::npos);
        CHECK(connections->reason.find("POSTGRES_MAX_CONNECTIONS") == std::string::npos);
        for (const auto& warning : plan.warnings) {
            CAPTURE(warning);
            CHECK(warning.find("POSTGRES_MAX_CONNECTIONS") == std::string::npos);
        }
        CHECK(tune::testing::numeric_value(plan, "work_mem") <
              tune::testing::numeric_value(own, "work_mem"));
    }
}
