#include "config/bootstrap_settings.hpp"

#include <array>
#include <unistd.h>

#include "config/defaults.hpp"
#include "config/secrets.hpp"
#include "config/values.hpp"
#include "initdb/shell_words.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

constexpr std::array<const char*, 3> k_variable_prefixes = {"POSTGRES_", "PGFIT_", "PGBOUNCER_"};

bool has_bound_prefix(std::string_view name) {
    for (const char* prefix : k_variable_prefixes) {
        if (name.starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

Unexpected both_set(const std::string& variable) {
    return official(
        fmt::format("error: both {} and {}_FILE are set (but are exclusive)", variable, variable));
}

// The official image's `file_env VAR [DEFAULT]`.
Result<void> file_env(Environment& environment, const std::string& variable,
                      const std::string& fallback) {
    const std::string file_variable = variable + "_FILE";
    const auto value = environment.get_non_empty(variable);
    const auto file = environment.get_non_empty(file_variable);
    if (value && file) {
        return both_set(variable);
    }
    std::string resolved = fallback;
    if (value) {
        resolved = *value;
    } else if (file) {
        PGFIT_TRY_ASSIGN(auto content, read_secret_file(file_variable, *file, true));
        resolved = std::move(content);
    }
    environment.set(variable, resolved);
    environment.unset(file_variable);
    return {};
}

// Every other X_PASSWORD / X_PASSWORD_FILE under a bound prefix, resolved to X_PASSWORD → value.
Result<std::map<std::string, std::string>> collect_secrets(const Environment& environment) {
    std::map<std::string, std::string> secrets;
    for (const auto& [name, value] : environment.variables()) {
        if (!has_bound_prefix(name) || value.empty()) {
            continue;
        }
        if (name.ends_with("_PASSWORD")) {
            if (environment.get_non_empty(name + "_FILE")) {
                return both_set(name);
            }
            secrets[name] = value;
        } else if (name.ends_with("_PASSWORD_FILE")) {
            const std::string base = name.substr(0, name.size() - 5);
            PGFIT_TRY_ASSIGN(auto content, read_secret_file(name, value, false));
            secrets[base] = std::move(content);
        }
    }
    return secrets;
}

Result<int> read_port(const Environment& environment) {
    const auto text = environment.get_non_empty("PGPORT");
    if (!text) {
        return 5432;
    }
    return parse_tcp_port(*text, "PGPORT");
}

} // namespace

Result<BootstrapSettings> read_bootstrap_settings(const Environment& environment) {
    BootstrapSettings settings;
    settings.environment = environment;
    Environment& resolved = settings.environment;
    PGFIT_TRY(file_env(resolved, "POSTGRES_PASSWORD", ""));
    PGFIT_TRY(file_env(resolved, "POSTGRES_USER", "postgres"));
    PGFIT_TRY(file_env(resolved, "POSTGRES_DB", *resolved.get("POSTGRES_USER")));
    PGFIT_TRY(file_env(resolved, "POSTGRES_INITDB_ARGS", ""));

    PGFIT_TRY_ASSIGN(auto secrets, collect_secrets(resolved));
    settings.secrets = std::move(secrets);
    settings.user = *resolved.get("POSTGRES_USER");
    settings.database = *resolved.get("POSTGRES_DB");
    settings.password = *resolved.get("POSTGRES_PASSWORD");

    PGFIT_TRY_ASSIGN(auto words,
                     as_bad_input(initdb::split_shell_words(*resolved.get("POSTGRES_INITDB_ARGS"),
                                                            "POSTGRES_INITDB_ARGS")));
    settings.initdb_args = std::move(words);
    settings.waldir = resolved.get_non_empty("POSTGRES_INITDB_WALDIR").value_or("");
    if (!settings.waldir.empty()) {
        settings.waldir = absolute_path(settings.waldir);
    }
    settings.host_auth_method = resolved.get_non_empty("POSTGRES_HOST_AUTH_METHOD").value_or("");
    if (settings.host_auth_method.find_first_of("\r\n") != std::string::npos) {
        return bad_input("POSTGRES_HOST_AUTH_METHOD",
                         "contains a line break; expected one pg_hba.conf method such as "
                         "scram-sha-256, md5 or trust");
    }
    PGFIT_TRY_ASSIGN(auto port, read_port(resolved));
    settings.port = port;
    PGFIT_TRY_ASSIGN(auto reinit, read_switch(resolved, "PGFIT_REINIT_INCOMPLETE"));
    settings.reinit_incomplete = reinit;
    PGFIT_TRY_ASSIGN(auto checksums, read_switch(resolved, "PGFIT_DATA_CHECKSUMS", true));
    settings.data_checksums = checksums;
    PGFIT_TRY_ASSIGN(auto init_template, read_switch(resolved, "PGFIT_INIT_TEMPLATE", true));
    settings.init_template = init_template;
    if (const auto refresh = resolved.get_non_empty("PGFIT_REFRESH_COLLATION")) {
        PGFIT_TRY_ASSIGN(settings.collation_refresh,
                         parse_collation_refresh(*refresh, "PGFIT_REFRESH_COLLATION"));
    }
    settings.pgdata = absolute_path(resolved.get_non_empty("PGDATA").value_or(k_default_pgdata));
    settings.socket_directory =
        resolved.get_non_empty("PGFIT_SOCKET_DIR").value_or(k_default_socket_directory);
    if (const auto shipped = resolved.get_non_empty("PGFIT_INITDB_DIR");
        shipped && *shipped != k_user_initdb_directory) {
        settings.init_directories.push_back(*shipped);
    }
    settings.init_directories.push_back(k_user_initdb_directory);
    return settings;
}

std::string missing_password_message() {
    return R"(Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
)";
}

std::string trust_warning() {
    return R"(********************************************************************************
WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
         anyone with access to the Postgres port to access your database without
         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
         documentation about "trust":
         https://www.postgresql.org/docs/current/auth-trust.html
         In Docker's default configuration, this is effectively any other
         container on the same system.

         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
         it with "-e POSTGRES_PASSWORD=password" instead to set a password in
         "docker run".
********************************************************************************
)";
}

} // namespace pgfit::config
