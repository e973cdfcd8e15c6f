#include <doctest/doctest.h>

#include "tune/catalog_check.hpp"

namespace pgfit::tune {

TEST_SUITE("tune::check_against_catalog") {

    TEST_CASE("a constant outside the server's bounds is clamped, in the setting's own unit") {
        auto catalog = builtin_catalog(15);
        catalog["checkpoint_completion_target"].max = 0.5;
        catalog["max_wal_size"].max = 1024; // MB
        std::vector<std::string> warnings;
        const auto settings = check_against_catalog({{"checkpoint_completion_target", "0.9", "why"},
                                                     {"max_wal_size", "4GB", "why"},
                                                     {"cron.max_running_jobs", "1", "why"},
                                                     {"io_method", "worker", "why"}},
                                                    catalog, warnings);
        REQUIRE(settings.size() == 3);
        CHECK(settings[0].value == "0.5");
        CHECK(settings[1].value == "1GB");
        CHECK(settings[1].reason == "why (clamped to the server's range)");
        CHECK(settings[2].name == "cron.max_running_jobs");
        CHECK(warnings ==
              std::vector<std::string>{
                  "checkpoint_completion_target = 0.9 is outside the server's range [0, "
                  "0.5]; clamped to 0.5",
                  "max_wal_size = 4GB is outside the server's range [2MB, 1GB]; clamped "
                  "to 1GB",
                  "io_method is not a setting of this server; dropped"});
    }
}

} // namespace pgfit::tune

namespace pgfit::tune {

TEST_SUITE("tune::parse_describe_config") {

    constexpr std::string_view k_described =
        "work_mem\tuser\tResource Usage / Memory\tINTEGER\t0\t64\t2147483647\tSets...\t\n"
        "huge_pages\tpostmaster\tResource Usage / Memory\tENUM\ttry\t\t\tUse of huge pages\t\n"
        "vacuum_cost_limit\tuser\tVacuuming\tINTEGER\t200\t1\t10000\tVacuum cost...\t\n"
        "random_page_cost\tuser\tQuery Tuning\tREAL\t0\t0\t1.79769e+308\tSets...\t\n"
        "garbage line\n";

    TEST_CASE("lines of postgres --describe-config give names, types and numeric bounds") {
        const auto catalog = parse_describe_config(k_described);
        REQUIRE(catalog.has_value());
        // vacuum_cost_limit is the server's, but not a setting pgfit emits.
        CHECK(catalog->size() == 3);
        CHECK(catalog->at("work_mem") == GucBounds{GucType::integer, 64, 2147483647});
        CHECK(catalog->at("huge_pages").type == GucType::enumeration);
        CHECK(catalog->at("random_page_cost").max > 1e308);
        CHECK_FALSE(parse_describe_config("nothing here\n").has_value());
    }

    TEST_CASE("what a cache keeps is the lines of the settings pgfit emits, and reads the same") {
        const auto kept = describe_config_for_plan(k_described);
        CHECK(kept.find("vacuum_cost_limit") == std::string::npos);
        CHECK(kept.find("garbage") == std::string::npos);
        CHECK(parse_describe_config(kept) == parse_describe_config(k_described));
    }
}

} // namespace pgfit::tune
