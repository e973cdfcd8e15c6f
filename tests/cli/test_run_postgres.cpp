#include <doctest/doctest.h>

#include "cli/run_postgres.hpp"
#include "supervise/supervise_test_support.hpp"

using namespace pgfit;
using namespace pgfit::cli;
using namespace pgfit::supervise::testing;

TEST_SUITE("cli::run_postgres") {
    TEST_CASE("postgres on PATH first, else the newest major under the root") {
        ScratchDirectory scratch;
        for (const char* major : {"9.6", "13", "15", "16"}) {
            std::filesystem::create_directories(scratch.file(major) + "/bin");
        }
        for (const char* major : {"9.6", "13", "15"}) {
            REQUIRE(write_file_atomic(scratch.file(major) + "/bin/postgres", "#!/bin/sh\n", 0755));
        }
        // 16 has no postgres program (only client tools): not a candidate.
        Environment no_postgres;
        no_postgres.set("PATH", scratch.path());
        CHECK(find_postgres_binary(no_postgres, scratch.path()).value() ==
              scratch.file("15") + "/bin/postgres");

        Environment on_path;
        on_path.set("PATH", scratch.file("13") + "/bin");
        CHECK(find_postgres_binary(on_path, scratch.path()).value() ==
              scratch.file("13") + "/bin/postgres");

        // A link on PATH leads to the installation's own directory.
        std::filesystem::create_directories(scratch.file("links"));
        std::filesystem::create_symlink(scratch.file("13") + "/bin/postgres",
                                        scratch.file("links/postgres"));
        Environment linked;
        linked.set("PATH", scratch.file("links"));
        CHECK(find_postgres_binary(linked, scratch.path()).value() ==
              scratch.file("13") + "/bin/postgres");

        const auto missing = find_postgres_binary(no_postgres, "/nonexistent");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().kind == ErrorKind::not_found);
        CHECK(missing.error().message ==
              fmt::format("cannot find the postgres program: not in PATH '{}' nor in "
                          "/nonexistent/*/bin",
                          scratch.path()));
    }
}
