// The bodies of the server path's steps that only join stages together (cli/run.cpp reads
// them top-down): each calls into the stage named in its comment and logs what it decided.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cluster/ensure_cluster.hpp"
#include "config/container.hpp"
#include "config/container_plan.hpp"
#include "detect/resources.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::cli {

// detect/ with the operator's POSTGRES_MEMORY / POSTGRES_CPUS; logs one resources line and
// each note.
detect::Resources detect_and_log(const config::TuningChoices& tuning);

// The plan (config/ → tune/), logged by config/; nullopt with POSTGRES_SKIP_AUTOCONFIG=true.
// A shared_preload_libraries on the command line is its preload list (above
// POSTGRES_SHARED_PRELOAD_LIBRARIES); a cluster that last ran with pg_cron keeps it.
Result<std::optional<config::PlanOutcome>>
plan_unless_skipped(supervise::Supervisor& supervisor, const config::ContainerConfig& config,
                    const detect::Resources& resources, const std::string& binary,
                    const std::vector<std::string>& operator_args);

// The binary's major version: the plan's, else `postgres --version` (cached in PGFIT_CACHE_DIR).
Result<unsigned> server_major(supervise::Supervisor& supervisor,
                              const config::ContainerConfig& config, const std::string& binary,
                              const std::optional<config::PlanOutcome>& plan);

// The first start's temporary server: the tuned flags the command line does not override,
// then the command line's own arguments (postgresql.auto.conf does not exist yet).
std::vector<std::string> first_start_arguments(const std::optional<config::PlanOutcome>& plan,
                                               const std::vector<std::string>& operator_args);

// The real server's arguments after the program name, composed by settings/ from the tuned
// settings, the operator's (command line, and postgresql.auto.conf read once, now that the
// cluster is ready) and, on a standby, the primary's minimums (replica/); with a pgBackRest
// repository, archiving through it (backup/), which wins over the operator's settings. Logs
// each tuned setting left to the operator and one summary line. `tls` (tls/install.hpp) joins
// the tuned layer, below the operator's.
Result<std::vector<std::string>>
compose_server_arguments(supervise::Supervisor& supervisor, const config::ContainerConfig& config,
                         const std::optional<config::PlanOutcome>& plan,
                         const cluster::ClusterReady& ready, const std::string& binary,
                         const std::vector<std::string>& operator_args,
                         const std::vector<tune::Setting>& tls);

// postgres as the supervised child, until it exits (its exit code, or 128 + signal); with
// PGFIT_EXEC=true, postgres replaces pgfit (returns only when exec failed: 127 or 126).
// `companion` works beside it (cli/server_companion.hpp; not with PGFIT_EXEC).
Result<int> start_postgres(supervise::Supervisor& supervisor, const std::string& binary,
                           const std::vector<std::string>& args, const cluster::ClusterReady& ready,
                           const config::RunOptions& run,
                           const supervise::ServerCompanion& companion = {});

// With a pgBackRest repository: PGDATA/pgfit-pgbackrest/pgbackrest.conf written (mode 0600),
// for the archiver, the scheduled backups and `pgfit backup` (backup/).
Result<void> write_backup_conf(const config::ContainerConfig& config);

// Any other command (bash, psql, `postgres --version`) runs unchanged as a supervised child;
// `postgres` not on PATH is found like the server. Returns its exit code.
Result<int> run_unchanged(supervise::Supervisor& supervisor, std::vector<std::string> args,
                          const Environment& environment);

} // namespace pgfit::cli
