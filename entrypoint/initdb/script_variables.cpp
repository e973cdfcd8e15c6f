#include "initdb/script_variables.hpp"

#include "config/secrets.hpp"

namespace pgfit::initdb {

namespace {

bool is_bound_name(std::string_view name) {
    return name.starts_with("POSTGRES_") || name.starts_with("PGFIT_") ||
           name.starts_with("PGBOUNCER_");
}

} // namespace

const std::vector<DocumentedVariable>& documented_variables() {
    static const std::vector<DocumentedVariable> table = {
        {"POSTGRES_USER", "the bootstrap superuser (default `postgres`)"},
        {"POSTGRES_DB", "the database created at init (default: POSTGRES_USER)"},
        {"POSTGRES_EXTENSIONS",
         "comma list of extensions that must exist; a missing one fails the init"},
        {"POSTGRES_CRON_DATABASE", "the database pg_cron runs in (default: postgres)"},
        {"POSTGRES_REPLICATION_USER", "the streaming replication role (default `replicator`)"},
        {"POSTGRES_REPLICATION_PASSWORD_SCRAM",
         "SCRAM verifier of POSTGRES_REPLICATION_PASSWORD(_FILE); empty: no replication"},
        {"POSTGRES_REPLICATION_SLOTS",
         "comma list of physical slots (default `replica1` when replication is on)"},
        {"POSTGRES_REPLICATION_NETWORK", "pg_hba address for replicas (default `samenet`)"},
        {"PGBOUNCER_AUTH_USER", "PgBouncer's auth_query role (default `pgbouncer_auth`)"},
        {"PGBOUNCER_AUTH_PASSWORD_SCRAM", "SCRAM verifier of PGBOUNCER_AUTH_PASSWORD(_FILE)"},
        {"POSTGRES_MONITOR_USER", "the monitoring role (default `postgres_exporter`)"},
        {"POSTGRES_MONITOR_PASSWORD_SCRAM", "SCRAM verifier of POSTGRES_MONITOR_PASSWORD(_FILE)"},
        {"POSTGRES_APP_USER", "an application role to create (default: none)"},
        {"POSTGRES_APP_PASSWORD_SCRAM", "SCRAM verifier of POSTGRES_APP_PASSWORD(_FILE)"},
        {"POSTGRES_PGAUDIT_LOG",
         "pgaudit.log written by ALTER SYSTEM at init (the image sets `ddl,role`; empty: none)"},
    };
    return table;
}

bool replication_enabled(const config::BootstrapSettings& settings) {
    return settings.secrets.contains("POSTGRES_REPLICATION_PASSWORD");
}

VariableMap plain_script_variables(const config::BootstrapSettings& settings) {
    VariableMap variables;
    for (const auto& [name, value] : settings.environment.variables()) {
        if (is_bound_name(name) && !config::is_secret_name(name)) {
            variables[name] = value;
        }
    }
    const auto set_default = [&](const char* name, const std::string& fallback) {
        auto& value = variables[name];
        if (value.empty()) {
            value = fallback;
        }
    };
    variables["POSTGRES_USER"] = settings.user;
    variables["POSTGRES_DB"] = settings.database;
    set_default("POSTGRES_CRON_DATABASE", "postgres");
    set_default("POSTGRES_REPLICATION_USER", "replicator");
    set_default("POSTGRES_REPLICATION_SLOTS", replication_enabled(settings) ? "replica1" : "");
    set_default("POSTGRES_REPLICATION_NETWORK", "samenet");
    set_default("PGBOUNCER_AUTH_USER", "pgbouncer_auth");
    set_default("POSTGRES_MONITOR_USER", "postgres_exporter");
    for (const auto& row : documented_variables()) {
        variables.try_emplace(row.name, "");
    }
    return variables;
}

Result<void>
add_scram_verifiers(VariableMap& variables, const config::BootstrapSettings& settings,
                    const std::function<Result<std::string>(const std::string&)>& scram) {
    for (const auto& [name, password] : settings.secrets) {
        auto verifier = scram(password);
        if (!verifier) {
            return Unexpected{Error{name, verifier.error().message}};
        }
        variables[name + "_SCRAM"] = std::move(*verifier);
    }
    return {};
}

} // namespace pgfit::initdb
