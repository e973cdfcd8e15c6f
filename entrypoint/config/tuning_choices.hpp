// What the operator asked the tuner for, from `pgfit plan` flags and the environment (a flag
// beats its variable), each with where it came from; nullopt when neither is given, so
// pgfit.toml, detection or a built-in value decides later (config/inputs.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detect/resources.hpp"
#include "tune/inputs.hpp"
#include "tune/profile.hpp"
#include "util/bytes.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"
#include "util/sourced.hpp"

namespace pgfit::config {

// `pgfit plan` flags exactly as typed; nullopt when not given.
struct Flags {
    std::optional<std::string> memory;
    std::optional<std::string> cpus;
    std::optional<std::string> profile;
    std::optional<std::string> storage;
    std::optional<std::string> pg_version;
    std::optional<std::string> max_connections;
};

struct TuningChoices {
    std::optional<Sourced<Bytes>> memory;             // --memory, POSTGRES_MEMORY
    std::optional<Sourced<double>> cpus;              // --cpus, POSTGRES_CPUS
    std::optional<Sourced<tune::Profile>> profile;    // --profile, POSTGRES_WORKLOAD(_TYPE)
    std::optional<Sourced<tune::Storage>> storage;    // --storage, POSTGRES_STORAGE(_TYPE)
    std::optional<Sourced<unsigned>> max_connections; // --max-connections, POSTGRES_MAX_CONNECTIONS
    std::optional<Sourced<unsigned>> pg_version;      // --pg-version
    // POSTGRES_SHARED_PRELOAD_LIBRARIES (set, even empty: exactly these libraries).
    std::optional<Sourced<std::vector<std::string>>> preload_libraries;
    // Whether this server takes part in streaming replication: a role is named
    // (POSTGRES_REPLICATION_ROLE or POSTGRESQL_REPLICATION_MODE) or a replication password is set.
    Sourced<bool> replication;
    // POSTGRES_CRON_DATABASE, else postgres (never the application's database by default).
    Sourced<std::string> cron_database;
    // Whether pg_cron is preloaded beside the preload candidates (its scheduler is a process of
    // its own, so it is asked for): POSTGRES_CRON_DATABASE is set or POSTGRES_EXTENSIONS names
    // it; at a start, also a cluster that last ran with it (cli/run_steps).
    Sourced<bool> cron_scheduler;
    // Memory other processes of the container take beside postgres (pgBackRest), subtracted
    // from what the plan is for (config/backup_variables.hpp).
    std::optional<Sourced<Bytes>> beside_postgres;
    std::optional<std::string> config_file; // PGFIT_CONFIG: pgfit.toml to read (must exist)
    std::string cache_directory;            // PGFIT_CACHE_DIR
};

Result<TuningChoices> read_tuning_choices(const Flags& flags, const Environment& environment);

// What detect/ needs of the choices: the memory and CPU overrides, with their origins.
detect::DetectOptions detect_options(const TuningChoices& choices);

} // namespace pgfit::config
