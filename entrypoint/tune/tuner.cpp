#include "tune/tuner.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tune/catalog_check.hpp"
#include "tune/sizing.hpp"

namespace pgfit::tune {

namespace {

const Bytes k_default_io_combine_limit = Bytes::kib(128);

std::string on_off(bool value) {
    return value ? "on" : "off";
}

std::string percent(double ratio) {
    return fmt::format("{:g}%", ratio * 100);
}

// Collects settings in order, leaving out those the target major does not have.
class SettingList {
public:
    explicit SettingList(unsigned major) : m_major(major) {}

    void add(std::string name, std::string value, std::string reason) {
        const auto* known = find_known_guc(name);
        if (known && known->since_major > m_major) {
            return;
        }
        m_settings.push_back(Setting{std::move(name), std::move(value), std::move(reason)});
    }
    void add(std::string name, Bytes value, std::string reason) {
        add(std::move(name), to_pg_units(value), std::move(reason));
    }
    void add(std::string name, unsigned value, std::string reason) {
        add(std::move(name), std::to_string(value), std::move(reason));
    }
    void add(std::string name, double value, std::string reason) {
        add(std::move(name), fmt::format("{:g}", value), std::move(reason));
    }

    std::vector<Setting> take() { return std::move(m_settings); }

private:
    unsigned m_major;
    std::vector<Setting> m_settings;
};

std::string connections_reason(const Sizing& s, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    const auto& m = c.measured(inputs.pg_major.value);
    const auto per_session = to_human(Bytes{m.process_bytes.count + m.query_min_bytes.count});
    if (inputs.max_connections) {
        return fmt::format("from {}; {} heavy sessions fit",
                           inputs.max_connections->origin.to_string(), s.sessions_that_fit);
    }
    if (s.sessions_that_fit == 0) {
        return fmt::format("floor {}: not even {} heavy sessions ({} each) fit in {}",
                           c.connections_floor, c.connections_floor, per_session,
                           to_human(inputs.memory.value));
    }
    const auto profile = inputs.profile.value;
    if (s.sessions_that_fit == std::max(c.of(profile).max_connections, c.connections_floor)) {
        return fmt::format("profile {} cap; the memory left goes to work_mem", to_string(profile));
    }
    return fmt::format("heavy sessions that fit ({} each: one process + one heavy query); "
                       "put a pooler in front for more clients",
                       per_session);
}

std::string work_mem_reason(const Sizing& s, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    if (s.work_mem == c.work_mem_floor && s.work_mem < s.work_mem_base) {
        return s.sessions_that_fit == 0 || s.max_connections > s.sessions_that_fit
                   ? "floor: max_connections is above the sessions that fit"
                   : "floor";
    }
    if (s.work_mem == s.work_mem_base) {
        return fmt::format("Q_min/(1 + hash_mem_multiplier): up to this a heavy query costs "
                           "Q_min ({}) anyway",
                           to_human(c.measured(inputs.pg_major.value).query_min_bytes));
    }
    return fmt::format("what the budget leaves for {} query sessions, each using work_mem x "
                       "(1 + hash_mem_multiplier)",
                       query_sessions(s));
}

std::string parallel_reason(const Inputs& inputs) {
    if (inputs.cpus.value <= 1) {
        return "1 CPU: no parallel plans";
    }
    return fmt::format("one per CPU ({}), as many as {} of the memory allows at Q_min + B each",
                       inputs.cpus.value, percent(inputs.coefficients.parallel_memory_ratio));
}

// What parallel plans may put into /dev/shm at once (POSIX dynamic shared memory).
Bytes parallel_shm_need(const Sizing& s, const Inputs& inputs) {
    const double hash = static_cast<double>(s.work_mem.count) * (1.0 + s.hash_mem_multiplier);
    std::uint64_t need = static_cast<std::uint64_t>(hash) * s.max_parallel_workers;
    if (inputs.pg_major.value <= 16 && s.max_parallel_maintenance_workers > 0) {
        need += std::min(s.maintenance_work_mem, Bytes::gib(1)).count; // parallel VACUUM
    }
    return Bytes{need + inputs.coefficients.shm_slack.count};
}

void add_memory(SettingList& out, const Sizing& s, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    const auto& profile = c.of(inputs.profile.value);
    out.add("max_connections", s.max_connections, connections_reason(s, inputs));
    out.add("shared_buffers", s.shared_buffers,
            fmt::format("{} of the memory above {}, at least {}",
                        percent(profile.shared_buffers_ratio), to_human(c.shared_buffers_reserve),
                        to_human(c.shared_buffers_floor)));
    out.add("effective_cache_size", s.effective_cache_size,
            fmt::format("{} of memory (a planner hint; nothing is allocated)",
                        percent(profile.effective_cache_size_ratio)));
    out.add("work_mem", s.work_mem, work_mem_reason(s, inputs));
    out.add("hash_mem_multiplier", s.hash_mem_multiplier,
            "hash tables may use work_mem times this; explicit because the budget counts it");
    out.add(
        "maintenance_work_mem", s.maintenance_work_mem,
        fmt::format("{} of memory, within [{}, {}]", percent(profile.maintenance_work_mem_ratio),
                    to_human(c.maintenance_work_mem_floor), to_human(c.maintenance_work_mem_cap)));
    out.add("autovacuum_work_mem", s.autovacuum_work_mem,
            fmt::format("{} of memory shared by {} autovacuum workers",
                        percent(c.autovacuum_work_mem_ratio), s.autovacuum_max_workers));
    out.add("autovacuum_max_workers", s.autovacuum_max_workers,
            fmt::format("{} below 16 CPUs, {} from 16, {} from 32", c.autovacuum_max_workers,
                        c.autovacuum_max_workers_16_cpus, c.autovacuum_max_workers_32_cpus));
    out.add("autovacuum_worker_slots", s.autovacuum_max_workers,
            "the autovacuum workers the budget counts (PostgreSQL 18 reserves 16 and lets "
            "autovacuum_max_workers rise to that without a restart, beyond the budget)");
    out.add("wal_buffers", s.wal_buffers,
            "shared_buffers/32 within [64kB, 16MB] (PostgreSQL's rule, explicit for the budget)");
}

void add_io(SettingList& out, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    const auto& profile = c.of(inputs.profile.value);
    const auto& storage = c.of(inputs.storage.value);
    const auto profile_name = std::string(to_string(inputs.profile.value));
    const auto storage_name = std::string(to_string(inputs.storage.value));
    out.add("min_wal_size", profile.min_wal_size, "profile " + profile_name);
    out.add("max_wal_size", profile.max_wal_size, "profile " + profile_name);
    out.add("checkpoint_completion_target", 0.9,
            "spread checkpoint writes over 90% of the interval");
    out.add("random_page_cost", storage.random_page_cost, "storage " + storage_name);
    out.add("effective_io_concurrency", storage.effective_io_concurrency,
            "storage " + storage_name);
    // 17 and 18 read (18 also write) up to this many bytes in one I/O; 18 caps it at
    // io_max_combine_limit, whose default is 128kB.
    if (storage.io_combine_limit != k_default_io_combine_limit) {
        out.add("io_combine_limit", storage.io_combine_limit,
                "storage " + storage_name + ": fewer, larger I/Os (PostgreSQL's default is 128kB)");
        out.add("io_max_combine_limit", storage.io_combine_limit,
                "lets io_combine_limit go above 128kB (PostgreSQL 18)");
    }
    out.add("default_statistics_target", profile.default_statistics_target,
            "profile " + profile_name);
}

void add_parallel(SettingList& out, const Sizing& s, const Inputs& inputs) {
    const auto& c = inputs.coefficients;
    out.add("max_worker_processes", s.max_worker_processes,
            fmt::format("{} parallel + {} for pg_cron + {} spare (logical replication, extensions)",
                        s.max_parallel_workers, s.extension_workers, c.spare_worker_processes));
    out.add("max_parallel_workers", s.max_parallel_workers, parallel_reason(inputs));
    const auto half = inputs.cpus.value <= 1 ? std::string("1 CPU: no parallel plans")
                                             : std::string("half the CPUs, at most ");
    out.add("max_parallel_workers_per_gather", s.max_parallel_workers_per_gather,
            inputs.cpus.value <= 1
                ? half
                : fmt::format("{}{} (profile {}) and at most max_parallel_workers", half,
                              c.of(inputs.profile.value).parallel_per_gather_cap,
                              to_string(inputs.profile.value)));
    out.add("max_parallel_maintenance_workers", s.max_parallel_maintenance_workers,
            inputs.cpus.value <= 1 ? half
                                   : fmt::format("{}{} and at most max_parallel_workers", half,
                                                 c.parallel_maintenance_workers_cap));
}

void add_platform(SettingList& out, const Sizing& s, const Inputs& inputs) {
    out.add("huge_pages", s.huge_pages ? "try" : "off",
            s.huge_pages ? "huge pages are available to this container"
                         : "no huge pages available to this container (try can end in SIGBUS)");
    const Bytes need = parallel_shm_need(s, inputs);
    if (s.max_parallel_workers == 0) {
        out.add("dynamic_shared_memory_type", "posix",
                "no parallel plans, little dynamic shared memory");
    } else if (!inputs.shm) {
        out.add("dynamic_shared_memory_type", "sysv",
                "size of /dev/shm unknown; sysv does not depend on it");
    } else if (*inputs.shm < need) {
        out.add("dynamic_shared_memory_type", "sysv",
                fmt::format("/dev/shm ({}) is smaller than parallel plans may need ({})",
                            to_human(*inputs.shm), to_human(need)));
    } else {
        out.add("dynamic_shared_memory_type", "posix",
                fmt::format("/dev/shm ({}) holds what parallel plans may need ({})",
                            to_human(*inputs.shm), to_human(need)));
    }
    const auto& profile = inputs.coefficients.of(inputs.profile.value);
    out.add("jit", on_off(profile.jit),
            profile.jit ? "profile dw: long analytic queries gain from compilation"
                        : "compiling short queries costs more time and memory than it saves");
    out.add("io_method", "worker", "io_uring is blocked by container seccomp profiles");
    out.add("io_workers", s.io_workers,
            fmt::format("one per {} CPUs and per {} of memory, within [{}, {}]",
                        inputs.coefficients.cpus_per_io_worker,
                        to_human(inputs.coefficients.memory_per_io_worker),
                        inputs.coefficients.io_workers_min, inputs.coefficients.io_workers_max));
}

void add_extensions(SettingList& out, const Sizing& s, const Inputs& inputs) {
    const auto& libraries = inputs.preload_libraries.value;
    if (libraries.empty()) {
        return;
    }
    std::string list;
    for (const auto& library : libraries) {
        list += list.empty() ? library : "," + library;
    }
    out.add("shared_preload_libraries", list,
            "from " + inputs.preload_libraries.origin.to_string());
    if (s.extension_workers == 0) {
        return;
    }
    out.add("cron.use_background_workers", "on",
            "jobs run as background workers: no password needed under SCRAM-only pg_hba");
    out.add("cron.max_running_jobs", s.cron_jobs,
            "each running job takes a worker slot and may run a heavy query (both budgeted)");
    out.add("cron.database_name", inputs.cron_database.value,
            "from " + inputs.cron_database.origin.to_string());
}

void add_replication(SettingList& out, const Inputs& inputs) {
    if (!inputs.replication.value) {
        return;
    }
    const auto& c = inputs.coefficients;
    const auto why = "replication (" + inputs.replication.origin.to_string() + ")";
    out.add("wal_level", "replica", why);
    out.add("max_wal_senders", c.max_wal_senders, why + "; each walsender is a budgeted process");
    out.add("max_replication_slots", c.max_replication_slots, why);
    out.add("max_slot_wal_keep_size", c.max_slot_wal_keep_size,
            "a lost replica's slot may not keep more WAL than this on disk");
    out.add("hot_standby", "on", why + ": a replica answers read-only queries");
}

void warn_about_budget(const Plan& plan, const Sizing& s, const Inputs& inputs,
                       std::vector<std::string>& warnings) {
    const auto& b = plan.budget;
    const Bytes available{b.limit.count - std::min(b.limit.count, b.headroom.count)};
    if (inputs.max_connections && s.max_connections > s.sessions_that_fit) {
        warnings.push_back(fmt::format(
            "max_connections={} from {} is above the {} heavy sessions that fit in {}; work_mem "
            "lowered to {}",
            s.max_connections, inputs.max_connections->origin.to_string(), s.sessions_that_fit,
            to_human(b.limit), to_pg_units(s.work_mem)));
    }
    if (!b.fits) {
        warnings.push_back(fmt::format(
            "the worst case does not fit: {} (shared {} + processes {} + queries {} + "
            "maintenance {}) > {} available ({} limit - {} headroom); with every connection busy "
            "the container can be OOM-killed — {}",
            to_human(b.worst_case), to_human(b.shared), to_human(b.processes), to_human(b.query),
            to_human(b.maintenance), to_human(available), to_human(b.limit), to_human(b.headroom),
            s.sessions_that_fit == 0
                ? std::string("give it more memory (every profile fits from 512 MiB)")
                : fmt::format("put PgBouncer in front with a pool of at most {}",
                              s.sessions_that_fit)));
    }
}

} // namespace

Plan make_plan(const Inputs& inputs) {
    Plan plan;
    const unsigned major = inputs.pg_major.value;
    const Catalog catalog = inputs.catalog ? *inputs.catalog : builtin_catalog(major);
    const Sizing s = size(inputs, catalog, plan.warnings);

    SettingList out(major);
    add_memory(out, s, inputs);
    add_io(out, inputs);
    add_parallel(out, s, inputs);
    add_platform(out, s, inputs);
    add_extensions(out, s, inputs);
    add_replication(out, inputs);
    plan.settings = check_against_catalog(out.take(), catalog, plan.warnings);
    plan.budget = evaluate(s, inputs);
    plan.sessions_that_fit = s.sessions_that_fit;
    warn_about_budget(plan, s, inputs, plan.warnings);
    return plan;
}

} // namespace pgfit::tune
