#include <doctest/doctest.h>

#include "cli/run_summary.hpp"

using namespace pgfit;
using namespace pgfit::cli;

namespace {

detect::Resources resources() {
    detect::Resources resources;
    resources.memory =
        sourced(Bytes::gib(4), OriginKind::detected, "memory.max at /sys/fs/cgroup/pg");
    resources.cpus = sourced(2U, OriginKind::detected, "cpu.max at /sys/fs/cgroup/pg");
    resources.cpu_limit = 1.5;
    resources.cgroup = detect::CgroupLayout::v2;
    resources.shm = Bytes::mib(64);
    return resources;
}

} // namespace

TEST_SUITE("cli::run_summary") {
    TEST_CASE("resources with sources, settings, budget and clients") {
        tune::Plan plan;
        plan.settings = {{"shared_buffers", "1GB", "r"}, {"max_connections", "40", "r"}};
        plan.budget = {Bytes::gib(4),    Bytes::mib(410), Bytes::mib(1100), Bytes::mib(400),
                       Bytes::mib(1500), Bytes::mib(600), Bytes::mib(3600), true};
        FilteredSettings filtered{{plan.settings[1]},
                                  {{plan.settings[0], {"shared_buffers", "2GB", "x"}}}};
        CHECK(summary_lines(resources(), plan, filtered) ==
              std::vector<std::string>{
                  "resources: memory 4 GiB (memory.max at /sys/fs/cgroup/pg), 2 CPUs (cpu.max at "
                  "/sys/fs/cgroup/pg), CPU limit 1.5, cgroup v2, /dev/shm 64 MiB",
                  "settings: 1 tuned passed as -c flags, 1 left to the operator's values",
                  "budget: worst case 3.5 GiB of 3.6 GiB usable (limit 4 GiB - headroom 410 MiB: "
                  "shared 1.1 GiB, processes 400 MiB, queries 1.5 GiB, maintenance 600 MiB)",
                  "clients that fit: max_connections=40",
              });
    }

    TEST_CASE("autoconfig skipped: resources and a line saying so") {
        CHECK(summary_lines(resources(), std::nullopt, {}) ==
              std::vector<std::string>{
                  "resources: memory 4 GiB (memory.max at /sys/fs/cgroup/pg), 2 CPUs (cpu.max at "
                  "/sys/fs/cgroup/pg), CPU limit 1.5, cgroup v2, /dev/shm 64 MiB",
                  "settings: none tuned (POSTGRES_SKIP_AUTOCONFIG=true); postgres keeps its own",
              });
    }

    TEST_CASE("a budget that does not fit says so") {
        tune::Plan plan;
        plan.settings = {{"work_mem", "64kB", "floor"}};
        plan.budget = {Bytes::mib(512), Bytes::mib(64), Bytes::mib(200), Bytes::mib(200),
                       Bytes::mib(200), Bytes::mib(64), Bytes::mib(664), false};
        const auto lines = summary_lines(resources(), plan, {plan.settings, {}});
        REQUIRE(lines.size() == 3);
        CHECK(lines[2].ends_with(" — does NOT fit"));
    }
}
