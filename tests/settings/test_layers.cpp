#include <doctest/doctest.h>

#include "settings/layers.hpp"

using namespace pgfit;
using namespace pgfit::settings;

namespace {

const std::vector<tune::Setting> k_tuned{
    {"shared_buffers", "256MB", "25% of memory"},
    {"work_mem", "4MB", "fits max_connections"},
    {"max_connections", "40", "heavy sessions that fit"},
};

} // namespace

TEST_SUITE("settings::layers") {
    TEST_CASE("compose: tuned flags the operator did not set, the operator's arguments, then "
              "the mandatory flags, which win over both") {
        const std::vector<std::string> operator_args{"-c", "shared_buffers=1GB"};
        const std::vector<OperatorSetting> chosen{
            {"shared_buffers", "1GB", "command line '-c shared_buffers=1GB'"},
            {"max_connections", "20", "/data/postgresql.auto.conf:3 (ALTER SYSTEM)"},
        };
        const std::vector<std::string> mandatory{"-c", "max_connections=100"};
        const auto composed = compose(k_tuned, chosen, operator_args, mandatory);
        CHECK(composed.args == std::vector<std::string>{"-c", "work_mem=4MB", "-c",
                                                        "shared_buffers=1GB", "-c",
                                                        "max_connections=100"});
        CHECK(composed.filtered.skipped.size() == 2);
    }

    TEST_CASE("names the operator set are not passed; the rest keep plan order") {
        const std::vector<OperatorSetting> chosen{
            {"shared_buffers", "1GB", "command line '-c shared_buffers=1GB'"},
            {"unrelated", "x", "command line '-c unrelated=x'"},
        };
        const auto filtered = filter_tuned(k_tuned, chosen);
        CHECK(filtered.kept == std::vector<tune::Setting>{k_tuned[1], k_tuned[2]});
        REQUIRE(filtered.skipped.size() == 1);
        CHECK(describe_skipped(filtered.skipped[0]) ==
              "shared_buffers: keeping the operator's 1GB (command line '-c shared_buffers=1GB') "
              "instead of the tuned 256MB");
    }

    TEST_CASE("the last operator setting of a name is the one reported, as postgres uses it") {
        const std::vector<OperatorSetting> chosen{
            {"work_mem", "16MB", "/data/postgresql.auto.conf:3 (ALTER SYSTEM)"},
            {"work_mem", "32MB", "command line '--work-mem=32MB'"},
        };
        const auto filtered = filter_tuned(k_tuned, chosen);
        REQUIRE(filtered.skipped.size() == 1);
        CHECK(filtered.skipped[0].chosen.value == "32MB");
        CHECK(filtered.kept.size() == 2);
    }

    TEST_CASE("each skipped name is logged once over several filters") {
        const std::vector<OperatorSetting> chosen{{"max_connections", "10", "x"}};
        std::set<std::string> logged;
        log_skipped_once(filter_tuned(k_tuned, chosen), logged);
        CHECK(logged == std::set<std::string>{"max_connections"});
        log_skipped_once(filter_tuned(k_tuned, chosen), logged);
        CHECK(logged.size() == 1);
    }

    TEST_CASE("flags are -c name=value pairs") {
        CHECK(to_flags(k_tuned) == std::vector<std::string>{"-c", "shared_buffers=256MB", "-c",
                                                            "work_mem=4MB", "-c",
                                                            "max_connections=40"});
        CHECK(to_flags({}).empty());
    }
}
