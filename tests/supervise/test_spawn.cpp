#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>

#include <doctest/doctest.h>

#include "supervise/spawn.hpp"
#include "supervise_test_support.hpp"

using namespace pgfit;
using namespace pgfit::supervise;
using namespace pgfit::supervise::testing;

namespace {

void make_file(const std::string& path, mode_t mode) {
    REQUIRE(write_file_atomic(path, "#!/bin/sh\nexit 0\n", mode));
    ::chmod(path.c_str(), mode); // atomic write may be subject to umask
}

Environment with_path(const std::string& path) {
    Environment environment;
    environment.set("PATH", path);
    return environment;
}

} // namespace

TEST_SUITE("supervise::resolve_command") {
    TEST_CASE("a name with a slash is taken as is, exec decides") {
        const auto resolved = resolve_command("./nowhere/tool", with_path("/bin"));
        CHECK(resolved.path == "./nowhere/tool");
        CHECK(resolved.error == 0);
    }

    TEST_CASE("the first executable regular file in the child's PATH wins") {
        ScratchDirectory scratch;
        std::filesystem::create_directories(scratch.file("a/tool")); // a directory: skipped
        std::filesystem::create_directories(scratch.file("b"));
        std::filesystem::create_directories(scratch.file("c"));
        make_file(scratch.file("b/tool"), 0644); // not executable: remembered, skipped
        make_file(scratch.file("c/tool"), 0755);
        const auto path = scratch.file("a") + ":" + scratch.file("b") + ":" + scratch.file("c");
        const auto resolved = resolve_command("tool", with_path(path));
        CHECK(resolved.path == scratch.file("c/tool"));
        CHECK(resolved.error == 0);
    }

    TEST_CASE("only non-executable matches: EACCES on the first of them") {
        ScratchDirectory scratch;
        make_file(scratch.file("tool"), 0644);
        if (::geteuid() == 0) {
            // root may execute a file with any x bit; with none it is refused like anyone.
            CHECK(::access(scratch.file("tool").c_str(), X_OK) != 0);
        }
        const auto resolved = resolve_command("tool", with_path(scratch.path()));
        CHECK(resolved.path == scratch.file("tool"));
        CHECK(resolved.error == EACCES);
    }

    TEST_CASE("nothing found: ENOENT and no path") {
        const auto resolved = resolve_command("pgfit-no-such-tool", with_path("/bin:/usr/bin"));
        CHECK(resolved.path.empty());
        CHECK(resolved.error == ENOENT);
        CHECK(resolve_command("", with_path("/bin")).error == ENOENT);
    }

    TEST_CASE("without PATH in the child's environment, docker's default PATH is searched") {
        const auto resolved = resolve_command("sh", Environment{});
        CHECK((resolved.path == "/usr/bin/sh" || resolved.path == "/bin/sh"));
    }

    TEST_CASE("exec errors map to shell exit codes") {
        CHECK(exit_code_for_exec_error(ENOENT) == 127);
        CHECK(exit_code_for_exec_error(ENOTDIR) == 127);
        CHECK(exit_code_for_exec_error(EACCES) == 126);
        CHECK(exit_code_for_exec_error(E2BIG) == 126);
    }
}
