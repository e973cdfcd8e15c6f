#include <doctest/doctest.h>

#include "detect/report.hpp"

using namespace pgfit;
using namespace pgfit::detect;

namespace {

Resources limited_v2() {
    Resources resources;
    resources.memory = sourced(Bytes::mib(512), OriginKind::detected, "/sys/fs/cgroup/memory.high");
    resources.host_memory = Bytes::gib(16);
    resources.memory_max =
        sourced(Bytes::gib(1), OriginKind::detected, "/sys/fs/cgroup/memory.max");
    resources.memory_high = resources.memory;
    resources.cpu_limit = 1.5;
    resources.cpus = sourced(2U, OriginKind::detected, "/sys/fs/cgroup/cpu.max");
    resources.affinity_cpus = 8;
    resources.cgroup = CgroupLayout::v2;
    resources.memory_cgroup = CgroupVersion::v2;
    resources.cpu_cgroup = CgroupVersion::v2;
    resources.shm = Bytes::mib(64);
    resources.notes = {"a \"quoted\" note"};
    return resources;
}

} // namespace

TEST_SUITE("detect::report") {
    TEST_CASE("source names: override, host, or the file") {
        CHECK(source_name(Origin{OriginKind::env, "POSTGRES_MEMORY"}) == "override");
        CHECK(source_name(Origin{OriginKind::host, "host"}) == "host");
        CHECK(source_name(Origin{OriginKind::detected, "/sys/fs/cgroup/memory.max"}) ==
              "/sys/fs/cgroup/memory.max");
    }

    TEST_CASE("JSON has every key in a stable order") {
        CHECK(to_json(limited_v2()) == R"({
  "memory_bytes": 536870912,
  "memory_source": "/sys/fs/cgroup/memory.high",
  "memory_max_bytes": 1073741824,
  "memory_high_bytes": 536870912,
  "host_memory_bytes": 17179869184,
  "cpu_limit": 1.5,
  "cpus": 2,
  "cpu_source": "/sys/fs/cgroup/cpu.max",
  "affinity_cpus": 8,
  "cgroup": "v2",
  "memory_cgroup": "v2",
  "cpu_cgroup": "v2",
  "shm_bytes": 67108864,
  "huge_pages_available": false,
  "notes": [
    "a \"quoted\" note"
  ]
}
)");
    }

    TEST_CASE("JSON without cgroup: nulls and the host") {
        Resources resources;
        resources.host_memory = Bytes::gib(2);
        resources.memory = sourced(resources.host_memory, OriginKind::host, "host");
        resources.cpus = sourced(1U, OriginKind::host, "host");
        CHECK(to_json(resources) == R"({
  "memory_bytes": 2147483648,
  "memory_source": "host",
  "memory_max_bytes": null,
  "memory_high_bytes": null,
  "host_memory_bytes": 2147483648,
  "cpu_limit": null,
  "cpus": 1,
  "cpu_source": "host",
  "affinity_cpus": 1,
  "cgroup": "none",
  "memory_cgroup": null,
  "cpu_cgroup": null,
  "shm_bytes": null,
  "huge_pages_available": false,
  "notes": []
}
)");
    }

    TEST_CASE("the table aligns values and sources, then lists the notes") {
        auto resources = limited_v2();
        resources.cpus = sourced(2U, OriginKind::env, "POSTGRES_CPUS");
        resources.huge_pages_available = true;
        CHECK(to_table(resources) ==
              "memory        512 MiB (536870912 bytes)   /sys/fs/cgroup/memory.high\n"
              "memory limit  1 GiB (1073741824 bytes)    /sys/fs/cgroup/memory.max\n"
              "memory.high   512 MiB (536870912 bytes)   /sys/fs/cgroup/memory.high\n"
              "host memory   16 GiB (17179869184 bytes)  /proc/meminfo MemTotal\n"
              "cpus          2                           POSTGRES_CPUS (override)\n"
              "cpu limit     1.5                         POSTGRES_CPUS (override)\n"
              "cpu affinity  8 CPUs\n"
              "cgroup        v2 (memory: v2, cpu: v2)\n"
              "/dev/shm      64 MiB (67108864 bytes)\n"
              "huge pages    available\n"
              "notes:\n"
              "  - a \"quoted\" note\n");
    }
}
