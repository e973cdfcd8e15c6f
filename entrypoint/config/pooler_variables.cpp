#include "config/pooler_variables.hpp"

#include <algorithm>

#include "config/secrets.hpp"
#include "config/values.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

Result<void> read_int(const Environment& environment, std::string_view name, int min, int max,
                      int& value) {
    const auto text = environment.get_non_empty(name);
    if (!text) {
        return {};
    }
    const auto parsed = parse_uint64(trim(*text));
    if (!parsed || *parsed < static_cast<std::uint64_t>(min) ||
        *parsed > static_cast<std::uint64_t>(max)) {
        return bad_input(std::string(name), "'{}' is not a whole number from {} to {}", *text, min,
                         max);
    }
    value = static_cast<int>(*parsed);
    return {};
}

Result<void> read_port(const Environment& environment, std::string_view name, int& value) {
    if (const auto text = environment.get_non_empty(name)) {
        PGFIT_TRY_ASSIGN(value, parse_tcp_port(*text, name));
    }
    return {};
}

void read_text(const Environment& environment, std::string_view name, std::string& value) {
    if (const auto text = environment.get_non_empty(name)) {
        value = *text;
    }
}

Result<pooler::RoutedDatabase> routed_database(std::string_view entry, std::string_view variable) {
    const auto equals = entry.find('=');
    pooler::RoutedDatabase database;
    database.name =
        std::string(trim(equals == std::string_view::npos ? entry : entry.substr(equals + 1)));
    database.alias = equals == std::string_view::npos ? database.name
                                                      : std::string(trim(entry.substr(0, equals)));
    if (!pooler::is_pgbouncer_name(database.alias)) {
        return bad_input(
            std::string(variable),
            "PgBouncer cannot route a database named '{}' (its configuration file takes "
            "only 0-9 A-Z a-z _ . -); "
            "give it another name for clients: PGBOUNCER_DATABASES=ALIAS={}",
            database.alias, database.name);
    }
    return database;
}

Result<std::vector<pooler::RoutedDatabase>> read_databases(const Environment& environment) {
    std::vector<pooler::RoutedDatabase> databases;
    if (const auto list = environment.get_non_empty("PGBOUNCER_DATABASES")) {
        for (const auto entry : split(*list, ',')) {
            if (trim(entry).empty()) {
                continue;
            }
            auto database = routed_database(entry, "PGBOUNCER_DATABASES");
            PGFIT_TRY(database);
            databases.push_back(std::move(*database));
        }
        if (databases.empty()) {
            return bad_input("PGBOUNCER_DATABASES",
                             "'{}' names no database; expected a comma list of NAME or ALIAS=NAME",
                             *list);
        }
        return databases;
    }
    const std::string name =
        environment.get_non_empty("POSTGRES_DB")
            .value_or(environment.get_non_empty("POSTGRES_USER").value_or("postgres"));
    auto database = routed_database(name, "PGBOUNCER_DATABASES");
    PGFIT_TRY(database);
    databases.push_back(std::move(*database));
    return databases;
}

// PGBOUNCER_AUTH_PASSWORD, or the file named by PGBOUNCER_AUTH_PASSWORD_FILE (one trailing
// newline removed, as for every secret of the init-script contract).
Result<std::string> read_auth_password(const Environment& environment) {
    auto password = read_secret(environment, "PGBOUNCER_AUTH_PASSWORD");
    PGFIT_TRY(password);
    return password->value_or("");
}

// How PgBouncer connects to the server: the stacks give both containers the same POSTGRES_TLS,
// so a server that requires TLS gets TLS from PgBouncer without another variable.
Result<void> read_server_tls(const Environment& environment, pooler::PoolerSettings& settings) {
    if (const auto text = environment.get_non_empty("PGBOUNCER_SERVER_TLS_SSLMODE")) {
        PGFIT_TRY_ASSIGN(settings.server_tls_sslmode,
                         parse_sslmode(*text, "PGBOUNCER_SERVER_TLS_SSLMODE"));
    } else if (const auto tls = environment.get_non_empty("POSTGRES_TLS");
               tls && to_lower(trim(*tls)) == "require") {
        settings.server_tls_sslmode = "require";
    }
    read_text(environment, "PGBOUNCER_SERVER_TLS_CA_FILE", settings.server_tls_ca_file);
    if (settings.server_tls_sslmode.starts_with("verify-") && settings.server_tls_ca_file.empty()) {
        return bad_input("PGBOUNCER_SERVER_TLS_SSLMODE",
                         "{} checks the server's certificate against a CA; set "
                         "PGBOUNCER_SERVER_TLS_CA_FILE to its file",
                         settings.server_tls_sslmode);
    }
    return {};
}

} // namespace

Result<pooler::PoolerSettings> read_pooler_settings(const Environment& environment) {
    pooler::PoolerSettings settings;
    read_text(environment, "PGBOUNCER_SERVER_HOST", settings.server_host);
    read_text(environment, "PGBOUNCER_AUTH_USER", settings.auth_user);
    read_text(environment, "PGBOUNCER_LISTEN_ADDR", settings.listen_addr);
    read_text(environment, "PGBOUNCER_RUNTIME_DIR", settings.runtime_dir);
    read_text(environment, "PGFIT_PGBOUNCER_TEMPLATE", settings.template_path);
    PGFIT_TRY(read_port(environment, "PGBOUNCER_SERVER_PORT", settings.server_port));
    PGFIT_TRY(read_port(environment, "PGBOUNCER_LISTEN_PORT", settings.listen_port));
    PGFIT_TRY(
        read_int(environment, "PGBOUNCER_MAX_CLIENT_CONN", 1, 1000000, settings.max_client_conn));
    PGFIT_TRY(read_int(environment, "PGBOUNCER_DIRECT_CONNECTIONS", 0, 10000,
                       settings.direct_connections));
    PGFIT_TRY(read_int(environment, "PGBOUNCER_MAX_PREPARED_STATEMENTS", 0, 100000,
                       settings.max_prepared_statements));
    PGFIT_TRY(read_int(environment, "PGBOUNCER_WAIT_TIMEOUT", 0, 86400, settings.wait_seconds));

    PGFIT_TRY(read_server_tls(environment, settings));
    if (const auto mode = environment.get_non_empty("PGBOUNCER_POOL_MODE")) {
        if (*mode != "transaction" && *mode != "session" && *mode != "statement") {
            return bad_input("PGBOUNCER_POOL_MODE",
                             "'{}' is not a pool mode; expected transaction, session or statement",
                             *mode);
        }
        settings.pool_mode = *mode;
    }
    auto databases = read_databases(environment);
    PGFIT_TRY(databases);
    settings.databases = std::move(*databases);

    if (!pooler::is_pgbouncer_name(settings.auth_user)) {
        return bad_input("PGBOUNCER_AUTH_USER",
                         "'{}' cannot be a PgBouncer user name; use only 0-9 A-Z a-z _ . -",
                         settings.auth_user);
    }
    auto password = read_auth_password(environment);
    PGFIT_TRY(password);
    if (password->empty()) {
        return bad_input(
            "PGBOUNCER_AUTH_PASSWORD",
            "no password for the auth user '{}'; set PGBOUNCER_AUTH_PASSWORD or "
            "PGBOUNCER_AUTH_PASSWORD_FILE (the same password the database's init used)",
            settings.auth_user);
    }
    settings.auth_password = std::move(*password);
    return settings;
}

} // namespace pgfit::config
