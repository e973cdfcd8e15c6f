// Every environment variable pgfit reads, in one table: its name, the other names it answers
// to (Bitnami's, older spellings), who consumes it, whether it is a secret (also read from
// NAME_FILE) and whether it belongs to the official image's contract (whose own messages keep
// the official exit code 1; every other bad value exits 2). A test keeps this table, README's
// variable tables and the names the sources read in step (tests/config/test_variables.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/environment.hpp"

namespace pgfit::config {

enum class Consumer {
    run,          // pgfit's own switches (config/run_options)
    tuning,       // the tuner's inputs (config/tuning_choices)
    bootstrap,    // the official image's first-start contract (config/bootstrap_settings)
    replica,      // a streaming replica (config/replica_variables)
    tls,          // the server's TLS (config/tls_variables)
    pooler,       // `pgfit pgbouncer` (config/pooler_variables)
    init_scripts, // read only by the shipped init scripts, as psql variables
    roles,        // the roles kept in step at every start and on SIGHUP (config/roles_variables)
    backup,       // pgBackRest backups and restore (config/backup_variables)
};

struct Variable {
    std::string_view name;
    std::vector<std::string_view> aliases;
    Consumer consumer;
    bool secret = false;   // NAME or NAME_FILE
    bool official = false; // the official postgres image's variable
};

std::span<const Variable> variables();

// The row whose name or alias is `name` (NAME_FILE finds a secret's row); nullptr if none.
const Variable* find_variable(std::string_view name);

// One warning per PGFIT_* variable in `environment` that pgfit does not know (a typo such as
// PGFIT_STOP_TIMOUT would otherwise be silently ignored), naming the closest known variable.
std::vector<std::string> unknown_pgfit_variables(const Environment& environment);

} // namespace pgfit::config
