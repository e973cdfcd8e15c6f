// initdb, run into a directory of its own: on a first start the staging directory
// PGDATA/pgfit-initdb.tmp (PGDATA itself already holds the in-progress marker), whose content
// first_start then moves into PGDATA, PG_VERSION last, so a stop at any moment leaves PGDATA
// recognisably unfinished; for `pgfit template`, the image's template cluster. Arguments, in the
// official order: --username, --pwfile (a 0600 file in the private work directory, removed
// right after; the password is never in argv or any environment), then initdb_options:
// --waldir, --no-instructions, --no-sync (sync_pgdata follows), the words of
// POSTGRES_INITDB_ARGS with the data checksum choice (initdb/checksums.hpp).
// Outcomes: done; failed (initdb's exit code; its own output says why); stopped (initdb got
// SIGTERM and cleaned up after itself).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "initdb/checksums.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::initdb {

struct InitdbRun {
    std::string bindir;      // holds initdb
    std::string work_dir;    // private directory for the password file
    Environment environment; // initdb's environment (no secrets)
    unsigned major = 0;      // the server's: whether initdb knows --no-data-checksums
    // The user initdb runs as when pgfit is root (`pgfit template`); nullopt: pgfit's own.
    std::optional<supervise::ChildSpec::Identity> identity;
};

// The words after -D, --username and --pwfile, and the checksum choice among them. They and the
// initdb binary are all that decides the cluster but the superuser's name and password and the
// locale environment (initdb/template_cluster.hpp compares them).
struct InitdbOptions {
    std::vector<std::string> words;
    ChecksumChoice checksums;
};
InitdbOptions initdb_options(const config::BootstrapSettings& settings, unsigned major);

supervise::Step run_initdb(supervise::Supervisor& supervisor,
                           const config::BootstrapSettings& settings, const InitdbRun& run,
                           const std::string& into);

// PGDATA and its WAL directory (pg_wal, wherever its link points) made durable with one
// syncfs each. initdb runs with --no-sync and the temporary server with fsync=off; this makes
// their work durable once, before the complete marker (until then an interruption means a new
// init anyway). An fsync per file (initdb --sync-only) costs seconds on a slow virtual disk.
Result<void> sync_pgdata(const std::string& pgdata);

} // namespace pgfit::initdb
