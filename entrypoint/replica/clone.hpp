// The first start of a streaming replica: PGDATA becomes a copy of the primary made by
// `pg_basebackup -X stream -S <slot> -R -w -c fast`, run as the server's user under the
// supervisor. Safe against interruption with the init marker (cluster/pgdata_state.hpp):
// - the marker `state=in-progress` with the line `source=pg_basebackup` is written into the
//   empty PGDATA first; pg_basebackup writes into PGDATA/pgfit-clone.tmp, whose content is
//   moved up (PG_VERSION last) only after it succeeded; the marker becomes `state=complete`
//   (fsynced) last. A directory without that complete marker is a copy in progress: it is
//   removed and cloned again, never one that holds a completed cluster.
// - the replication password reaches pg_basebackup only through a libpq password file
//   (PGDATA/pgfit-replication.pgpass, 0600), so `primary_conninfo` names the file
//   (passfile=...) and holds no password; application_name is the slot name.
// - a failed pg_basebackup is cleaned up and retried with backoff until the wait timeout; a
//   stop signal stops it, cleans up and reports stopped.
// - with a pgBackRest repository (PGFIT_REPLICA_SEED), the copy is first restored from the
//   repository's newest backup into the same staging directory, so a large primary is not
//   read in full: the standby replays the archived WAL and then streams through its slot. The
//   copy must be of the primary's database system (pg_controldata), else the start fails; a
//   repository without a backup, or a failed restore, falls back to pg_basebackup unless
//   PGFIT_REPLICA_SEED=repository.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "replica/settings.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"

namespace pgfit::replica {

inline constexpr const char* k_passfile_name = "pgfit-replication.pgpass";
inline constexpr const char* k_primary_libraries_name = "pgfit-primary-libraries";
inline constexpr const char* k_clone_staging_name = "pgfit-clone.tmp";
inline constexpr const char* k_clone_source_line = "source=pg_basebackup";

// Whether an init marker's content says it belongs to a pgfit clone.
bool is_clone_marker(std::string_view marker);

// Writes (replaces) PGDATA/pgfit-replication.pgpass for `settings`, mode 0600, owned by the
// calling user (the server's user by then); returns its path. Done on every replica start, so
// a changed password reaches the standby's next connection to the primary.
Result<std::string> write_passfile(const std::string& pgdata, const ReplicaSettings& settings);

// Removes everything a clone left in PGDATA except the marker, the password file, lost+found
// and earlier move-asides (PG_VERSION first); the next clone rewrites the marker.
Result<void> remove_clone_leftovers(const std::string& pgdata);

// What a restore from the repository into the staging directory came to: `step` done with an
// empty `unavailable` is a restored copy; done with `unavailable` set is no copy, and why
// ("stanza 'main' holds no backup"); stopped or failed as any step.
struct RepositorySeed {
    supervise::Step step = supervise::Step::done();
    std::string unavailable;
};
using SeedFromRepository =
    std::function<RepositorySeed(supervise::Supervisor&, const std::string& staging)>;

struct CloneRequest {
    std::string bindir;      // holds pg_basebackup and pg_controldata
    std::string pgdata;      // absolute; empty apart from what remove_clone_leftovers keeps
    Environment environment; // for pg_basebackup: no secrets
    // Set when a repository is configured and PGFIT_REPLICA_SEED is not pg_basebackup.
    SeedFromRepository from_repository = {};
};

// Writes the in-progress marker, then the password file, then clones (see above).

supervise::Step clone_primary(supervise::Supervisor& supervisor, const ReplicaSettings& settings,
                              const CloneRequest& request);

} // namespace pgfit::replica
