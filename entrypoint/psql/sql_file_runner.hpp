// Runs an init SQL file through libpq, the way `psql -v ON_ERROR_STOP=1 -f FILE` would:
// statements one by one in autocommit mode, psql variables substituted (init files get theirs
// from initdb/script_variables.hpp), \c, \set, \unset, \echo, \i and \ir done by pgfit, COPY
// FROM STDIN data read from the file.
// The first failing statement stops everything: `<file>:<line>: ERROR: <message>` (the line of
// the statement's first token). Before running a file (an included one too) pgfit scans it
// whole; one with any other backslash command is run by psql instead (`run_with_psql`).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "psql/sql_session.hpp"
#include "psql/variable_substitution.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::psql {

class SessionPool;

struct SqlFileContext {
    supervise::Supervisor* supervisor = nullptr;
    ConnectionTarget target;     // where files start: POSTGRES_DB as POSTGRES_USER
    VariableMap variables;       // \set changes them for the rest of the file and its includes
    SessionPool* pool = nullptr; // when set, files start on its sessions and \c takes them
    // Runs `path` (whose display name is `shown_as`) with psql; used for files pgfit cannot run.
    std::function<supervise::Step(const std::string& path, const std::string& shown_as)>
        run_with_psql;
};

// Why pgfit cannot run `text` itself (e.g. `\gset at line 12`), or nullopt when it can.
std::optional<std::string> psql_only_reason(std::string_view text);

// Runs the file at `path`; `shown_as` is the name used in messages (the original name of a
// decompressed file).
supervise::Step run_sql_file(SqlFileContext& context, const std::string& path,
                             const std::string& shown_as);

} // namespace pgfit::psql
