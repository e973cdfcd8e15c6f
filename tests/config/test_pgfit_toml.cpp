#include <doctest/doctest.h>

#include "config/pgfit_toml.hpp"
#include "tune/tuner.hpp"
#include "util/file.hpp"

namespace pgfit::config {

namespace {

std::string error_of(std::string_view text) {
    auto parsed = parse_pgfit_toml(text, "pgfit.toml");
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error().to_string();
}

tune::Inputs point(const tune::Coefficients& coefficients, unsigned mib, unsigned cpus,
                   tune::Profile profile, tune::Storage storage) {
    tune::Inputs inputs;
    inputs.memory = sourced(Bytes::mib(mib), OriginKind::flag, "--memory");
    inputs.cpus = sourced(cpus, OriginKind::flag, "--cpus");
    inputs.profile = sourced(profile, OriginKind::built_in);
    inputs.storage = sourced(storage, OriginKind::built_in);
    inputs.pg_major = sourced(18U, OriginKind::built_in);
    inputs.preload_libraries.value = coefficients.preload_candidates;
    inputs.replication.value = true;
    inputs.coefficients = coefficients;
    return inputs;
}

} // namespace

TEST_SUITE("config::parse_pgfit_toml") {

    TEST_CASE("the shipped conf/pgfit.toml holds exactly the built-in values") {
        auto text = read_file(PGFIT_SOURCE_DIR "/conf/pgfit.toml");
        REQUIRE(text.has_value());
        auto parsed = parse_pgfit_toml(*text, "conf/pgfit.toml");
        REQUIRE_MESSAGE(parsed.has_value(), parsed.error().to_string());
        const tune::Coefficients built_in;
        for (const auto profile : tune::k_profiles) {
            for (const auto storage : tune::k_storages) {
                for (const unsigned mib : {1024U, 65536U}) {
                    const auto from_file =
                        tune::make_plan(point(parsed->coefficients, mib, 8, profile, storage));
                    const auto expected =
                        tune::make_plan(point(built_in, mib, 8, profile, storage));
                    CHECK(from_file.settings == expected.settings);
                    CHECK(from_file.budget == expected.budget);
                }
            }
        }
        CHECK(parsed->coefficients.measured_majors == built_in.measured_majors);
        CHECK(parsed->coefficients.preload_candidates == built_in.preload_candidates);
        CHECK_FALSE(parsed->profile.has_value());
    }

    TEST_CASE("values are read, with their position as origin") {
        auto parsed = parse_pgfit_toml("[inputs]\nprofile = \"oltp\"\nmemory = \"2GiB\"\n"
                                       "[budget.pg18]\nquery_min_bytes = \"48MiB\"\n"
                                       "[profiles.web]\nmax_connections = 50\n",
                                       "pgfit.toml");
        REQUIRE(parsed.has_value());
        CHECK(parsed->profile->value == tune::Profile::oltp);
        CHECK(parsed->profile->origin.to_string() == "pgfit.toml:2:11");
        CHECK(parsed->memory->value == Bytes::gib(2));
        CHECK(parsed->coefficients.measured(18).query_min_bytes == Bytes::mib(48));
        CHECK(parsed->coefficients.measured(19).query_min_bytes == Bytes::mib(48));
        CHECK(parsed->coefficients.measured(17) == tune::Coefficients{}.measured(17));
        CHECK(parsed->coefficients.of(tune::Profile::web).max_connections == 50);
    }

    TEST_CASE("a TOML syntax error names the file, line and column") {
        CHECK(error_of("[budget]\nheadroom_ratio = = 0.1\n") ==
              "pgfit.toml:2:18: invalid TOML: Error while parsing value: could not determine value "
              "type");
    }

    TEST_CASE("an unknown key or table is an error at its position") {
        CHECK(error_of("[budget]\nheadroom = 0.1\n") ==
              "pgfit.toml:2:1: unknown key 'budget.headroom'");
        CHECK(error_of("[budgets]\nx = 1\n") == "pgfit.toml:1:2: unknown table 'budgets'");
        CHECK(error_of("[profiles.olap]\nmax_connections = 1\n") ==
              "pgfit.toml:1:11: unknown table 'profiles.olap'");
        CHECK(error_of("[budget.pg16]\nprocess_bytes = \"4MiB\"\n") ==
              "pgfit.toml:1:9: unknown table 'budget.pg16'");
    }

    TEST_CASE("a ratio that is 0 or above 1 is an error at the value") {
        CHECK(error_of("[budget]\nheadroom_ratio = 1.5\n") ==
              "pgfit.toml:2:18: budget.headroom_ratio must be a ratio in (0, 1], e.g. 0.25");
        CHECK(error_of("[memory]\nautovacuum_work_mem_ratio = 0\n") ==
              "pgfit.toml:2:29: memory.autovacuum_work_mem_ratio must be a ratio in (0, 1], e.g. "
              "0.25");
    }

    TEST_CASE("wrong types are errors naming the key and the accepted form") {
        CHECK(error_of("[budget.pg15]\nprocess_bytes = 4\n") ==
              "pgfit.toml:2:17: budget.pg15.process_bytes must be a size in quotes, e.g. \"64MiB\"");
        CHECK(
            error_of("[budget.pg15]\nprocess_bytes = \"4 lots\"\n") ==
            "pgfit.toml:2:17: budget.pg15.process_bytes: \"4 lots\" is not a memory size; use a number "
            "of MiB (512) or a number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB");
        CHECK(error_of("[connections]\nfloor = \"10\"\n") ==
              "pgfit.toml:2:9: connections.floor must be a whole number from 1 to 1000000");
        CHECK(error_of("[profiles.dw]\njit = 1\n") ==
              "pgfit.toml:2:7: profiles.dw.jit must be true or false");
        CHECK(error_of("[inputs]\nprofile = \"olap\"\n") ==
              "pgfit.toml:2:11: inputs.profile must be one of web|oltp|dw|mixed|desktop");
        CHECK(error_of("[memory]\nhash_mem_multiplier = 0.5\n") ==
              "pgfit.toml:2:23: memory.hash_mem_multiplier must be a number >= 1");
    }

    TEST_CASE("PGFIT_CONFIG naming a missing file is an error naming the variable") {
        auto loaded = load_pgfit_toml(std::string("/nonexistent/pgfit.toml"));
        REQUIRE_FALSE(loaded.has_value());
        CHECK(loaded.error().to_string() == "PGFIT_CONFIG: cannot read pgfit configuration "
                                            "'/nonexistent/pgfit.toml': cannot open: No "
                                            "such file or directory");
    }
}

} // namespace pgfit::config
