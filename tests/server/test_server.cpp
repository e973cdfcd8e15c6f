// Against the real PostgreSQL server installed on this machine.
#include <cstdlib>
#include <filesystem>

#include <doctest/doctest.h>

#include "server/server.hpp"
#include "supervise/supervise_test_support.hpp"
#include "support/scratch_dir.hpp"
#include "util/file.hpp"

namespace pgfit::server {

namespace {

std::string scratch_dir() {
    char pattern[] = "/tmp/pgfit-test-server.XXXXXX";
    const char* made = mkdtemp(pattern);
    REQUIRE(made != nullptr);
    return made;
}

} // namespace

TEST_SUITE("server::server") {

    TEST_CASE("the major version is read from postgres --version output") {
        CHECK(parse_postgres_version("postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n") ==
              15U);
        CHECK(parse_postgres_version("postgres (PostgreSQL) 18beta1\n") == 18U);
        CHECK_FALSE(parse_postgres_version("bash: postgres: not found").has_value());
    }

    TEST_CASE("the real server's catalog is read once, then served from the cache keyed by the "
              "binary") {
        const auto found = find_postgres_binary(Environment::from_process());
        if (!found) {
            MESSAGE("no PostgreSQL server installed; skipped");
            return;
        }
        const std::string binary = *found;
        const std::string cache = scratch_dir();
        std::vector<std::string> notes;
        const supervise::testing::SignalsBlocked blocked;
        auto supervisor = supervise::testing::make_supervisor(blocked);
        const auto catalog = server_catalog(supervisor, binary, cache, notes);
        REQUIRE(catalog.has_value());
        CHECK(catalog->at("work_mem").min == 64);
        CHECK(catalog->contains("shared_buffers"));
        CHECK_FALSE(catalog->contains("vacuum_cost_limit")); // the server's, not one pgfit emits
        const auto cached = read_file(cache + "/describe-config");
        REQUIRE(cached.has_value());
        CHECK(cached->find("shared_buffers") != std::string::npos);
        CHECK(cached->find("vacuum_cost_limit") == std::string::npos);

        // A cache whose key matches is believed: this one lists a single setting.
        const auto key = cached->substr(0, cached->find('\n'));
        REQUIRE(write_file_atomic(cache + "/describe-config",
                                  key + "\nwork_mem\tuser\tx\tINTEGER\t0\t64\t100\td\t\n", 0644)
                    .has_value());
        CHECK(server_catalog(supervisor, binary, cache, notes)->size() == 1);
        // A key that does not match (another binary, or this one changed) is a miss.
        REQUIRE(write_file_atomic(
                    cache + "/describe-config",
                    "describe-config other\nwork_mem\tuser\tx\tINTEGER\t0\t64\t100\td\t\n", 0644)
                    .has_value());
        CHECK(server_catalog(supervisor, binary, cache, notes) == catalog);
        CHECK(notes.empty());

        std::vector<std::string> version_notes;
        CHECK(postgres_major(supervisor, binary, cache, version_notes).has_value());
        const auto libraries =
            available_libraries(server_pkglibdir(supervisor, binary, Environment::from_process()),
                                {"pg_stat_statements", "no_such_lib"});
        CHECK(libraries == std::vector<std::string>{"pg_stat_statements"});
        std::system(("rm -rf " + cache).c_str());
    }
}

TEST_SUITE("server::find_postgres_binary") {
    TEST_CASE("postgres on PATH first, else the newest major under the root") {
        test::ScratchDir scratch;
        const auto at = [&](const std::string& name) { return scratch.path + "/" + name; };
        for (const char* major : {"9.6", "13", "15", "16"}) {
            std::filesystem::create_directories(at(major) + "/bin");
        }
        for (const char* major : {"9.6", "13", "15"}) {
            REQUIRE(write_file_atomic(at(major) + "/bin/postgres", "#!/bin/sh\n", 0755));
        }
        // 16 has no postgres program (only client tools): not a candidate.
        Environment no_postgres;
        no_postgres.set("PATH", scratch.path);
        CHECK(find_postgres_binary(no_postgres, scratch.path).value() ==
              at("15") + "/bin/postgres");

        Environment on_path;
        on_path.set("PATH", at("13") + "/bin");
        CHECK(find_postgres_binary(on_path, scratch.path).value() == at("13") + "/bin/postgres");

        const auto missing = find_postgres_binary(no_postgres, "/nonexistent");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().kind == ErrorKind::not_found);
        CHECK(missing.error().message ==
              fmt::format("cannot find the postgres program: not in PATH '{}' nor in "
                          "/nonexistent/*/bin",
                          scratch.path));
    }

    // `pgfit plan` (config/planner) and the container start (cli/run_server) had a lookup each;
    // the plan's took a link on PATH as it was and skipped 9.6-style directories.
    TEST_CASE("a postgres linked on PATH is followed to its installation, and 9.6 is a major") {
        test::ScratchDir scratch;
        const auto real = scratch.file("postgresql/9.6/bin/postgres", "#!/bin/sh\n");
        std::filesystem::permissions(real, std::filesystem::perms::owner_all);
        std::filesystem::create_symlink(real, scratch.dir("links") + "/postgres");
        Environment linked;
        linked.set("PATH", scratch.path + "/links");
        CHECK(find_postgres_binary(linked, scratch.path + "/postgresql").value() == real);

        Environment empty_path;
        empty_path.set("PATH", scratch.dir("empty"));
        CHECK(find_postgres_binary(empty_path, scratch.path + "/postgresql").value() == real);
    }
}

} // namespace pgfit::server
