#include <doctest/doctest.h>

#include "initdb/hba.hpp"

using namespace pgfit::initdb;

TEST_SUITE("initdb::hba") {
    TEST_CASE("the official catch-all line") {
        CHECK(*render_hba_lines("scram-sha-256", std::nullopt) ==
              "\nhost all all all scram-sha-256\n");
        CHECK(*render_hba_lines("md5", std::nullopt) == "\nhost all all all md5\n");
    }

    TEST_CASE("trust gets the official warning comments") {
        CHECK(*render_hba_lines("trust", std::nullopt) ==
              "\n# warning trust is enabled for all connections\n"
              "# see https://www.postgresql.org/docs/current/auth-trust.html\n"
              "host all all all trust\n");
    }

    TEST_CASE("the replication line comes before the catch-all, the role quoted") {
        CHECK(*render_hba_lines("scram-sha-256", ReplicationAccess{"replicator", "samenet"}) ==
              "\nhost replication \"replicator\" samenet scram-sha-256\n"
              "host all all all scram-sha-256\n");
        CHECK(*render_hba_lines("md5", ReplicationAccess{"my \"repl\"", "10.0.0.0/8"}) ==
              "\nhost replication \"my \"\"repl\"\"\" 10.0.0.0/8 scram-sha-256\n"
              "host all all all md5\n");
    }

    TEST_CASE("a network that is not one token is refused") {
        auto lines = render_hba_lines("md5", ReplicationAccess{"r", "10.0.0.0/8 trust"});
        REQUIRE_FALSE(lines.has_value());
        CHECK(lines.error().to_string() ==
              "POSTGRES_REPLICATION_NETWORK: '10.0.0.0/8 trust' is not one pg_hba.conf address; "
              "expected samenet, samehost, all, a CIDR such as 10.0.0.0/8 or a host name");
    }
}
