#include <doctest/doctest.h>

#include "detect/overrides.hpp"

using namespace pgfit;
using namespace pgfit::detect;

namespace {

Environment environment(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

} // namespace

TEST_SUITE("detect::read_overrides") {
    TEST_CASE("unset and empty variables give no override") {
        const auto none = read_overrides(environment({{"POSTGRES_MEMORY", ""}}));
        REQUIRE(none);
        CHECK_FALSE(none->memory);
        CHECK_FALSE(none->cpus);
    }

    TEST_CASE("memory sizes and CPU counts") {
        const auto overrides =
            read_overrides(environment({{"POSTGRES_MEMORY", "1.5GB"}, {"POSTGRES_CPUS", " 1.5 "}}));
        REQUIRE(overrides);
        CHECK(overrides->memory == Bytes::mib(1536));
        CHECK(overrides->cpus == 1.5);
        CHECK(read_overrides(environment({{"POSTGRES_MEMORY", "512"}}))->memory == Bytes::mib(512));
        CHECK(read_overrides(environment({{"POSTGRES_CPUS", "4096"}}))->cpus == 4096.0);
        CHECK(read_overrides(environment({{"POSTGRES_CPUS", ".5"}}))->cpus == 0.5);
    }

    TEST_CASE("a malformed POSTGRES_MEMORY names the variable and the accepted forms") {
        const auto bad = read_overrides(environment({{"POSTGRES_MEMORY", "lots"}}));
        REQUIRE_FALSE(bad);
        CHECK(bad.error().to_string() ==
              "POSTGRES_MEMORY: \"lots\" is not a memory size; use a number of MiB (512) or a "
              "number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB");
    }

    TEST_CASE("a malformed POSTGRES_CPUS names the variable and the accepted forms") {
        for (const char* text : {"0", "-1", "two", "1e3", "4097", "1.5.1", "2 cpus"}) {
            CAPTURE(text);
            const auto bad = read_overrides(environment({{"POSTGRES_CPUS", text}}));
            REQUIRE_FALSE(bad);
            CHECK(bad.error().to_string() ==
                  fmt::format("POSTGRES_CPUS: \"{}\" is not a CPU count; use a number greater "
                              "than 0 and at most 4096, such as 2 or 1.5",
                              text));
        }
    }
}
