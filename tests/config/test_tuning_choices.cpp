#include <doctest/doctest.h>

#include "config/tuning_choices.hpp"

using namespace pgfit;
using namespace pgfit::config;

namespace {

Environment environment(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

} // namespace

TEST_SUITE("config::read_tuning_choices") {
    TEST_CASE("unset and empty variables give no override") {
        const auto none = read_tuning_choices({}, environment({{"POSTGRES_MEMORY", ""}}));
        REQUIRE(none);
        CHECK_FALSE(none->memory);
        CHECK_FALSE(none->cpus);
    }

    TEST_CASE("memory sizes and CPU counts, with their variable as origin") {
        const auto choices = read_tuning_choices(
            {}, environment({{"POSTGRES_MEMORY", "1.5GB"}, {"POSTGRES_CPUS", " 1.5 "}}));
        REQUIRE(choices);
        CHECK(choices->memory->value == Bytes::mib(1536));
        CHECK(choices->memory->origin.to_string() == "POSTGRES_MEMORY");
        CHECK(choices->cpus->value == 1.5);
        CHECK(read_tuning_choices({}, environment({{"POSTGRES_MEMORY", "512"}}))->memory->value ==
              Bytes::mib(512));
        CHECK(read_tuning_choices({}, environment({{"POSTGRES_CPUS", "4096"}}))->cpus->value ==
              4096.0);
        CHECK(read_tuning_choices({}, environment({{"POSTGRES_CPUS", ".5"}}))->cpus->value == 0.5);
        Flags flags;
        flags.memory = "2G";
        const auto flagged = read_tuning_choices(flags, environment({{"POSTGRES_MEMORY", "1G"}}));
        CHECK(flagged->memory->value == Bytes::gib(2));
        CHECK(flagged->memory->origin.to_string() == "--memory");
    }

    TEST_CASE("a malformed POSTGRES_MEMORY names the variable and the accepted forms") {
        const auto bad = read_tuning_choices({}, environment({{"POSTGRES_MEMORY", "lots"}}));
        REQUIRE_FALSE(bad);
        CHECK(bad.error().kind == ErrorKind::bad_input);
        CHECK(bad.error().to_string() ==
              "POSTGRES_MEMORY: \"lots\" is not a memory size; use a number of MiB (512) or a "
              "number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB");
    }

    TEST_CASE("a malformed POSTGRES_CPUS names the variable and the accepted forms") {
        for (const char* text : {"0", "-1", "two", "1e3", "4097", "1.5.1", "2 cpus"}) {
            CAPTURE(text);
            const auto bad = read_tuning_choices({}, environment({{"POSTGRES_CPUS", text}}));
            REQUIRE_FALSE(bad);
            CHECK(bad.error().to_string() ==
                  fmt::format("POSTGRES_CPUS: \"{}\" is not a CPU count; use a number greater "
                              "than 0 and at most 4096, such as 2 or 1.5",
                              text));
        }
    }

    TEST_CASE("pg_cron's scheduler only when asked for: POSTGRES_CRON_DATABASE or "
              "POSTGRES_EXTENSIONS naming it") {
        const auto scheduler = [](std::map<std::string, std::string, std::less<>> variables) {
            return read_tuning_choices({}, environment(std::move(variables)))->cron_scheduler;
        };
        CHECK_FALSE(scheduler({}).value);
        CHECK_FALSE(scheduler({{"POSTGRES_CRON_DATABASE", ""}}).value);
        CHECK_FALSE(scheduler({{"POSTGRES_EXTENSIONS", "vector,pg_cron_extra, pg_crons"}}).value);
        const auto by_database = scheduler({{"POSTGRES_CRON_DATABASE", "jobs"}});
        CHECK(by_database.value);
        CHECK(by_database.origin.to_string() == "POSTGRES_CRON_DATABASE");
        const auto by_extensions = scheduler({{"POSTGRES_EXTENSIONS", "vector , pg_cron "}});
        CHECK(by_extensions.value);
        CHECK(by_extensions.origin.to_string() == "POSTGRES_EXTENSIONS");
    }
}
