#include <doctest/doctest.h>

#include "detect/proc_cgroup.hpp"

using pgfit::detect::parse_proc_cgroup;

TEST_SUITE("detect::parse_proc_cgroup") {
    TEST_CASE("hybrid host: v1 controllers, named hierarchy ignored, v2 line last") {
        const auto parsed = parse_proc_cgroup("9:name=systemd:/\n"
                                              "8:pids:/\n"
                                              "4:memory:/ci-runner/c7a2\n"
                                              "2:cpuacct:/\n"
                                              "1:cpu:/\n"
                                              "0::/\n",
                                              "/proc/self/cgroup");
        CHECK(parsed.unified_path == "/");
        CHECK(parsed.controller_paths.at("memory") == "/ci-runner/c7a2");
        CHECK(parsed.controller_paths.at("cpu") == "/");
        CHECK(parsed.controller_paths.count("name=systemd") == 0);
        CHECK(parsed.controller_paths.size() == 4);
        CHECK(parsed.notes.empty());
    }

    TEST_CASE("combined controllers map to the same path") {
        const auto parsed = parse_proc_cgroup("11:cpu,cpuacct:/docker/6558\n", "cg");
        CHECK(parsed.controller_paths.at("cpu") == "/docker/6558");
        CHECK(parsed.controller_paths.at("cpuacct") == "/docker/6558");
        CHECK_FALSE(parsed.unified_path);
    }

    TEST_CASE("only the first two colons split: the path keeps its colons") {
        const auto parsed =
            parse_proc_cgroup("0::/kubepods-burstable-pod72e25f20.slice:cri-containerd:d24f9cc\n"
                              "4:memory:/app-dbus\\x2d:1.2\\x2dorg.gnome.Console.slice/a\n",
                              "cg");
        CHECK(parsed.unified_path ==
              "/kubepods-burstable-pod72e25f20.slice:cri-containerd:d24f9cc");
        CHECK(parsed.controller_paths.at("memory") ==
              "/app-dbus\\x2d:1.2\\x2dorg.gnome.Console.slice/a");
    }

    TEST_CASE("a path outside the namespace root is kept as written") {
        CHECK(parse_proc_cgroup("0::/../../fx_other", "cg").unified_path == "/../../fx_other");
    }

    TEST_CASE("malformed lines are skipped with a note naming the line") {
        const auto parsed = parse_proc_cgroup("garbage\n"
                                              "x:memory:/a\n"
                                              "4:memory:relative\n"
                                              "0:memory:/a\n"
                                              "\n"
                                              "3::/a\n"
                                              "1:cpu:/ok\r\n",
                                              "/proc/self/cgroup");
        CHECK(parsed.controller_paths.size() == 1);
        CHECK(parsed.controller_paths.at("cpu") == "/ok");
        CHECK_FALSE(parsed.unified_path);
        const std::vector<std::string> expected{
            "/proc/self/cgroup:1: not ID:CONTROLLERS:PATH; line skipped",
            "/proc/self/cgroup:2: the hierarchy ID is not a number; line skipped",
            "/proc/self/cgroup:3: the path is not absolute; line skipped",
            "/proc/self/cgroup:4: only hierarchy 0 may have no controllers; line skipped",
            "/proc/self/cgroup:6: only hierarchy 0 may have no controllers; line skipped",
        };
        CHECK(parsed.notes == expected);
    }

    TEST_CASE("empty text gives nothing") {
        const auto parsed = parse_proc_cgroup("", "cg");
        CHECK_FALSE(parsed.unified_path);
        CHECK(parsed.controller_paths.empty());
        CHECK(parsed.notes.empty());
    }
}
