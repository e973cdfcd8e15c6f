#include <doctest/doctest.h>

#include "initdb/initdb.hpp"
#include "initdb/template_cluster.hpp"

using namespace pgfit;
using namespace pgfit::initdb;

TEST_SUITE("initdb::template_recipe") {

    TEST_CASE("the initdb binary, its words, the locale and time zone variables, /etc/localtime") {
        const Environment environment({{"LANG", "en_US.utf8"},
                                       {"HOME", "/var/lib/postgresql"},
                                       {"PGDATA", "/data"},
                                       {"LC_COLLATE", "C"},
                                       {"TZ", "UTC"},
                                       {"POSTGRES_DB", "app"}});
        CHECK(template_recipe("/usr/lib/postgresql/18/bin/initdb", {"--no-sync", "-E", "UTF8"},
                              environment, "link /usr/share/zoneinfo/Etc/UTC") ==
              "initdb /usr/lib/postgresql/18/bin/initdb\n"
              "word --no-sync\n"
              "word -E\n"
              "word UTF8\n"
              "env LANG=en_US.utf8\n"
              "env LC_COLLATE=C\n"
              "env TZ=UTC\n"
              "localtime link /usr/share/zoneinfo/Etc/UTC\n");
    }

    TEST_CASE("the superuser and its password are not among initdb's words") {
        config::BootstrapSettings alice;
        alice.user = "alice";
        alice.password = "secret";
        config::BootstrapSettings postgres;
        postgres.user = "postgres";
        CHECK(initdb_options(alice, 18).words == initdb_options(postgres, 18).words);
        CHECK(initdb_options(postgres, 18).words ==
              std::vector<std::string>{"--no-instructions", "--no-sync", "--data-checksums"});
    }

    TEST_CASE("POSTGRES_INITDB_ARGS, the WAL directory and the checksum choice are") {
        config::BootstrapSettings plain;
        config::BootstrapSettings other = plain;
        other.initdb_args = {"--locale=C"};
        CHECK(initdb_options(plain, 18).words != initdb_options(other, 18).words);
        other = plain;
        other.waldir = "/wal";
        CHECK(initdb_options(plain, 18).words != initdb_options(other, 18).words);
        other = plain;
        other.data_checksums = false;
        CHECK(initdb_options(plain, 18).words != initdb_options(other, 18).words);
    }
}
