// Every number the tuner uses that is a choice rather than a fact of PostgreSQL. The built-in
// values here are the ones conf/pgfit.toml ships with (and documents); config/ overrides them
// from that file.
#pragma once

#include <array>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "tune/profile.hpp"
#include "util/bytes.hpp"

namespace pgfit::tune {

struct ProfileCoefficients {
    unsigned max_connections;          // cap: more memory then goes to work_mem
    double shared_buffers_ratio;       // of the memory above shared_buffers_reserve
    double effective_cache_size_ratio; // of memory
    double maintenance_work_mem_ratio; // of memory
    Bytes min_wal_size;
    Bytes max_wal_size;
    unsigned default_statistics_target;
    unsigned parallel_per_gather_cap; // max_parallel_workers_per_gather at most this
    bool jit;
};

struct StorageCoefficients {
    double random_page_cost;
    unsigned effective_io_concurrency;
    Bytes io_combine_limit; // largest read or write one I/O combines (PostgreSQL 17+)
};

// What bench/tune/calibrate.sh measures on a real server of one major.
struct MeasuredCoefficients {
    Bytes process_bytes;          // B: idle private memory of one process
    Bytes query_min_bytes;        // Q_min: peak of one heavy query at any work_mem
    double shared_overhead_ratio; // shared memory beyond shared_buffers, per buffer
    Bytes shared_overhead_fixed;
    Bytes shared_overhead_per_process;

    bool operator==(const MeasuredCoefficients&) const = default;
};

struct Coefficients {
    // The budget: M - H >= shared + processes + query + maintenance.
    double headroom_ratio = 0.10;
    Bytes headroom_min = Bytes::mib(64);
    unsigned auxiliary_processes = 5;    // checkpointer, bgwriter, walwriter, launchers
    double page_table_ratio = 1.0 / 512; // page tables per mapped byte, without huge pages
    Bytes shared_overhead_per_library = Bytes::mib(1);
    // By the major they were measured on (pgfit.toml [budget.pgN]); read through measured().
    std::map<unsigned, MeasuredCoefficients> measured_majors{
        {15, {Bytes::mib(4), Bytes::mib(12), 0.025, Bytes::mib(8), Bytes::kib(64)}},
        {17, {Bytes::mib(4), Bytes::mib(12), 0.032, Bytes::mib(8), Bytes::kib(64)}},
        {18, {Bytes::mib(4), Bytes::mib(12), 0.032, Bytes::mib(8), Bytes::kib(64)}},
    };

    unsigned connections_floor = 10;

    Bytes shared_buffers_reserve = Bytes::mib(512); // shared_buffers grows only above this
    Bytes shared_buffers_floor = Bytes::mib(32);
    Bytes work_mem_floor = Bytes::mib(2);
    Bytes work_mem_cap = Bytes::gib(1);
    double hash_mem_multiplier = 2.0;
    Bytes maintenance_work_mem_floor = Bytes::mib(16);
    Bytes maintenance_work_mem_cap = Bytes::gib(2);
    double autovacuum_work_mem_ratio = 0.03; // all autovacuum workers together, of memory
    Bytes autovacuum_work_mem_floor = Bytes::mib(4);

    unsigned autovacuum_max_workers = 3;
    unsigned autovacuum_max_workers_16_cpus = 4;
    unsigned autovacuum_max_workers_32_cpus = 5;

    double parallel_memory_ratio = 0.10; // of memory after headroom, for parallel workers
    unsigned max_parallel_workers_cap = 64;
    unsigned parallel_maintenance_workers_cap = 4;
    unsigned spare_worker_processes = 4;
    Bytes shm_slack = Bytes::mib(16);

    unsigned io_workers_min = 3;
    unsigned io_workers_max = 32;
    unsigned cpus_per_io_worker = 4;
    Bytes memory_per_io_worker = Bytes::mib(256); // io_workers above the minimum need this much

    // None runs a process of its own; pg_cron is added when asked for (config/planner).
    std::vector<std::string> preload_candidates{"pg_stat_statements", "pgaudit", "auto_explain"};
    unsigned cron_max_running_jobs = 1;

    unsigned max_wal_senders = 4;
    unsigned max_replication_slots = 4;
    Bytes max_slot_wal_keep_size = Bytes::gib(8);

    std::array<ProfileCoefficients, k_profiles.size()> profiles{{
        // web, oltp, dw, mixed, desktop (the order of k_profiles)
        {200, 0.25, 0.75, 1.0 / 16, Bytes::gib(1), Bytes::gib(4), 100, 4, false},
        {300, 0.25, 0.75, 1.0 / 16, Bytes::gib(2), Bytes::gib(8), 100, 4, false},
        {40, 0.25, 0.75, 1.0 / 12, Bytes::gib(4), Bytes::gib(16), 500, 16, true},
        {100, 0.25, 0.75, 1.0 / 16, Bytes::gib(1), Bytes::gib(4), 100, 4, false},
        {20, 1.0 / 16, 0.25, 1.0 / 16, Bytes::mib(100), Bytes::gib(2), 100, 2, false},
    }};
    std::array<StorageCoefficients, k_storages.size()> storages{{
        // ssd, hdd, network (the order of k_storages)
        {1.1, 200, Bytes::kib(128)},
        {4.0, 2, Bytes::kib(256)},
        {1.1, 300, Bytes::kib(256)},
    }};

    // The measurements of `major`, else of the closest measured major below it, else of the
    // oldest measured one (16 uses 15's, 19 uses 18's, 13 uses 15's).
    const MeasuredCoefficients& measured(unsigned major) const {
        auto after = measured_majors.upper_bound(major);
        return after == measured_majors.begin() ? after->second : std::prev(after)->second;
    }

    const ProfileCoefficients& of(Profile profile) const {
        return profiles[static_cast<std::size_t>(profile)];
    }
    const StorageCoefficients& of(Storage storage) const {
        return storages[static_cast<std::size_t>(storage)];
    }
};

} // namespace pgfit::tune
