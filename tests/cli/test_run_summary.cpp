#include <doctest/doctest.h>

#include "cli/run_summary.hpp"

using namespace pgfit;
using namespace pgfit::cli;

TEST_SUITE("cli::run_summary") {
    TEST_CASE("resources with where each limit came from") {
        detect::Resources resources;
        resources.memory =
            sourced(Bytes::gib(4), OriginKind::detected, "memory.max at /sys/fs/cgroup/pg");
        resources.cpus = sourced(2U, OriginKind::detected, "cpu.max at /sys/fs/cgroup/pg");
        resources.cpu_limit = 1.5;
        resources.cgroup = detect::CgroupLayout::v2;
        resources.shm = Bytes::mib(64);
        CHECK(resources_line(resources) ==
              "resources: memory 4 GiB (memory.max at /sys/fs/cgroup/pg), 2 CPUs (cpu.max at "
              "/sys/fs/cgroup/pg), CPU limit 1.5, cgroup v2, /dev/shm 64 MiB");

        detect::Resources host;
        host.memory = sourced(Bytes::mib(1536), OriginKind::env, "POSTGRES_MEMORY");
        host.cpus = sourced(1U, OriginKind::host, "host");
        CHECK(resources_line(host) ==
              "resources: memory 1.5 GiB (POSTGRES_MEMORY), 1 CPU (host), cgroup none");
    }

    TEST_CASE("settings passed, and those left to the operator") {
        tune::Plan plan;
        plan.settings = {{"shared_buffers", "1GB", "r"}, {"max_connections", "40", "r"}};
        const settings::FilteredSettings filtered{
            {plan.settings[1]}, {{plan.settings[0], {"shared_buffers", "2GB", "x"}}}};
        CHECK(settings_line(true, filtered) ==
              "settings: 1 tuned passed as -c flags, 1 left to the operator's values");
        CHECK(settings_line(true, {plan.settings, {}}) == "settings: 2 tuned passed as -c flags");
    }

    TEST_CASE("autoconfig skipped") {
        CHECK(settings_line(false, {}) ==
              "settings: none tuned (POSTGRES_SKIP_AUTOCONFIG=true); postgres keeps its own");
    }
}
