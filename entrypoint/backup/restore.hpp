// A restore at start (PGFIT_RESTORE) instead of initdb, with the first start's completion-marker
// discipline: PGDATA/pgfit-init.state says "in-progress" (with a `source=pgbackrest-restore`
// line) before pgBackRest writes anything; the backup is restored into a staging directory
// inside PGDATA, pgfit's files of the backed-up cluster are dropped from it, its content is
// moved up (PG_VERSION last) and the marker says "complete" last. An interrupted restore is
// a copy: the next start removes it and restores again. The server then recovers from the
// repository's WAL up to the target (or to the end of the archive for `latest`) and promotes;
// no init script runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backup/backup_settings.hpp"
#include "backup/pgbackrest_conf.hpp"
#include "supervise/child_run.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::backup {

inline constexpr const char* k_restore_source_line = "source=pgbackrest-restore";
inline constexpr const char* k_restore_staging_name = "pgfit-restore.tmp";

// Whether an init marker's content is a restore's.
bool is_restore_marker(std::string_view marker);

// pgBackRest's restore options for a target (pure): type, target, target-action.
std::vector<std::string> restore_options(const RestoreTarget& target);

// "latest", "time 2026-12-04 23:05:00+00", ...
std::string describe(const RestoreTarget& target);

// Removes what an unfinished restore left (everything but the marker, lost+found, earlier
// move-asides), PG_VERSION first.
Result<void> remove_restore_leftovers(const std::string& pgdata);

// `pgbackrest restore` of the stanza into `staging` (created 0700 when missing) with `options`,
// as a child of the supervisor, its output in pgfit's log; the restore_command it writes is the
// one the server runs with (restore_command()), for PGDATA, not for the staging directory.
supervise::ChildRun restore_into(supervise::Supervisor& supervisor, const BackupSettings& settings,
                                 const Cluster& cluster, const Environment& environment,
                                 const std::string& staging,
                                 const std::vector<std::string>& options);

supervise::Step restore_cluster(supervise::Supervisor& supervisor, const BackupSettings& settings,
                                const Cluster& cluster, const Environment& environment);

} // namespace pgfit::backup
