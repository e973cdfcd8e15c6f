
#include <doctest/doctest.h>

#include "config/bootstrap_settings.hpp"
#include "initdb/script_variables.hpp"

using namespace pgfit;
using namespace pgfit::config;
using namespace pgfit::initdb;

namespace {

BootstrapSettings settings_of(std::map<std::string, std::string, std::less<>> variables) {
    auto settings = read_bootstrap_settings(Environment(std::move(variables)));
    REQUIRE(settings.has_value());
    return *settings;
}

Result<std::string> fake_scram(const std::string& password) {
    return "SCRAM-SHA-256$4096:" + password;
}

} // namespace

TEST_SUITE("initdb::script_variables") {
    TEST_CASE("the documented names are always bound, with their defaults") {
        const auto variables = plain_script_variables(settings_of({{"POSTGRES_PASSWORD", "x"}}));
        for (const auto& row : documented_variables()) {
            CHECK_MESSAGE(variables.contains(row.name), row.name);
        }
        CHECK(variables.at("POSTGRES_USER") == "postgres");
        CHECK(variables.at("POSTGRES_DB") == "postgres");
        CHECK(variables.at("POSTGRES_EXTENSIONS") == "");
        CHECK(variables.at("POSTGRES_CRON_DATABASE") == "postgres");
        CHECK(variables.at("POSTGRES_REPLICATION_USER") == "replicator");
        CHECK(variables.at("POSTGRES_REPLICATION_SLOTS") == "");
        CHECK(variables.at("POSTGRES_REPLICATION_NETWORK") == "samenet");
        CHECK(variables.at("PGBOUNCER_AUTH_USER") == "pgbouncer_auth");
        CHECK(variables.at("POSTGRES_MONITOR_USER") == "postgres_exporter");
        CHECK(variables.at("POSTGRES_APP_USER") == "");
        CHECK(variables.at("POSTGRES_REPLICATION_PASSWORD_SCRAM") == "");
    }

    TEST_CASE("environment values win over defaults; slots default only with replication") {
        const auto variables =
            plain_script_variables(settings_of({{"POSTGRES_USER", "admin"},
                                                {"POSTGRES_DB", "shop"},
                                                {"POSTGRES_REPLICATION_PASSWORD", "r"},
                                                {"POSTGRES_REPLICATION_NETWORK", "10.0.0.0/8"},
                                                {"PGFIT_PROFILE", "oltp"},
                                                {"PGBOUNCER_POOL_MODE", "transaction"},
                                                {"PATH", "/bin"}}));
        CHECK(variables.at("POSTGRES_DB") == "shop");
        // The application's database stays free of pg_cron's session.
        CHECK(variables.at("POSTGRES_CRON_DATABASE") == "postgres");
        CHECK(variables.at("POSTGRES_REPLICATION_SLOTS") == "replica1");
        CHECK(variables.at("POSTGRES_REPLICATION_NETWORK") == "10.0.0.0/8");
        CHECK(variables.at("PGFIT_PROFILE") == "oltp");
        CHECK(variables.at("PGBOUNCER_POOL_MODE") == "transaction");
        CHECK_FALSE(variables.contains("PATH"));
    }

    TEST_CASE("no plain password is ever bound; verifiers are added per secret") {
        auto settings = settings_of({{"POSTGRES_PASSWORD", "root pw"},
                                     {"POSTGRES_APP_PASSWORD", "app pw"},
                                     {"PGBOUNCER_AUTH_PASSWORD", "b"}});
        auto variables = plain_script_variables(settings);
        for (const auto& [name, value] : variables) {
            CHECK_FALSE_MESSAGE(name.ends_with("_PASSWORD"), name);
            CHECK_FALSE_MESSAGE(value.find("pw") != std::string::npos, name);
        }
        REQUIRE(add_scram_verifiers(variables, settings, fake_scram).has_value());
        CHECK(variables.at("POSTGRES_PASSWORD_SCRAM") == "SCRAM-SHA-256$4096:root pw");
        CHECK(variables.at("POSTGRES_APP_PASSWORD_SCRAM") == "SCRAM-SHA-256$4096:app pw");
        CHECK(variables.at("PGBOUNCER_AUTH_PASSWORD_SCRAM") == "SCRAM-SHA-256$4096:b");
        CHECK(variables.at("POSTGRES_MONITOR_PASSWORD_SCRAM") == "");
    }

    TEST_CASE("a failing verifier names its secret") {
        auto settings = settings_of({{"POSTGRES_APP_PASSWORD", "x"}});
        auto variables = plain_script_variables(settings);
        auto result = add_scram_verifiers(variables, settings, [](const std::string&) {
            return Result<std::string>(fail("", "out of memory"));
        });
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().to_string() == "POSTGRES_APP_PASSWORD: out of memory");
    }
}
