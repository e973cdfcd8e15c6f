// Documented points: each test name carries the reasoning the values follow from.
#include <doctest/doctest.h>

#include "tune/tuner.hpp"
#include "tune_fixtures.hpp"

namespace pgfit::tune {

namespace {

using testing::container;
using testing::value_of;

} // namespace

TEST_SUITE("tune::make_plan golden") {

    TEST_CASE("1 GiB / 2 CPUs mixed: 35 heavy sessions of 16 MiB fit next to 128MB shared_buffers, "
              "work_mem is Q_min/3 because up to that a heavy query costs Q_min anyway") {
        const auto plan = make_plan(container(Bytes::gib(1), 2));
        CHECK(value_of(plan, "max_connections") == "35");
        CHECK(plan.sessions_that_fit == 35);
        CHECK(value_of(plan, "shared_buffers") == "128MB");
        CHECK(value_of(plan, "work_mem") == "4MB");
        CHECK(value_of(plan, "max_parallel_workers") == "2");
        CHECK(value_of(plan, "max_parallel_workers_per_gather") == "1");
        CHECK(value_of(plan, "max_worker_processes") == "8"); // 2 parallel + 2 pg_cron + 4 spare
        CHECK(value_of(plan, "huge_pages") == "off");
        CHECK(value_of(plan, "dynamic_shared_memory_type") == "posix");
        CHECK(plan.budget.fits);
        CHECK(plan.budget.headroom == Bytes{107374182}); // 10% of 1 GiB
        CHECK(plan.budget.query == Bytes::mib(12 * (35 + 2 + 1)));
        CHECK(plan.warnings.empty());
    }

    TEST_CASE(
        "1 CPU: no parallel plans, so no parallel workers and no dynamic shared memory need") {
        const auto plan = make_plan(container(Bytes::gib(2), 1));
        CHECK(value_of(plan, "max_parallel_workers") == "0");
        CHECK(value_of(plan, "max_parallel_workers_per_gather") == "0");
        CHECK(value_of(plan, "max_parallel_maintenance_workers") == "0");
        CHECK(value_of(plan, "dynamic_shared_memory_type") == "posix");
    }

    TEST_CASE("Docker's 64 MiB /dev/shm is smaller than parallel hash tables may need: sysv") {
        auto inputs = container(Bytes::gib(4), 4);
        inputs.shm = Bytes::mib(64);
        CHECK(value_of(make_plan(inputs), "dynamic_shared_memory_type") == "sysv");
        inputs.shm = std::nullopt;
        CHECK(value_of(make_plan(inputs), "dynamic_shared_memory_type") == "sysv");
    }

    TEST_CASE("64 GiB web: connections stop at the profile cap of 200, the memory left goes to "
              "work_mem") {
        const auto plan = make_plan(container(Bytes::gib(64), 16, Profile::web));
        CHECK(value_of(plan, "max_connections") == "200");
        CHECK(plan.sessions_that_fit == 200);
        CHECK(value_of(plan, "work_mem") == "46MB");
        CHECK(value_of(plan, "shared_buffers") == "16256MB");
        CHECK(plan.budget.fits);
    }

    TEST_CASE("POSTGRES_MAX_CONNECTIONS above the fit: kept, work_mem at its floor, and a loud "
              "warning with the worst case") {
        auto inputs = container(Bytes::gib(1), 2);
        inputs.max_connections = sourced(100U, OriginKind::env, "POSTGRES_MAX_CONNECTIONS");
        const auto plan = make_plan(inputs);
        CHECK(value_of(plan, "max_connections") == "100");
        CHECK(value_of(plan, "work_mem") == "2MB");
        CHECK_FALSE(plan.budget.fits);
        REQUIRE(plan.warnings.size() == 2);
        CHECK(plan.warnings[0] ==
              "max_connections=100 from POSTGRES_MAX_CONNECTIONS is above the 35 "
              "heavy sessions that fit in 1 GiB; work_mem lowered to 2MB");
        CHECK(
            plan.warnings[1] ==
            "the worst case does not fit: 1.9 GiB (shared 154.4 MiB + processes 493 MiB + queries "
            "1.2 GiB + maintenance 94 MiB) > 921.6 MiB available (1 GiB limit - 102.4 MiB "
            "headroom); with every connection busy the container can be OOM-killed — put "
            "PgBouncer in front with a pool of at most 35");
    }

    TEST_CASE("POSTGRES_MAX_CONNECTIONS below the fit: kept, and work_mem grows into the room") {
        auto inputs = container(Bytes::gib(4), 2);
        inputs.max_connections = sourced(20U, OriginKind::env, "POSTGRES_MAX_CONNECTIONS");
        const auto plan = make_plan(inputs);
        CHECK(value_of(plan, "max_connections") == "20");
        CHECK(value_of(plan, "work_mem") == "31MB");
        CHECK(plan.budget.fits);
        CHECK(plan.warnings.empty());
    }

    TEST_CASE("256 MiB: not even the floor of 10 heavy sessions fits, pgfit still plans its "
              "smallest settings and says fits false") {
        const auto plan = make_plan(container(Bytes::mib(256), 1));
        CHECK(value_of(plan, "max_connections") == "10");
        CHECK(plan.sessions_that_fit == 0);
        CHECK(value_of(plan, "work_mem") == "2MB");
        CHECK(value_of(plan, "shared_buffers") == "32MB");
        CHECK_FALSE(plan.budget.fits);
        REQUIRE(plan.warnings.size() == 1);
        CHECK(plan.warnings[0].ends_with("give it more memory (every profile fits from 512 MiB)"));
    }

    TEST_CASE("PostgreSQL 18: io_method worker, io_workers one per 4 CPUs but at least 3, both "
              "budgeted as processes") {
        const auto plan15 = make_plan(container(Bytes::gib(2), 16, Profile::mixed, 15));
        const auto plan18 = make_plan(container(Bytes::gib(2), 16, Profile::mixed, 18));
        CHECK(value_of(plan18, "io_method") == "worker");
        CHECK(value_of(plan18, "io_workers") == "4");
        CHECK(plan15.find("io_method") == nullptr);
        CHECK(plan18.sessions_that_fit < plan15.sessions_that_fit);
    }

    TEST_CASE("PostgreSQL 18: autovacuum_worker_slots holds the budgeted workers; larger I/Os on "
              "network storage need io_max_combine_limit too, 17 has only io_combine_limit") {
        auto inputs = container(Bytes::gib(8), 16, Profile::mixed, 18);
        const auto ssd = make_plan(inputs);
        CHECK(value_of(ssd, "autovacuum_worker_slots") == value_of(ssd, "autovacuum_max_workers"));
        CHECK(ssd.find("io_combine_limit") == nullptr); // 128kB, PostgreSQL's default
        inputs.storage = sourced(Storage::network, OriginKind::flag, "--storage");
        const auto network = make_plan(inputs);
        CHECK(value_of(network, "io_combine_limit") == "256kB");
        CHECK(value_of(network, "io_max_combine_limit") == "256kB");
        inputs.pg_major = sourced(17U, OriginKind::flag, "--pg-version");
        const auto network17 = make_plan(inputs);
        CHECK(value_of(network17, "io_combine_limit") == "256kB");
        CHECK(network17.find("io_max_combine_limit") == nullptr);
        CHECK(network17.find("autovacuum_worker_slots") == nullptr);
    }

    TEST_CASE("replication: wal_level replica and walsenders that count as processes") {
        auto inputs = container(Bytes::gib(2), 2);
        const auto without = make_plan(inputs);
        inputs.replication = sourced(true, OriginKind::env, "POSTGRES_REPLICATION_ROLE=primary");
        const auto with = make_plan(inputs);
        CHECK(value_of(with, "wal_level") == "replica");
        CHECK(value_of(with, "max_wal_senders") == "4");
        CHECK(value_of(with, "hot_standby") == "on");
        CHECK(without.find("wal_level") == nullptr);
        CHECK(with.budget.processes > without.budget.processes);
    }

    TEST_CASE("pg_cron: background workers, one job slot reserved in max_worker_processes, the "
              "database from its origin") {
        auto inputs = container(Bytes::gib(2), 2);
        inputs.cron_database = sourced(std::string("app"), OriginKind::env, "POSTGRES_DB");
        const auto plan = make_plan(inputs);
        CHECK(value_of(plan, "shared_preload_libraries") ==
              "pg_stat_statements,pg_cron,pgaudit,auto_explain");
        CHECK(value_of(plan, "cron.use_background_workers") == "on");
        CHECK(value_of(plan, "cron.max_running_jobs") == "1");
        CHECK(value_of(plan, "cron.database_name") == "app");
        CHECK(plan.find("cron.database_name")->reason == "from POSTGRES_DB");
        inputs.preload_libraries.value = {"pg_stat_statements"};
        CHECK(make_plan(inputs).find("cron.database_name") == nullptr);
    }

    TEST_CASE("huge pages available: try, and page tables shrink in the budget") {
        auto inputs = container(Bytes::gib(16), 8);
        const auto off = make_plan(inputs);
        inputs.huge_pages_available = true;
        const auto on = make_plan(inputs);
        CHECK(value_of(off, "huge_pages") == "off");
        CHECK(value_of(on, "huge_pages") == "try");
        CHECK(on.budget.processes < off.budget.processes);
    }

    TEST_CASE("server catalog: an unknown name is dropped and an out-of-range value clamped, each "
              "with a warning") {
        auto inputs = container(Bytes::gib(1), 2);
        auto catalog = builtin_catalog(15);
        catalog.erase("jit");
        catalog["max_parallel_workers"].max = 1;
        inputs.catalog = catalog;
        const auto plan = make_plan(inputs);
        CHECK(plan.find("jit") == nullptr);
        CHECK(value_of(plan, "max_parallel_workers") == "1");
        REQUIRE(plan.warnings.size() == 2);
        CHECK(plan.warnings[0] ==
              "max_parallel_workers = 2 is outside the server's range [0, 1]; clamped to 1");
        CHECK(plan.warnings[1] == "jit is not a setting of this server; dropped");
    }
}

} // namespace pgfit::tune
