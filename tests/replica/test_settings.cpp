#include <algorithm>

#include <doctest/doctest.h>

#include "replica/clone.hpp"
#include "replica/settings.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::replica;
using pgfit::test::ScratchDir;

TEST_SUITE("replica::primary_conninfo") {
    TEST_CASE("every value is quoted for libpq, and no password is in it") {
        ReplicaSettings settings;
        settings.primary_host = "db-1";
        settings.primary_port = 5433;
        settings.user = R"(o'rep\l)";
        settings.password = "secret";
        CHECK(primary_conninfo(settings, "/data/it's.pgpass") ==
              R"(host='db-1' port=5433 user='o\'rep\\l' passfile='/data/it\'s.pgpass' )"
              R"(application_name='replica1')");
    }

    TEST_CASE("sslmode and sslrootcert when set") {
        ReplicaSettings settings;
        settings.primary_host = "db-1";
        settings.sslmode = "verify-full";
        settings.sslrootcert = "/tls/ca.crt";
        CHECK(primary_conninfo(settings, "/p") ==
              "host='db-1' port=5432 user='replicator' passfile='/p' application_name='replica1' "
              "sslmode='verify-full' sslrootcert='/tls/ca.crt'");
    }
}

TEST_SUITE("replica::passfile_line") {
    TEST_CASE("colons and backslashes are escaped in every field") {
        ReplicaSettings settings;
        settings.primary_host = "fe80::1";
        settings.primary_port = 5433;
        settings.user = "rep:l";
        settings.password = R"(p:a\ss w"rd)";
        const auto line = passfile_line(settings);
        REQUIRE(line.has_value());
        CHECK(*line == "fe80\\:\\:1:5433:replication:rep\\:l:p\\:a\\\\ss w\"rd\n");
        CHECK(settings.primary_address() == "[fe80::1]:5433");
    }

    TEST_CASE("a line break cannot be written") {
        ReplicaSettings settings;
        settings.primary_host = "db";
        settings.password = "two\nlines";
        const auto line = passfile_line(settings);
        REQUIRE_FALSE(line.has_value());
        CHECK(line.error().to_string() == "POSTGRES_REPLICATION_PASSWORD: contains a line break, "
                                          "which a libpq password file cannot hold");
    }

    TEST_CASE("the password file is private and replaced on every write") {
        ScratchDir scratch;
        ReplicaSettings settings;
        settings.primary_host = "db";
        settings.password = "old";
        REQUIRE(write_passfile(scratch.path, settings).has_value());
        settings.password = "new";
        const auto path = write_passfile(scratch.path, settings);
        REQUIRE(path.has_value());
        CHECK(*path == scratch.path + "/pgfit-replication.pgpass");
        CHECK(read_file(*path).value() == "db:5432:replication:replicator:new\n");
        CHECK((std::filesystem::status(*path).permissions() & std::filesystem::perms::all) ==
              (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    }
}

TEST_SUITE("replica::clone markers and leftovers") {
    TEST_CASE("only a marker with the pg_basebackup source line is a clone") {
        CHECK(is_clone_marker("state=in-progress\nsource=pg_basebackup\nprimary=db:5432\n"));
        CHECK_FALSE(is_clone_marker("state=in-progress\nstarted=x\npgfit=0.1\n"));
        CHECK_FALSE(is_clone_marker("state=in-progress\nsource=pg_basebackup-ish\n"));
    }

    TEST_CASE("leftovers go; marker, password file, lost+found and move-asides stay") {
        ScratchDir scratch;
        scratch.file("pgfit-init.state", "state=in-progress\nsource=pg_basebackup\n");
        scratch.file("pgfit-replication.pgpass", "x");
        scratch.file("PG_VERSION", "15\n");
        scratch.file("base/1/123", "data");
        scratch.file("pgfit-clone.tmp/global/pg_control", "x");
        scratch.dir("lost+found");
        scratch.dir("pgfit-incomplete-20260101T000000Z");
        REQUIRE(remove_clone_leftovers(scratch.path).has_value());
        std::vector<std::string> left;
        for (const auto& entry : std::filesystem::directory_iterator(scratch.path)) {
            left.push_back(entry.path().filename().string());
        }
        std::sort(left.begin(), left.end());
        CHECK(left == std::vector<std::string>{"lost+found", "pgfit-incomplete-20260101T000000Z",
                                               "pgfit-init.state", "pgfit-replication.pgpass"});
    }
}
