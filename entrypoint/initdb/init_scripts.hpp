// Runs the init files against the temporary server, in order, stopping at the first failure:
// - `*.sh` executable: run as a child (`bash FILE` when it has no #! line);
// - `*.sh` not executable: sourced by bash (sh when there is no bash) after a compatibility shim
//   that defines `docker_process_sql` and the `psql=( docker_process_sql )` array, with
//   `set -Eeo pipefail`, as the official image does;
// - `*.sql`, `*.sql.gz`, `*.sql.xz`, `*.sql.zst`: pgfit's libpq runner (sql_file_runner.hpp),
//   decompressed by `gzip -dc`, `xz -dc` or `zstd -dc` into the private work directory first;
//   files with other backslash commands go to `psql -v ON_ERROR_STOP=1 --no-psqlrc`, with the
//   same variables bound by a `\set` preamble (not -v, so SCRAM verifiers stay out of `ps`);
// - anything else: "ignoring".
// The SQL files of `shipped_directory` (the image's own) share one session per database
// (`shipped_sessions`, psql/session_pool.hpp), all closed before any other file runs and when
// the run ends: the user's files find no session of pgfit's open, as under the official image.
// Every child runs in its own process group (a stop signal ends the group) with the
// container's environment plus PGHOST/PGPORT pointing at the temporary server's private socket,
// PGUSER (default POSTGRES_USER) and PGPASSWORD (default POSTGRES_PASSWORD), as the official
// image exports them; PGHOSTADDR and NOTIFY_SOCKET are removed.
#pragma once

#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "initdb/init_files.hpp"
#include "initdb/script_variables.hpp"
#include "psql/session_pool.hpp"
#include "psql/sql_session.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::initdb {

struct ScriptRun {
    supervise::Supervisor* supervisor = nullptr;
    std::string bindir;                 // psql is taken from here when present, else from PATH
    std::string work_dir;               // private: decompressed files, the shim, psql preambles
    std::string shipped_directory;      // PGFIT_INITDB_DIR, or empty
    psql::SessionPool shipped_sessions; // closed by run_init_files
    psql::ConnectionTarget target;
    VariableMap variables;
    Environment environment; // for every child
};

// The children's environment described above.
Environment script_environment(const config::BootstrapSettings& settings,
                               const psql::ConnectionTarget& target);

supervise::Step run_init_files(ScriptRun& run, const std::vector<InitFile>& files);

} // namespace pgfit::initdb
