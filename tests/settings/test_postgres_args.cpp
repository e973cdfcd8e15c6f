#include <doctest/doctest.h>

#include "settings/postgres_args.hpp"

using namespace pgfit::settings;
using Args = std::vector<std::string>;

TEST_SUITE("settings::postgres_args") {
    TEST_CASE("the official image's rules: flags mean postgres, nothing means postgres") {
        CHECK(normalize_arguments({}) == Args{"postgres"});
        CHECK(normalize_arguments({"-c", "x=1"}) == Args{"postgres", "-c", "x=1"});
        CHECK(normalize_arguments({"--version"}) == Args{"postgres", "--version"});
        CHECK(normalize_arguments({"echo", "-n"}) == Args{"echo", "-n"});
        CHECK(normalize_arguments({"postgres", "-c", "x=1"}) == Args{"postgres", "-c", "x=1"});
    }

    TEST_CASE("setup only for postgres itself without a help or version flag") {
        CHECK(is_server_command({"postgres"}));
        CHECK(is_server_command({"postgres", "-c", "shared_buffers=1GB", "-C", "x"}));
        for (const char* flag : {"--help", "-?", "--describe-config", "-V", "--version"}) {
            CAPTURE(flag);
            CHECK_FALSE(is_server_command({"postgres", "-c", "a=b", flag}));
        }
        CHECK_FALSE(is_server_command({"/usr/lib/postgresql/15/bin/postgres"}));
        CHECK_FALSE(is_server_command({"bash"}));
        CHECK_FALSE(is_server_command({"psql", "postgres"}));
        CHECK_FALSE(is_server_command({}));
    }

    TEST_CASE("setting names compare as postgres compares them") {
        CHECK(normalize_setting_name("Shared_Buffers") == "shared_buffers");
        CHECK(normalize_setting_name("shared-buffers") == "shared_buffers");
        CHECK(normalize_setting_name("pg_stat_statements.max") == "pg_stat_statements.max");
    }

    TEST_CASE("-c, -cname=value and --name=value, with their sources") {
        const auto parsed = parse_postgres_arguments(
            {"-c", "shared_buffers=1GB", "-cWork_Mem=8MB", "--max-connections=40", "-D", "/data"});
        const std::vector<OperatorSetting> expected{
            {"shared_buffers", "1GB", "command line '-c shared_buffers=1GB'"},
            {"work_mem", "8MB", "command line '-cWork_Mem=8MB'"},
            {"max_connections", "40", "command line '--max-connections=40'"},
        };
        CHECK(parsed.settings == expected);
        CHECK(parsed.data_directory == "/data");
    }

    TEST_CASE("short options that are settings, attached, separate and clustered") {
        const auto parsed =
            parse_postgres_arguments({"-B", "256MB", "-N50", "-Fi", "-p", "5433", "-S", "4MB", "-k",
                                      "/sock", "-h", "0.0.0.0", "-l", "-Ddata"});
        const std::vector<OperatorSetting> expected{
            {"shared_buffers", "256MB", "command line '-B 256MB'"},
            {"max_connections", "50", "command line '-N50'"},
            {"fsync", "off", "command line '-F'"},
            {"listen_addresses", "*", "command line '-i'"},
            {"port", "5433", "command line '-p 5433'"},
            {"work_mem", "4MB", "command line '-S 4MB'"},
            {"unix_socket_directories", "/sock", "command line '-k /sock'"},
            {"listen_addresses", "0.0.0.0", "command line '-h 0.0.0.0'"},
            {"ssl", "on", "command line '-l'"},
        };
        CHECK(parsed.settings == expected);
        CHECK(parsed.data_directory == "data");
    }

    TEST_CASE("values of other options are not read as options, and -- ends the options") {
        // -C takes a value; "-N" here is that value, not max_connections.
        const auto parsed = parse_postgres_arguments(
            {"-C", "-N", "-d", "3", "-c", "no_equals", "stray", "--", "-B", "1GB"});
        CHECK(parsed.settings.empty());
        CHECK_FALSE(parsed.data_directory);
    }

    TEST_CASE("a trailing option without its value is ignored") {
        CHECK(parse_postgres_arguments({"-c"}).settings.empty());
        CHECK(parse_postgres_arguments({"-B"}).settings.empty());
    }
}
