// initdb, run so that a stop at any moment leaves PGDATA recognisably unfinished: it writes into
// the staging directory PGDATA/pgfit-initdb.tmp (PGDATA itself already holds the in-progress
// marker), and the result is then moved into PGDATA, PG_VERSION last. Arguments, in the
// official order: --username, --pwfile (a 0600 file in the private work directory, removed
// right after; the password is never in argv or any environment), --waldir, --no-instructions,
// --no-sync (sync_pgdata follows),
// the words of POSTGRES_INITDB_ARGS with the data checksum choice (initdb/checksums.hpp, logged).
// Outcomes: done; failed (initdb's exit code; its own output says why); stopped (initdb got
// SIGTERM and cleaned up after itself).
#pragma once

#include <string>

#include "config/bootstrap_settings.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::initdb {

struct InitdbRun {
    std::string bindir;      // holds initdb
    std::string work_dir;    // private directory for the password file
    Environment environment; // initdb's environment (no secrets)
    unsigned major = 0;      // the server's: whether initdb knows --no-data-checksums
};

supervise::Step run_initdb(supervise::Supervisor& supervisor,
                           const config::BootstrapSettings& settings, const InitdbRun& run);

// PGDATA and its WAL directory (pg_wal, wherever its link points) made durable with one
// syncfs each. initdb runs with --no-sync and the temporary server with fsync=off; this makes
// their work durable once, before the complete marker (until then an interruption means a new
// init anyway). An fsync per file (initdb --sync-only) costs seconds on a slow virtual disk.
Result<void> sync_pgdata(const std::string& pgdata);

} // namespace pgfit::initdb
