#include <doctest/doctest.h>

#include "replica/standby.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::replica;
using pgfit::test::ScratchDir;

namespace {

// pg_controldata of PostgreSQL 15 (LC_ALL=C), the part around the settings.
constexpr const char* k_controldata = R"(pg_control version number:            1300
Catalog version number:               202209061
Database system identifier:           7311111111111111111
Database cluster state:               in archive recovery
wal_level setting:                    replica
wal_log_hints setting:                off
max_connections setting:              120
max_worker_processes setting:         16
max_wal_senders setting:              10
max_prepared_xacts setting:           5
max_locks_per_xact setting:           128
track_commit_timestamp setting:       off
Maximum data alignment:               8
)";

std::vector<PrimaryMinimum> primary() {
    return parse_controldata(k_controldata).value();
}

} // namespace

TEST_SUITE("replica::parse_controldata") {
    TEST_CASE("the five values a standby must match") {
        CHECK(primary() == std::vector<PrimaryMinimum>{{"max_connections", 120},
                                                       {"max_worker_processes", 16},
                                                       {"max_wal_senders", 10},
                                                       {"max_prepared_transactions", 5},
                                                       {"max_locks_per_transaction", 128}});
    }

    TEST_CASE("a missing or malformed line is an error naming it") {
        std::string text = k_controldata;
        const auto without = text.replace(text.find("max_wal_senders"), 15, "max_wal_sendersX");
        auto parsed = parse_controldata(without);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().to_string() ==
              "pg_controldata: no 'max_wal_senders setting:' line in its output");
        std::string bad = k_controldata;
        bad.replace(bad.find("128"), 3, "lots");
        parsed = parse_controldata(bad);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().to_string() ==
              "pg_controldata: 'max_locks_per_xact setting:' is 'lots', not a number");
    }
}

TEST_SUITE("replica::raises_needed") {
    TEST_CASE("values below the primary's are raised, equal or higher ones kept") {
        const std::map<std::string, StandbyValue> current = {
            {"max_connections", {"40", "tuned for this container", false}},
            {"max_worker_processes", {"16", "tuned for this container", false}},
            {"max_wal_senders", {"20", "command line '-c max_wal_senders=20'", true}},
            {"max_locks_per_transaction",
             {"64", "command line '-c max_locks_per_transaction=64'", true}},
        };
        const auto raises = raises_needed(primary(), [&](const std::string& name) {
            const auto found = current.find(name);
            return found == current.end() ? std::nullopt
                                          : std::optional<StandbyValue>(found->second);
        });
        CHECK(raises ==
              std::vector<Raise>{{"max_connections", "40", 120, "tuned for this container", false},
                                 {"max_prepared_transactions", "0", 5, "PostgreSQL default", false},
                                 {"max_locks_per_transaction", "64", 128,
                                  "command line '-c max_locks_per_transaction=64'", true}});
        CHECK(describe_raise(raises.front()) ==
              "standby: max_connections raised from 40 (tuned for this container) to 120, the "
              "primary's value: a hot standby refuses to start with less than its primary");
    }

    TEST_CASE("a value that is not a whole number is raised") {
        const auto raises = raises_needed({{"max_connections", 100}}, [](const std::string&) {
            return std::optional<StandbyValue>({"lots", "postgresql.auto.conf:3", true});
        });
        REQUIRE(raises.size() == 1);
        CHECK(raises.front().from == "lots");
    }

    TEST_CASE("the built-in values") {
        CHECK(builtin_value("max_connections") == 100);
        CHECK(builtin_value("max_worker_processes") == 8);
        CHECK(builtin_value("max_wal_senders") == 10);
        CHECK(builtin_value("max_prepared_transactions") == 0);
        CHECK(builtin_value("max_locks_per_transaction") == 64);
    }
}

TEST_SUITE("replica::shared_preload_libraries of a standby") {
    TEST_CASE("the primary's first, then the replica's own, no duplicates") {
        CHECK(union_libraries("pg_stat_statements, pg_cron,pgaudit",
                              "pg_stat_statements,auto_explain") ==
              "pg_stat_statements,pg_cron,pgaudit,auto_explain");
        CHECK(union_libraries("", "pg_stat_statements") == "pg_stat_statements");
        CHECK(union_libraries("timescaledb", "") == "timescaledb");
        CHECK(union_libraries(" , ", "") == "");
    }

    TEST_CASE("read from PGDATA, missing file is nullopt") {
        ScratchDir scratch;
        CHECK_FALSE(read_primary_libraries(scratch.path).has_value());
        scratch.file("pgfit-primary-libraries", "pg_cron,pgaudit\n");
        CHECK(read_primary_libraries(scratch.path) ==
              std::optional<std::string>("pg_cron,pgaudit"));
    }

    TEST_CASE("a primary records its libraries, an unknown value removes the record") {
        ScratchDir scratch;
        REQUIRE(record_primary_libraries(scratch.path, "pg_stat_statements,pg_cron").has_value());
        CHECK(read_primary_libraries(scratch.path) ==
              std::optional<std::string>("pg_stat_statements,pg_cron"));
        REQUIRE(record_primary_libraries(scratch.path, "").has_value());
        CHECK(read_primary_libraries(scratch.path) == std::optional<std::string>(""));
        REQUIRE(record_primary_libraries(scratch.path, std::nullopt).has_value());
        CHECK_FALSE(read_primary_libraries(scratch.path).has_value());
        REQUIRE(record_primary_libraries(scratch.path, std::nullopt).has_value());
    }
}
