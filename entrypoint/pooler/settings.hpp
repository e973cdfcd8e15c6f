// `pgfit pgbouncer`'s inputs, read from the environment by config/pooler_variables. Defaults fit
// the stacks in stacks/: PostgreSQL is the service `postgres`, the auth role is the one
// initdb.d/03-pgbouncer-auth.sql creates.
#pragma once

#include <string>
#include <vector>

namespace pgfit::pooler {

// A database PgBouncer routes: clients ask for `alias`, PgBouncer connects to `name`.
// PgBouncer's configuration file takes only [0-9A-Za-z_.-] in names, so `alias` must be of
// those; `name` may be anything.
struct RoutedDatabase {
    std::string alias;
    std::string name;

    bool operator==(const RoutedDatabase&) const = default;
};

struct PoolerSettings {
    std::string server_host = "postgres";     // PGBOUNCER_SERVER_HOST
    int server_port = 5432;                   // PGBOUNCER_SERVER_PORT
    std::string auth_user = "pgbouncer_auth"; // PGBOUNCER_AUTH_USER
    std::string auth_password;                // PGBOUNCER_AUTH_PASSWORD(_FILE), required
    std::vector<RoutedDatabase> databases;    // PGBOUNCER_DATABASES (comma list of NAME or
                                              // ALIAS=NAME), else POSTGRES_DB, else
                                              // POSTGRES_USER, else postgres
    std::string listen_addr = "*";            // PGBOUNCER_LISTEN_ADDR
    int listen_port = 6432;                   // PGBOUNCER_LISTEN_PORT
    std::string pool_mode = "transaction";    // PGBOUNCER_POOL_MODE
    int max_client_conn = 500;                // PGBOUNCER_MAX_CLIENT_CONN
    int direct_connections = 2;               // PGBOUNCER_DIRECT_CONNECTIONS
    int max_prepared_statements = 200;        // PGBOUNCER_MAX_PREPARED_STATEMENTS (1.21+)
    int wait_seconds = 120;                   // PGBOUNCER_WAIT_TIMEOUT: for the server to answer
    // server_tls_sslmode: PGBOUNCER_SERVER_TLS_SSLMODE, else `require` when the stack's server
    // requires TLS (POSTGRES_TLS=require), else empty: PgBouncer's own default.
    std::string server_tls_sslmode;
    std::string server_tls_ca_file; // PGBOUNCER_SERVER_TLS_CA_FILE, for verify-ca/verify-full
    std::string runtime_dir = "/var/run/pgbouncer";                  // PGBOUNCER_RUNTIME_DIR
    std::string template_path = "/etc/pgfit/pgbouncer.ini.template"; // PGFIT_PGBOUNCER_TEMPLATE
};

// Whether PgBouncer's configuration file accepts `name` as a database or user name.
bool is_pgbouncer_name(std::string_view name);

} // namespace pgfit::pooler
