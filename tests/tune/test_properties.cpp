// Properties of the tuner over the whole input grid the issue names: memory 256 MiB .. 1 TiB,
// CPUs 1 .. 128, every profile, storage and major 13-18.
#include <array>

#include <doctest/doctest.h>

#include "tune/tuner.hpp"
#include "tune_fixtures.hpp"

namespace pgfit::tune {

namespace {

using testing::container;
using testing::numeric_value;

constexpr std::array<std::uint64_t, 17> k_memory_mib{256,   512,   768,    1024,   1280,   1536,
                                                     2048,  3072,  4096,   6144,   8192,   16384,
                                                     32768, 65536, 131072, 262144, 1048576};
constexpr std::array<unsigned, 10> k_cpus{1, 2, 3, 4, 6, 8, 16, 32, 64, 128};
constexpr std::array<unsigned, 6> k_majors{13, 14, 15, 16, 17, 18};

template <typename Check>
void for_grid(Check check) {
    for (const auto major : k_majors) {
        for (const auto profile : k_profiles) {
            for (const auto storage : k_storages) {
                // Storage only sets two cost constants; one major covers its combinations.
                if (storage != Storage::ssd && major != 15) {
                    continue;
                }
                for (const auto cpus : k_cpus) {
                    for (const auto mib : k_memory_mib) {
                        auto inputs = container(Bytes::mib(mib), cpus, profile, major);
                        inputs.storage.value = storage;
                        check(inputs);
                    }
                }
            }
        }
    }
}

std::string describe(const Inputs& inputs) {
    return fmt::format("{} MiB, {} CPUs, {}, {}, PostgreSQL {}", inputs.memory.value.count >> 20,
                       inputs.cpus.value, to_string(inputs.profile.value),
                       to_string(inputs.storage.value), inputs.pg_major.value);
}

} // namespace

TEST_SUITE("tune::make_plan properties") {

    TEST_CASE("from 512 MiB up every profile fits, and a plan that fits has its worst case within "
              "limit minus headroom") {
        for_grid([](const Inputs& inputs) {
            const auto plan = make_plan(inputs);
            const auto& b = plan.budget;
            CAPTURE(describe(inputs));
            CHECK(b.worst_case.count ==
                  b.shared.count + b.processes.count + b.query.count + b.maintenance.count);
            if (inputs.memory.value >= Bytes::mib(512)) {
                CHECK(b.fits);
            }
            if (b.fits) {
                CHECK(b.worst_case.count <= b.limit.count - b.headroom.count);
            } else {
                CHECK(!plan.warnings.empty());
            }
        });
    }

    TEST_CASE("replication and no preloads fit from 512 MiB up too") {
        for (const auto mib : {512, 768, 1024, 1536, 2048, 4096}) {
            for (const auto cpus : k_cpus) {
                for (const auto profile : k_profiles) {
                    auto inputs = container(Bytes::mib(mib), cpus, profile);
                    inputs.replication =
                        sourced(true, OriginKind::env, "POSTGRES_REPLICATION_ROLE");
                    CAPTURE(describe(inputs));
                    CHECK(make_plan(inputs).budget.fits);
                    inputs.preload_libraries.value.clear();
                    CHECK(make_plan(inputs).budget.fits);
                }
            }
        }
    }

    TEST_CASE("every numeric value is within the bounds PostgreSQL declares for it") {
        for_grid([](const Inputs& inputs) {
            const auto plan = make_plan(inputs);
            const auto catalog = builtin_catalog(inputs.pg_major.value);
            for (const auto& setting : plan.settings) {
                const auto* known = find_known_guc(setting.name);
                if (known == nullptr ||
                    (known->type != GucType::integer && known->type != GucType::real)) {
                    continue;
                }
                CAPTURE(describe(inputs));
                CAPTURE(setting.name);
                CAPTURE(setting.value);
                const double value = numeric_value(plan, setting.name);
                CHECK(value >= known->min);
                CHECK(value <= known->max);
                if (known->type == GucType::integer) {
                    CHECK(value == std::floor(value));
                }
            }
            CHECK(plan.warnings.size() == (plan.budget.fits ? 0U : 1U));
        });
    }

    TEST_CASE("shared_buffers and work_mem never decrease as memory grows") {
        for_grid([](const Inputs& inputs) {
            if (inputs.memory.value == Bytes::mib(k_memory_mib.front())) {
                return;
            }
            auto smaller = inputs;
            const auto* it = std::find(k_memory_mib.begin(), k_memory_mib.end(),
                                       inputs.memory.value.count >> 20);
            smaller.memory.value = Bytes::mib(*(it - 1));
            const auto plan = make_plan(inputs);
            const auto before = make_plan(smaller);
            CAPTURE(describe(inputs));
            CHECK(numeric_value(plan, "shared_buffers") >= numeric_value(before, "shared_buffers"));
            CHECK(numeric_value(plan, "work_mem") >= numeric_value(before, "work_mem"));
        });
    }

    TEST_CASE("parallel settings never decrease as CPUs grow, none on 1 CPU") {
        for_grid([](const Inputs& inputs) {
            const auto plan = make_plan(inputs);
            CAPTURE(describe(inputs));
            if (inputs.cpus.value == 1) {
                CHECK(numeric_value(plan, "max_parallel_workers") == 0);
                CHECK(numeric_value(plan, "max_parallel_workers_per_gather") == 0);
                CHECK(numeric_value(plan, "max_parallel_maintenance_workers") == 0);
                return;
            }
            auto fewer = inputs;
            fewer.cpus.value = *(std::find(k_cpus.begin(), k_cpus.end(), inputs.cpus.value) - 1);
            const auto before = make_plan(fewer);
            for (const auto* name : {"max_parallel_workers", "max_parallel_workers_per_gather",
                                     "max_parallel_maintenance_workers", "max_worker_processes"}) {
                CAPTURE(name);
                CHECK(numeric_value(plan, name) >= numeric_value(before, name));
            }
        });
    }

    TEST_CASE("the same inputs always give the same plan") {
        for_grid([](const Inputs& inputs) {
            const auto first = make_plan(inputs);
            const auto second = make_plan(inputs);
            CHECK(first.settings == second.settings);
            CHECK(first.budget == second.budget);
            CHECK(first.warnings == second.warnings);
        });
    }

    TEST_CASE("io_method and io_workers appear on PostgreSQL 18 only, never io_uring") {
        for_grid([](const Inputs& inputs) {
            const auto plan = make_plan(inputs);
            const bool has =
                plan.find("io_method") != nullptr && plan.find("io_workers") != nullptr;
            CHECK(has == (inputs.pg_major.value >= 18));
            if (has) {
                CHECK(plan.find("io_method")->value == "worker");
            }
        });
    }
}

} // namespace pgfit::tune
