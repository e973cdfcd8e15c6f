#include "tune/sizing.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace pgfit::tune {

namespace {

Bytes scale(Bytes bytes, double ratio) {
    return Bytes{static_cast<std::uint64_t>(static_cast<double>(bytes.count) * ratio)};
}

// Keeps a numeric decision inside the server's bounds, saying so when it moves it.
class Clamp {
public:
    Clamp(const Catalog& catalog, std::vector<std::string>& warnings)
        : m_catalog(catalog), m_warnings(warnings) {}

    unsigned count(std::string_view name, unsigned value) const {
        const auto clamped = clamp(name, value, 1);
        return static_cast<unsigned>(clamped);
    }

    Bytes bytes(std::string_view name, Bytes value) const {
        const auto* known = find_known_guc(name);
        const std::uint64_t unit = known ? std::max<std::uint64_t>(unit_bytes(known->unit), 1) : 1;
        const double in_units = static_cast<double>(value.count / unit);
        const double clamped = clamp(name, in_units, unit);
        if (clamped == in_units) {
            return value;
        }
        return Bytes{static_cast<std::uint64_t>(clamped) * unit};
    }

    double real(std::string_view name, double value) const { return clamp(name, value, 1); }

private:
    double clamp(std::string_view name, double value, std::uint64_t unit) const {
        const auto found = m_catalog.find(name);
        if (found == m_catalog.end()) {
            return value;
        }
        const double low = std::max(found->second.min, 0.0);
        const double clamped = std::clamp(value, low, std::max(low, found->second.max));
        if (clamped != value) {
            m_warnings.push_back(
                fmt::format("{} = {} is outside the server's range [{}, {}]; clamped to {}", name,
                            describe(value, unit), describe(found->second.min, unit),
                            describe(found->second.max, unit), describe(clamped, unit)));
        }
        return clamped;
    }

    static std::string describe(double value, std::uint64_t unit) {
        if (unit == 1 || value <= 0) {
            return fmt::format("{}", value);
        }
        return to_pg_units(Bytes{static_cast<std::uint64_t>(value) * unit});
    }

    const Catalog& m_catalog;
    std::vector<std::string>& m_warnings;
};

bool preloads(const Inputs& inputs, std::string_view library) {
    const auto& libraries = inputs.preload_libraries.value;
    return std::find(libraries.begin(), libraries.end(), library) != libraries.end();
}

Bytes headroom_of(const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    return std::max(c.headroom_min, scale(inputs.memory.value, c.headroom_ratio));
}

Bytes available_of(const Inputs& inputs) {
    const Bytes headroom = headroom_of(inputs);
    const Bytes limit = inputs.memory.value;
    return Bytes{limit.count > headroom.count ? limit.count - headroom.count : 0};
}

unsigned autovacuum_workers_for(unsigned cpus, const Coefficients& c) {
    if (cpus >= 32) {
        return c.autovacuum_max_workers_32_cpus;
    }
    if (cpus >= 16) {
        return c.autovacuum_max_workers_16_cpus;
    }
    return c.autovacuum_max_workers;
}

// Parallel workers: none on one CPU; otherwise one per CPU, as many as the share of memory set
// aside for their heavy queries allows (each costs Q_min + B like a connection).
unsigned parallel_workers_for(const Inputs& inputs) {
    const unsigned cpus = inputs.cpus.value;
    if (cpus <= 1) {
        return 0;
    }
    const auto& c = inputs.coefficients;
    const auto& m = c.measured(inputs.pg_major.value);
    const double per_worker = static_cast<double>(m.query_min_bytes.count + m.process_bytes.count);
    const double share = static_cast<double>(available_of(inputs).count) * c.parallel_memory_ratio;
    const auto by_memory = static_cast<unsigned>(share / per_worker);
    return std::min({cpus, c.max_parallel_workers_cap, std::max(by_memory, 1U)});
}

Bytes shared_bytes(const Sizing& sizing, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    const auto& m = c.measured(inputs.pg_major.value);
    const unsigned processes = process_count(sizing, c);
    return Bytes{sizing.shared_buffers.count +
                 scale(sizing.shared_buffers, m.shared_overhead_ratio).count +
                 sizing.wal_buffers.count + m.shared_overhead_fixed.count +
                 m.shared_overhead_per_process.count * processes +
                 c.shared_overhead_per_library.count * sizing.preload_count};
}

Bytes per_process_bytes(const Sizing& sizing, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    // Without huge pages every process may map all of shared memory with 4 kB pages.
    const double ratio = sizing.huge_pages ? c.page_table_ratio / 512 : c.page_table_ratio;
    return Bytes{c.measured(inputs.pg_major.value).process_bytes.count +
                 scale(sizing.shared_buffers, ratio).count};
}

} // namespace

unsigned process_count(const Sizing& sizing, const Coefficients& coefficients) {
    return sizing.max_connections + sizing.max_worker_processes + sizing.autovacuum_max_workers +
           coefficients.auxiliary_processes + sizing.io_workers + sizing.wal_senders;
}

unsigned query_sessions(const Sizing& sizing) {
    return sizing.max_connections + sizing.max_parallel_workers + sizing.cron_jobs;
}

Bytes query_bytes_per_session(const Sizing& sizing, const Inputs& inputs) {
    const Bytes by_work_mem = scale(sizing.work_mem, 1.0 + sizing.hash_mem_multiplier);
    return std::max(inputs.coefficients.measured(inputs.pg_major.value).query_min_bytes,
                    by_work_mem);
}

Budget evaluate(const Sizing& sizing, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    Budget budget;
    budget.limit = inputs.memory.value;
    budget.headroom = headroom_of(inputs);
    budget.shared = shared_bytes(sizing, inputs);
    budget.processes = Bytes{process_count(sizing, c) * per_process_bytes(sizing, inputs).count};
    budget.query = Bytes{query_sessions(sizing) * query_bytes_per_session(sizing, inputs).count};
    budget.maintenance = Bytes{sizing.autovacuum_max_workers * sizing.autovacuum_work_mem.count +
                               sizing.maintenance_work_mem.count};
    budget.worst_case = Bytes{budget.shared.count + budget.processes.count + budget.query.count +
                              budget.maintenance.count};
    budget.fits = budget.worst_case <= available_of(inputs);
    return budget;
}

namespace {

// Everything but max_connections and work_mem: fixed by memory, CPUs and the profile.
Sizing size_fixed_part(const Inputs& inputs, const Clamp& clamp) {
    const auto& c = inputs.coefficients;
    const auto& profile = c.of(inputs.profile.value);
    const Bytes memory = inputs.memory.value;
    const unsigned cpus = inputs.cpus.value;
    Sizing s;
    s.huge_pages = inputs.huge_pages_available;
    s.hash_mem_multiplier = clamp.real("hash_mem_multiplier", c.hash_mem_multiplier);

    const Bytes above_reserve{memory.count > c.shared_buffers_reserve.count
                                  ? memory.count - c.shared_buffers_reserve.count
                                  : 0};
    const Bytes buffers =
        std::max(c.shared_buffers_floor, scale(above_reserve, profile.shared_buffers_ratio));
    s.shared_buffers =
        clamp.bytes("shared_buffers", round_down(buffers, s.huge_pages ? 2 * k_mib : k_mib));
    // PostgreSQL's own rule for wal_buffers=-1, written out so the budget can count it.
    s.wal_buffers = clamp.bytes(
        "wal_buffers",
        round_down(std::clamp(Bytes{s.shared_buffers.count / 32}, Bytes::kib(64), Bytes::mib(16)),
                   k_block_size));
    s.effective_cache_size =
        clamp.bytes("effective_cache_size",
                    round_down(scale(memory, profile.effective_cache_size_ratio), k_mib));

    s.maintenance_work_mem =
        clamp.bytes("maintenance_work_mem",
                    round_down(std::clamp(scale(memory, profile.maintenance_work_mem_ratio),
                                          c.maintenance_work_mem_floor, c.maintenance_work_mem_cap),
                               k_mib));
    s.autovacuum_max_workers =
        clamp.count("autovacuum_max_workers", autovacuum_workers_for(cpus, c));
    Bytes per_worker = scale(memory, c.autovacuum_work_mem_ratio / s.autovacuum_max_workers);
    if (inputs.pg_major.value <= 16) {
        // Up to 16, VACUUM never uses more than 1 GB for dead tuples.
        per_worker = std::min(per_worker, Bytes::gib(1));
    }
    s.autovacuum_work_mem = clamp.bytes(
        "autovacuum_work_mem",
        round_down(std::clamp(per_worker, c.autovacuum_work_mem_floor,
                              std::max(c.autovacuum_work_mem_floor, s.maintenance_work_mem)),
                   k_mib));

    if (preloads(inputs, k_cron_library)) {
        s.cron_jobs = c.cron_max_running_jobs;
        s.extension_workers = 1 + s.cron_jobs; // the launcher and each running job
    }
    s.preload_count = static_cast<unsigned>(inputs.preload_libraries.value.size());
    if (inputs.pg_major.value >= 18) {
        const unsigned by_cpus = (cpus + c.cpus_per_io_worker - 1) / c.cpus_per_io_worker;
        const auto by_memory =
            static_cast<unsigned>(available_of(inputs).count / c.memory_per_io_worker.count);
        const unsigned wanted = std::min(by_cpus, by_memory);
        s.io_workers =
            clamp.count("io_workers", std::clamp(wanted, c.io_workers_min, c.io_workers_max));
    }
    s.wal_senders = inputs.replication.value ? c.max_wal_senders : 0;

    const unsigned workers = parallel_workers_for(inputs);
    s.max_parallel_workers = clamp.count("max_parallel_workers", workers);
    const unsigned half_cpus = (cpus + 1) / 2;
    s.max_parallel_workers_per_gather =
        clamp.count("max_parallel_workers_per_gather",
                    std::min({half_cpus, profile.parallel_per_gather_cap, s.max_parallel_workers}));
    s.max_parallel_maintenance_workers = clamp.count(
        "max_parallel_maintenance_workers",
        std::min({half_cpus, c.parallel_maintenance_workers_cap, s.max_parallel_workers}));
    s.max_worker_processes =
        clamp.count("max_worker_processes",
                    s.max_parallel_workers + s.extension_workers + c.spare_worker_processes);

    const Bytes base = scale(c.measured(inputs.pg_major.value).query_min_bytes,
                             1.0 / (1.0 + s.hash_mem_multiplier));
    s.work_mem_base = std::clamp(round_down(base, k_kib), c.work_mem_floor,
                                 std::max(c.work_mem_floor, c.work_mem_cap));
    return s;
}

// work_mem as written: whole MB from 8 MB up, whole kB below.
Bytes round_work_mem(Bytes work_mem) {
    return round_down(work_mem, work_mem >= Bytes::mib(8) ? k_mib : k_kib);
}

// The largest work_mem (>= `lowest`) whose budget fits, or `lowest` when none does.
Bytes largest_fitting_work_mem(Sizing s, const Inputs& inputs, Bytes lowest) {
    const auto& c = inputs.coefficients;
    s.work_mem = lowest;
    const Budget at_lowest = evaluate(s, inputs);
    const std::uint64_t available = available_of(inputs).count;
    if (at_lowest.worst_case.count > available) {
        return lowest;
    }
    const std::uint64_t others =
        at_lowest.worst_case.count - at_lowest.query.count; // everything but queries
    const double per_session = static_cast<double>(available - others) /
                               static_cast<double>(query_sessions(s)) /
                               (1.0 + s.hash_mem_multiplier);
    Bytes work_mem = round_work_mem(Bytes{static_cast<std::uint64_t>(per_session)});
    work_mem = std::clamp(work_mem, lowest, std::max(lowest, c.work_mem_cap));
    s.work_mem = work_mem;
    // The division can round up by a byte per session; step back until it fits.
    while (!evaluate(s, inputs).fits && s.work_mem > lowest) {
        s.work_mem = round_work_mem(Bytes{s.work_mem.count - k_kib});
    }
    return s.work_mem;
}

// The largest max_connections in [low, high] whose budget fits at `work_mem`, or 0.
unsigned largest_fitting_connections(Sizing s, const Inputs& inputs, unsigned low, unsigned high) {
    unsigned best = 0;
    while (low <= high) {
        const unsigned middle = low + (high - low) / 2;
        s.max_connections = middle;
        if (evaluate(s, inputs).fits) {
            best = middle;
            low = middle + 1;
        } else {
            if (middle == 0) {
                break;
            }
            high = middle - 1;
        }
    }
    return best;
}

} // namespace

Sizing size(const Inputs& inputs, const Catalog& catalog, std::vector<std::string>& warnings) {
    const auto& c = inputs.coefficients;
    const Clamp clamp(catalog, warnings);
    Sizing s = size_fixed_part(inputs, clamp);
    const unsigned cap = std::max(c.of(inputs.profile.value).max_connections, c.connections_floor);

    s.work_mem = s.work_mem_base;
    s.sessions_that_fit = largest_fitting_connections(s, inputs, c.connections_floor, cap);

    if (inputs.max_connections) {
        s.max_connections = clamp.count("max_connections", inputs.max_connections->value);
        const bool over = s.max_connections > s.sessions_that_fit;
        // Above the fit no work_mem helps the budget; the floor still lowers real use.
        s.work_mem = over ? c.work_mem_floor : largest_fitting_work_mem(s, inputs, s.work_mem_base);
    } else if (s.sessions_that_fit == 0) {
        s.max_connections = c.connections_floor;
        s.work_mem = c.work_mem_floor;
    } else {
        s.max_connections = s.sessions_that_fit;
        if (s.sessions_that_fit == cap) {
            s.work_mem = largest_fitting_work_mem(s, inputs, s.work_mem_base);
        }
    }
    s.work_mem = clamp.bytes("work_mem", s.work_mem);
    return s;
}

} // namespace pgfit::tune
