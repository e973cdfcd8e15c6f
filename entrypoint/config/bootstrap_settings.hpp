// The official image's environment contract, read once at start (as root, before privileges
// are dropped, so root-only secret files work):
// - `_FILE` variants of POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, POSTGRES_INITDB_ARGS
//   (all trailing newlines stripped, as `$(< file)`); both set → the official error text;
// - every other `POSTGRES_*`/`PGFIT_*`/`PGBOUNCER_*` secret (`X_PASSWORD` or `X_PASSWORD_FILE`,
//   one trailing newline stripped) collected for the init-script bindings;
// - defaults: POSTGRES_USER=postgres, POSTGRES_DB=$POSTGRES_USER, PGDATA=/var/lib/postgresql/data,
//   PGPORT=5432;
// - checks: PGPORT is a port, POSTGRES_INITDB_ARGS splits like a shell line,
//   POSTGRES_HOST_AUTH_METHOD holds no line break, PGFIT_REINIT_INCOMPLETE,
//   PGFIT_DATA_CHECKSUMS and PGFIT_INIT_TEMPLATE are switches, PGFIT_REFRESH_COLLATION is warn,
//   reindex or off.
// Errors copied from the official image are `verbatim` (exit 1); every other one is
// ErrorKind::bad_input and names the variable.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/defaults.hpp"
#include "config/values.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

struct BootstrapSettings {
    // The container's environment after `file_env`: X holds the value read from X_FILE and
    // X_FILE is gone, for the four official variables. Secrets are still in it.
    Environment environment;
    std::string pgdata;   // absolute
    std::string user;     // POSTGRES_USER
    std::string database; // POSTGRES_DB
    std::string password; // POSTGRES_PASSWORD; empty when not given
    std::vector<std::string> initdb_args;
    std::string waldir;           // POSTGRES_INITDB_WALDIR; empty when not given
    std::string host_auth_method; // POSTGRES_HOST_AUTH_METHOD; empty: the server's
                                  // password_encryption
    int port = 5432;              // PGPORT
    std::string socket_directory; // PGFIT_SOCKET_DIR, default /var/run/postgresql
    // Directories whose scripts run at first start, in this order: PGFIT_INITDB_DIR (the image's
    // shipped scripts), then /docker-entrypoint-initdb.d (the user's).
    std::vector<std::string> init_directories;
    bool reinit_incomplete = false; // PGFIT_REINIT_INCOMPLETE
    bool data_checksums = true;     // PGFIT_DATA_CHECKSUMS (POSTGRES_INITDB_ARGS may say otherwise)
    bool init_template = true;      // PGFIT_INIT_TEMPLATE: copy the image's template cluster
    CollationRefresh collation_refresh = CollationRefresh::warn; // PGFIT_REFRESH_COLLATION
    // X_PASSWORD → password, for every secret named in the environment (POSTGRES_PASSWORD too).
    std::map<std::string, std::string> secrets;

    bool trust() const { return host_auth_method == "trust"; }
};

Result<BootstrapSettings> read_bootstrap_settings(const Environment& environment);

// The official image's refusal when POSTGRES_PASSWORD is missing on a first start (stderr, exit 1).
std::string missing_password_message();

// The official image's warning when POSTGRES_HOST_AUTH_METHOD=trust (stderr).
std::string trust_warning();

} // namespace pgfit::config
