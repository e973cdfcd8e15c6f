#include <algorithm>

#include <doctest/doctest.h>

#include "config/replica_variables.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::config;
using pgfit::test::ScratchDir;

namespace {

using Variables = std::map<std::string, std::string, std::less<>>;

Variables replica_env(Variables extra = {}) {
    Variables variables = {{"POSTGRES_REPLICATION_ROLE", "replica"},
                           {"POSTGRES_PRIMARY_HOST", "db.example"},
                           {"POSTGRES_REPLICATION_PASSWORD", "s3cret"}};
    for (auto& [name, value] : extra) {
        variables.insert_or_assign(name, value);
    }
    return variables;
}

std::string error_of(const Variables& variables) {
    auto settings = read_replica_settings(Environment(variables));
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().kind == ErrorKind::bad_input);
    return settings.error().to_string();
}

replica::ReplicaSettings replica_of(const Variables& variables) {
    auto settings = read_replica_settings(Environment(variables));
    REQUIRE(settings.has_value());
    REQUIRE(settings->has_value());
    return **settings;
}

} // namespace

TEST_SUITE("config::read_replica_settings") {
    TEST_CASE("no role, primary and master mean no replica") {
        for (const Variables& variables :
             {Variables{}, Variables{{"POSTGRES_REPLICATION_ROLE", "primary"}},
              Variables{{"POSTGRESQL_REPLICATION_MODE", "master"}},
              Variables{{"POSTGRES_REPLICATION_ROLE", "Primary"},
                        {"POSTGRESQL_REPLICATION_MODE", "master"}}}) {
            auto settings = read_replica_settings(Environment(variables));
            REQUIRE(settings.has_value());
            CHECK_FALSE(settings->has_value());
        }
    }

    TEST_CASE("a replica with defaults") {
        const auto settings = replica_of(replica_env());
        CHECK(settings.primary_host == "db.example");
        CHECK(settings.primary_port == 5432);
        CHECK(settings.user == "replicator");
        CHECK(settings.password == "s3cret");
        CHECK(settings.slot == "replica1");
        CHECK(settings.wait_timeout == std::chrono::milliseconds(300000));
        CHECK(settings.primary_address() == "db.example:5432");
    }

    TEST_CASE("our variables") {
        const auto settings = replica_of(replica_env({{"POSTGRES_PRIMARY_PORT", "6543"},
                                                      {"POSTGRES_REPLICATION_USER", "repl"},
                                                      {"POSTGRES_REPLICATION_SLOT", "east_2"}}));
        CHECK(settings.primary_port == 6543);
        CHECK(settings.user == "repl");
        CHECK(settings.slot == "east_2");
    }

    TEST_CASE("Bitnami's variables alone") {
        ScratchDir scratch;
        const auto file = scratch.file("pw", "from file\n");
        const auto settings = replica_of({{"POSTGRESQL_REPLICATION_MODE", "slave"},
                                          {"POSTGRESQL_MASTER_HOST", "master.local"},
                                          {"POSTGRESQL_MASTER_PORT_NUMBER", "5433"},
                                          {"POSTGRESQL_REPLICATION_USER", "rep"},
                                          {"POSTGRESQL_REPLICATION_PASSWORD_FILE", file}});
        CHECK(settings.primary_host == "master.local");
        CHECK(settings.primary_port == 5433);
        CHECK(settings.user == "rep");
        CHECK(settings.password == "from file");
    }

    TEST_CASE("an alias with the same value is accepted") {
        const auto settings =
            replica_of(replica_env({{"POSTGRESQL_REPLICATION_MODE", "slave"},
                                    {"POSTGRESQL_MASTER_HOST", "db.example"},
                                    {"POSTGRESQL_REPLICATION_PASSWORD", "s3cret"}}));
        CHECK(settings.primary_host == "db.example");
    }

    TEST_CASE("the password file of ours: one trailing newline stripped") {
        ScratchDir scratch;
        const auto file = scratch.file("pw", "a:b\\c\n\n");
        auto variables = replica_env();
        variables.erase("POSTGRES_REPLICATION_PASSWORD");
        variables["POSTGRES_REPLICATION_PASSWORD_FILE"] = file;
        CHECK(replica_of(variables).password == "a:b\\c\n");
    }

    TEST_CASE("bad role values name the variable") {
        CHECK(error_of({{"POSTGRES_REPLICATION_ROLE", "standby"}}) ==
              "POSTGRES_REPLICATION_ROLE: \"standby\" is not a replication role; use primary or "
              "replica");
        CHECK(error_of({{"POSTGRESQL_REPLICATION_MODE", "replica"}}) ==
              "POSTGRESQL_REPLICATION_MODE: \"replica\" is not a replication mode; use master or "
              "slave");
        CHECK(error_of({{"POSTGRES_REPLICATION_ROLE", "replica"},
                        {"POSTGRESQL_REPLICATION_MODE", "master"}}) ==
              "POSTGRES_REPLICATION_ROLE, POSTGRESQL_REPLICATION_MODE: they disagree (replica "
              "and master); set only one of them");
    }

    TEST_CASE("missing host or password") {
        auto no_host = replica_env();
        no_host.erase("POSTGRES_PRIMARY_HOST");
        CHECK(error_of(no_host) ==
              "POSTGRES_PRIMARY_HOST: not set; a replica (POSTGRES_REPLICATION_ROLE=replica) "
              "needs the host name or address of its primary");
        auto no_password = replica_env({{"POSTGRES_REPLICATION_USER", "repl"}});
        no_password.erase("POSTGRES_REPLICATION_PASSWORD");
        CHECK(error_of(no_password) ==
              "POSTGRES_REPLICATION_PASSWORD: not set; a replica needs the password of the "
              "replication role 'repl' (POSTGRES_REPLICATION_PASSWORD or "
              "POSTGRES_REPLICATION_PASSWORD_FILE)");
    }

    TEST_CASE("pairs with different values are refused; passwords are not shown") {
        CHECK(error_of(replica_env({{"POSTGRESQL_MASTER_HOST", "other"}})) ==
              "POSTGRES_PRIMARY_HOST, POSTGRESQL_MASTER_HOST: both are set, to different values "
              "('db.example' and 'other'); set only one of them");
        CHECK(error_of(replica_env({{"POSTGRESQL_REPLICATION_PASSWORD", "other"}})) ==
              "POSTGRES_REPLICATION_PASSWORD, POSTGRESQL_REPLICATION_PASSWORD: both are set "
              "(directly or through _FILE), to different values; set only one of them");
        CHECK(error_of(replica_env({{"POSTGRES_REPLICATION_PASSWORD_FILE", "/x"}})) ==
              "POSTGRES_REPLICATION_PASSWORD: both POSTGRES_REPLICATION_PASSWORD and "
              "POSTGRES_REPLICATION_PASSWORD_FILE are set (but are exclusive)");
    }

    TEST_CASE("bad port, slot and unreadable password file") {
        CHECK(error_of(replica_env({{"POSTGRES_PRIMARY_PORT", "70000"}})) ==
              "POSTGRES_PRIMARY_PORT: '70000' is not a TCP port; expected a number from 1 to "
              "65535");
        CHECK(error_of(replica_env({{"POSTGRES_REPLICATION_SLOT", "Replica-1"}})) ==
              "POSTGRES_REPLICATION_SLOT: 'Replica-1' is not a replication slot name; expected 1 "
              "to 63 of a-z, 0-9 and _");
        auto from_file = replica_env({{"POSTGRES_REPLICATION_PASSWORD_FILE", "/nonexistent/pw"}});
        from_file.erase("POSTGRES_REPLICATION_PASSWORD");
        CHECK(error_of(from_file) == "POSTGRES_REPLICATION_PASSWORD_FILE: cannot read secret "
                                     "file '/nonexistent/pw': No such file or directory");
    }

    TEST_CASE("the TLS of the connection to the primary") {
        CHECK(replica_of(replica_env()).sslmode.empty());
        const auto required = replica_of(replica_env({{"POSTGRES_PRIMARY_SSLMODE", "Require"}}));
        CHECK(required.sslmode == "require");
        CHECK(required.sslrootcert.empty());
        const auto verified = replica_of(replica_env({{"POSTGRES_PRIMARY_SSLMODE", "verify-full"},
                                                      {"POSTGRESQL_TLS_CA_FILE", "/t/ca.crt"}}));
        CHECK(verified.sslrootcert == "/t/ca.crt");
        CHECK(replica_of(replica_env({{"POSTGRES_PRIMARY_SSLMODE", "verify-ca"},
                                      {"POSTGRES_TLS_CA_FILE", "/t/ca.crt"},
                                      {"POSTGRES_PRIMARY_SSLROOTCERT", "/p/ca.crt"}}))
                  .sslrootcert == "/p/ca.crt");
        CHECK(error_of(replica_env({{"POSTGRES_PRIMARY_SSLMODE", "strict"}})) ==
              "POSTGRES_PRIMARY_SSLMODE: 'strict' is not an sslmode; use disable, allow, prefer, "
              "require, verify-ca or verify-full");
        CHECK(error_of(replica_env({{"POSTGRES_PRIMARY_SSLMODE", "verify-full"}})) ==
              "POSTGRES_PRIMARY_SSLMODE: verify-full checks the primary's certificate against a "
              "CA; set POSTGRES_PRIMARY_SSLROOTCERT (or POSTGRES_TLS_CA_FILE) to its file");
    }
}
