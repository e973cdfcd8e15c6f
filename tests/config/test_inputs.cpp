#include <doctest/doctest.h>

#include "config/inputs.hpp"
#include "config/values.hpp"

namespace pgfit::config {

namespace {

detect::Resources detected() {
    detect::Resources resources;
    resources.memory =
        sourced(Bytes::gib(2), OriginKind::detected, "memory.max at /sys/fs/cgroup/x");
    resources.cpus = sourced(4U, OriginKind::detected, "cpu.max");
    resources.shm = Bytes::mib(64);
    return resources;
}

// The operator's choices from `flags` and `environment`, then the inputs they resolve to.
Result<tune::Inputs> resolve_inputs(const Flags& flags, const Environment& environment,
                                    const TomlSettings& toml, const detect::Resources& resources) {
    PGFIT_TRY_ASSIGN(const auto choices, read_tuning_choices(flags, environment));
    return config::resolve_inputs(choices, toml, resources);
}

std::string error_of(const Flags& flags, const Environment& environment) {
    auto inputs = resolve_inputs(flags, environment, {}, detected());
    REQUIRE_FALSE(inputs.has_value());
    CHECK(inputs.error().kind == ErrorKind::bad_input);
    return inputs.error().to_string();
}

Environment env(std::initializer_list<std::pair<const char*, const char*>> variables) {
    Environment environment;
    for (const auto& [name, value] : variables) {
        environment.set(name, value);
    }
    return environment;
}

} // namespace

TEST_SUITE("config::resolve_inputs") {

    TEST_CASE("no memory limit: a quarter of the host, at most 2 GiB; a limit or POSTGRES_MEMORY "
              "as given") {
        auto unlimited = detected();
        unlimited.memory = sourced(Bytes::gib(4), OriginKind::host, "host");
        auto inputs = resolve_inputs({}, {}, {}, unlimited);
        REQUIRE(inputs.has_value());
        CHECK(inputs->memory.value == Bytes::gib(1));
        CHECK(inputs->memory.origin.to_string() ==
              "no memory limit: a quarter of the host's 4 GiB (set POSTGRES_MEMORY to plan for "
              "more)");
        unlimited.memory = sourced(Bytes::gib(24), OriginKind::host, "host");
        inputs = resolve_inputs({}, {}, {}, unlimited);
        CHECK(inputs->memory.value == Bytes::gib(2));
        CHECK(inputs->memory.origin.to_string() ==
              "no memory limit: at most 2 GiB of the host's 24 GiB (set POSTGRES_MEMORY to plan "
              "for more)");
        inputs = resolve_inputs({}, env({{"POSTGRES_MEMORY", "20GiB"}}), {}, unlimited);
        CHECK(inputs->memory.value == Bytes::gib(20));
        inputs = resolve_inputs({}, {}, {}, detected());
        CHECK(inputs->memory.value == Bytes::gib(2));
    }

    TEST_CASE("flag beats environment beats pgfit.toml beats detection") {
        auto toml = parse_pgfit_toml("[inputs]\nmemory = \"3GiB\"\nprofile = \"dw\"\ncpus = 1.5\n",
                                     "pgfit.toml");
        REQUIRE(toml.has_value());
        const auto environment =
            env({{"POSTGRES_MEMORY", "1024"}, {"POSTGRES_WORKLOAD_TYPE", "OLTP"}});
        Flags flags;
        flags.memory = "512MiB";
        auto inputs = resolve_inputs(flags, environment, *toml, detected());
        REQUIRE(inputs.has_value());
        CHECK(inputs->memory.value == Bytes::mib(512));
        CHECK(inputs->memory.origin.to_string() == "--memory");
        CHECK(inputs->profile.value == tune::Profile::oltp);
        CHECK(inputs->profile.origin.to_string() == "POSTGRES_WORKLOAD_TYPE");
        CHECK(inputs->cpus.value == 2);
        CHECK(inputs->cpus.origin.to_string() == "pgfit.toml:4:8");

        inputs = resolve_inputs(Flags{}, Environment{}, *toml, detected());
        CHECK(inputs->memory.value == Bytes::gib(3));
        inputs = resolve_inputs(Flags{}, Environment{}, TomlSettings{}, detected());
        CHECK(inputs->memory.origin.to_string() == "memory.max at /sys/fs/cgroup/x");
        CHECK(inputs->cpus.value == 4);
        CHECK(inputs->profile.value == tune::Profile::mixed);
        CHECK(inputs->profile.origin.to_string() == "built-in");
        CHECK(inputs->storage.value == tune::Storage::ssd);
        CHECK_FALSE(inputs->max_connections.has_value());
        CHECK_FALSE(inputs->replication.value);
        CHECK(inputs->cron_database.value == "postgres");
    }

    TEST_CASE("bad flags and variables name themselves and the accepted forms") {
        Flags flags;
        flags.profile = "olap";
        CHECK(error_of(flags, {}) == "--profile: \"olap\" is not a profile; use one of "
                                     "web|oltp|dw|mixed|desktop");
        flags = {};
        flags.memory = "0";
        CHECK(error_of(flags, {}) ==
              "--memory: \"0\" must be greater than zero; use a number of MiB "
              "(512) or a number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB");
        flags = {};
        flags.cpus = "-1";
        CHECK(error_of(flags, {}) == "--cpus: \"-1\" is not a CPU count; use a number greater "
                                     "than 0 and at most 4096, such as 2 or 1.5");
        CHECK(
            error_of({}, env({{"POSTGRES_MAX_CONNECTIONS", "abc"}})) ==
            "POSTGRES_MAX_CONNECTIONS: \"abc\" is not a number of connections; use a whole number "
            "from 1 to 262143");
        CHECK(
            error_of({}, env({{"POSTGRES_STORAGE", "tape"}})) ==
            "POSTGRES_STORAGE: \"tape\" is not a storage kind; use one of ssd|hdd|network (san and "
            "nvme are accepted as network and ssd)");
        CHECK(error_of({}, env({{"POSTGRES_REPLICATION_ROLE", "leader"}})) ==
              "POSTGRES_REPLICATION_ROLE: \"leader\" is not a replication role; use primary or "
              "replica");
        CHECK(
            error_of({}, env({{"POSTGRES_MEMORY", "lots"}})) ==
            "POSTGRES_MEMORY: \"lots\" is not a memory size; use a number of MiB (512) or a number "
            "with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB");
    }

    TEST_CASE("aza-pg's and Bitnami's spellings are accepted") {
        auto inputs = resolve_inputs({},
                                     env({{"POSTGRES_STORAGE_TYPE", "san"},
                                          {"POSTGRESQL_REPLICATION_MODE", "slave"},
                                          {"POSTGRES_DB", "app"}}),
                                     {}, detected());
        REQUIRE(inputs.has_value());
        CHECK(inputs->storage.value == tune::Storage::network);
        CHECK(inputs->replication.value);
        CHECK(inputs->replication.origin.to_string() == "POSTGRESQL_REPLICATION_MODE=slave");
        CHECK(inputs->cron_database.value == "postgres"); // never POSTGRES_DB by default
        inputs = resolve_inputs({},
                                env({{"POSTGRES_REPLICATION_PASSWORD_FILE", "/run/secrets/x"},
                                     {"POSTGRES_CRON_DATABASE", "jobs"},
                                     {"POSTGRES_DB", "app"}}),
                                {}, detected());
        CHECK(inputs->replication.value);
        CHECK(inputs->cron_database.value == "jobs");
    }

    TEST_CASE("one CPU bound for the flag, the variable and pgfit.toml") {
        Flags flags;
        flags.cpus = "5000";
        CHECK(error_of(flags, {}) == "--cpus: \"5000\" is not a CPU count; use a number greater "
                                     "than 0 and at most 4096, such as 2 or 1.5");
        CHECK(error_of({}, env({{"POSTGRES_CPUS", "5000"}})) ==
              "POSTGRES_CPUS: \"5000\" is not a CPU count; use a number greater than 0 and at "
              "most 4096, such as 2 or 1.5");
        const auto toml = parse_pgfit_toml("[inputs]\ncpus = 5000\n", "pgfit.toml");
        REQUIRE_FALSE(toml);
        CHECK(toml.error().to_string() == "pgfit.toml:2:8: inputs.cpus must be a CPU count greater "
                                          "than 0 and at most 4096, e.g. 2 or 1.5");
    }

    TEST_CASE("the replication role in any case, as the replica's own settings read it") {
        auto inputs =
            resolve_inputs({}, env({{"POSTGRES_REPLICATION_ROLE", " Replica "}}), {}, detected());
        REQUIRE(inputs.has_value());
        CHECK(inputs->replication.value);
        CHECK(error_of({}, env({{"POSTGRES_REPLICATION_ROLE", "replica"},
                                {"POSTGRESQL_REPLICATION_MODE", "master"}})) ==
              "POSTGRES_REPLICATION_ROLE, POSTGRESQL_REPLICATION_MODE: they disagree (replica and "
              "master); set only one of them");
    }

    TEST_CASE("library lists and versions") {
        CHECK(*parse_library_list(" pg_cron , ,pgaudit", "X") ==
              std::vector<std::string>{"pg_cron", "pgaudit"});
        CHECK(parse_library_list("", "X")->empty());
        CHECK(parse_library_list("pg_cron;drop", "X").error().to_string() ==
              "X: \"pg_cron;drop\" is not a library name; use a comma list of names such as "
              "pg_stat_statements,pg_cron");
        CHECK(*parse_pg_version("13", "--pg-version") == 13);
        CHECK(parse_pg_version("12", "--pg-version").error().to_string() ==
              "--pg-version: \"12\" is not a supported PostgreSQL major version; use 13 to 18");
    }

    TEST_CASE("with a pgBackRest repository, postgres is planned for the limit minus 48 MiB per "
              "backup process") {
        auto inputs = resolve_inputs({}, env({{"PGBACKREST_REPO1_PATH", "/backups"}}), {}, detected());
        REQUIRE(inputs.has_value());
        CHECK(inputs->memory.value == Bytes::mib(2048 - 48));
        CHECK(inputs->memory.origin.to_string() ==
              "memory.max at /sys/fs/cgroup/x minus 48 MiB, pgBackRest beside postgres: 48 MiB "
              "x 1 process (PGBACKREST_PROCESS_MAX)");
        inputs = resolve_inputs(
            {}, env({{"PGBACKREST_REPO1_TYPE", "s3"}, {"PGBACKREST_PROCESS_MAX", "3"}}), {},
            detected());
        CHECK(inputs->memory.value == Bytes::mib(2048 - 144));
        inputs = resolve_inputs({}, env({{"PGBACKREST_PROCESS_MAX", "3"}}), {}, detected());
        CHECK(inputs->memory.value == Bytes::gib(2));
    }
}

} // namespace pgfit::config
