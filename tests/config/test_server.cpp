// Against the real PostgreSQL server installed on this machine.
#include <cstdlib>

#include <doctest/doctest.h>

#include "config/server.hpp"
#include "util/file.hpp"

namespace pgfit::config {

namespace {

std::string scratch_dir() {
    char pattern[] = "/tmp/pgfit-test-server.XXXXXX";
    const char* made = mkdtemp(pattern);
    REQUIRE(made != nullptr);
    return made;
}

} // namespace

TEST_SUITE("config::server") {

    TEST_CASE("the major version is read from postgres --version output") {
        CHECK(parse_postgres_version("postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n") ==
              15U);
        CHECK(parse_postgres_version("postgres (PostgreSQL) 18beta1\n") == 18U);
        CHECK_FALSE(parse_postgres_version("bash: postgres: not found").has_value());
    }

    TEST_CASE("the real server's catalog is read once, then served from the cache keyed by the "
              "binary") {
        const std::string binary = find_postgres_binary(Environment::from_process());
        if (binary.empty()) {
            MESSAGE("no PostgreSQL server installed; skipped");
            return;
        }
        const std::string cache = scratch_dir();
        std::vector<std::string> notes;
        const auto catalog = server_catalog(binary, cache, notes);
        REQUIRE(catalog.has_value());
        CHECK(catalog->at("work_mem").min == 64);
        CHECK(catalog->contains("shared_buffers"));
        const auto cached = read_file(cache + "/describe-config");
        REQUIRE(cached.has_value());

        // A cache whose key matches is believed: this one lists a single setting.
        const auto key = cached->substr(0, cached->find('\n'));
        REQUIRE(write_file_atomic(cache + "/describe-config",
                                  key + "\nwork_mem\tuser\tx\tINTEGER\t0\t64\t100\td\t\n", 0644)
                    .has_value());
        CHECK(server_catalog(binary, cache, notes)->size() == 1);
        // A key that does not match (another binary, or this one changed) is a miss.
        REQUIRE(write_file_atomic(
                    cache + "/describe-config",
                    "describe-config other\nwork_mem\tuser\tx\tINTEGER\t0\t64\t100\td\t\n", 0644)
                    .has_value());
        CHECK(server_catalog(binary, cache, notes)->size() > 100);
        CHECK(notes.empty());

        std::vector<std::string> version_notes;
        CHECK(postgres_major(binary, cache, version_notes).has_value());
        const auto libraries =
            available_libraries(server_pkglibdir(binary, Environment::from_process()),
                                {"pg_stat_statements", "no_such_lib"});
        CHECK(libraries == std::vector<std::string>{"pg_stat_statements"});
        std::system(("rm -rf " + cache).c_str());
    }
}

} // namespace pgfit::config
