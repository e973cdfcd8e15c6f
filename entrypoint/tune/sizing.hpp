// The numeric decisions of a plan and the worst-case budget they add up to. `size` is the
// whole memory model: it picks max_connections as the number of heavy sessions that fit, then
// gives what is left to work_mem. `evaluate` is the budget of any sizing, so the same formula
// checks the choice and explains it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tune/inputs.hpp"
#include "tune/plan.hpp"

namespace pgfit::tune {

struct Sizing {
    Bytes shared_buffers;
    Bytes wal_buffers;
    Bytes effective_cache_size;
    unsigned max_connections = 0;
    unsigned sessions_that_fit = 0; // heavy sessions that fit; 0 when not even the floor does
    Bytes work_mem;
    Bytes work_mem_base; // the largest work_mem whose query cost is still Q_min
    double hash_mem_multiplier = 2.0;
    Bytes maintenance_work_mem;
    Bytes autovacuum_work_mem;
    unsigned autovacuum_max_workers = 3;
    unsigned max_parallel_workers = 0;
    unsigned max_parallel_workers_per_gather = 0;
    unsigned max_parallel_maintenance_workers = 0;
    unsigned extension_workers = 0; // worker slots for preloaded extensions (pg_cron)
    unsigned cron_jobs = 0;         // background-worker jobs that may run a heavy query
    unsigned max_worker_processes = 0;
    unsigned io_workers = 0;  // PostgreSQL 18 (io_method=worker)
    unsigned wal_senders = 0; // walsenders counted as processes
    unsigned preload_count = 0;
    bool huge_pages = false;

    bool operator==(const Sizing&) const = default;
};

// Every process that can exist at once.
unsigned process_count(const Sizing& sizing, const Coefficients& coefficients);
// Sessions that can each run a heavy query at once: connections, parallel workers, cron jobs.
unsigned query_sessions(const Sizing& sizing);
// What one heavy query may use: max(Q_min, work_mem x (1 + hash_mem_multiplier)).
Bytes query_bytes_per_session(const Sizing& sizing, const Inputs& inputs);

// The budget of `sizing` for `inputs` (memory, coefficients).
Budget evaluate(const Sizing& sizing, const Inputs& inputs);

// The sizing for `inputs`, after the server's bounds (`catalog`) are applied. Appends a line
// to `warnings` for every value that had to be clamped.
Sizing size(const Inputs& inputs, const Catalog& catalog, std::vector<std::string>& warnings);

// Rounds down to a multiple of `unit`.
constexpr Bytes round_down(Bytes bytes, std::uint64_t unit) {
    return Bytes{bytes.count - bytes.count % unit};
}

} // namespace pgfit::tune
