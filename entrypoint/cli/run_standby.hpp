// The server path's step for a hot standby (PGDATA/standby.signal), on every start: the
// settings a standby must not have below its primary (replica/standby.hpp) and the
// primary's shared_preload_libraries, applied to what pgfit passes to postgres.
// - a tuned max_connections below the primary's: the plan is made again with max_connections
//   pinned to the primary's value (as POSTGRES_MAX_CONNECTIONS would), so work_mem and the
//   other per-connection settings shrink to fit the container;
// - any other tuned value below the primary's is raised in place;
// - an operator's value (command line or ALTER SYSTEM) or PostgreSQL's default below the
//   primary's: a trailing `-c name=<primary's>` after the operator's arguments (a warning for
//   the operator's);
// - shared_preload_libraries: the primary's first, then the tuner's own; an operator's value
//   is kept (a warning names the primary's libraries it lacks);
// - in replica mode, primary_conninfo from the environment as it is now (not as
//   `pg_basebackup -R` wrote it at clone time), so a changed POSTGRES_PRIMARY_HOST or _PORT is
//   followed; an operator's own primary_conninfo (one not naming pgfit's password file) is kept.
// One log line per raised setting, with both values and the reason.
#pragma once

#include <string>
#include <vector>

#include "cli/run_arguments.hpp"
#include "detect/resources.hpp"
#include "replica/settings.hpp"
#include "supervise/supervisor.hpp"
#include "tune/plan.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::cli {

struct StandbyContext {
    supervise::Supervisor& supervisor;
    const Environment& environment; // the container's, for a re-plan
    const detect::Resources& resources;
    const std::string& postgres_binary;
    const std::string& pgdata;
    const Environment& server_environment; // for pg_controldata
    bool autoconfig = true;                // false: POSTGRES_SKIP_AUTOCONFIG (no re-plan)
    const replica::ReplicaSettings* replica = nullptr; // set in replica mode
};

// `tuned` is updated (re-planned or raised in place); `chosen` is every operator setting
// (postgresql.auto.conf first, then the command line). Returns the trailing flags.
Result<std::vector<std::string>> adapt_for_standby(const StandbyContext& context,
                                                   std::vector<tune::Setting>& tuned,
                                                   const std::vector<OperatorSetting>& chosen);

// A primary's step on every start: the shared_preload_libraries it runs with (the operator's,
// else the tuned value) recorded for the replicas cloned from it
// (replica::record_primary_libraries). A failure is a warning: the primary itself is fine.
void record_libraries_for_replicas(const std::string& pgdata,
                                   const std::vector<tune::Setting>& tuned,
                                   const std::vector<OperatorSetting>& chosen);

} // namespace pgfit::cli
