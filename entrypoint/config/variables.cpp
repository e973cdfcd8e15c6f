#include "config/variables.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pgfit::config {

namespace {

using enum Consumer;

const std::vector<Variable>& table() {
    static const std::vector<Variable> rows = {
        // pgfit's own switches
        {"PGFIT_STOP_TIMEOUT", {}, run},
        {"PGFIT_SMART_TIMEOUT", {}, run},
        {"PGFIT_EXEC", {}, run},
        {"PGFIT_TRACE", {}, run},
        {"PGFIT_LOG_LEVEL", {}, run},
        {"POSTGRES_SKIP_AUTOCONFIG", {}, run},
        // the tuner's inputs
        {"POSTGRES_MEMORY", {}, tuning},
        {"POSTGRES_CPUS", {}, tuning},
        {"POSTGRES_WORKLOAD", {"POSTGRES_WORKLOAD_TYPE"}, tuning},
        {"POSTGRES_STORAGE", {"POSTGRES_STORAGE_TYPE"}, tuning},
        {"POSTGRES_MAX_CONNECTIONS", {}, tuning},
        {"POSTGRES_SHARED_PRELOAD_LIBRARIES", {}, tuning},
        {"POSTGRES_CRON_DATABASE", {}, tuning},
        {"PGFIT_CONFIG", {}, tuning},
        {"PGFIT_CACHE_DIR", {}, tuning},
        // the official image's contract, and pgfit's first start
        {"POSTGRES_PASSWORD", {}, bootstrap, true, true},
        {"POSTGRES_USER", {}, bootstrap, true, true},
        {"POSTGRES_DB", {}, bootstrap, true, true},
        {"POSTGRES_INITDB_ARGS", {}, bootstrap, true, true},
        {"POSTGRES_INITDB_WALDIR", {}, bootstrap, false, true},
        {"POSTGRES_HOST_AUTH_METHOD", {}, bootstrap, false, true},
        {"PGDATA", {}, bootstrap, false, true},
        {"PGPORT", {}, bootstrap, false, true},
        {"PGFIT_INITDB_DIR", {}, bootstrap},
        {"PGFIT_REINIT_INCOMPLETE", {}, bootstrap},
        {"PGFIT_DATA_CHECKSUMS", {}, bootstrap},
        {"PGFIT_INIT_TEMPLATE", {}, bootstrap},
        {"PGFIT_REFRESH_COLLATION", {}, bootstrap},
        {"PGFIT_SOCKET_DIR", {}, bootstrap},
        // streaming replication
        {"POSTGRES_REPLICATION_ROLE", {"POSTGRESQL_REPLICATION_MODE"}, replica},
        {"POSTGRES_PRIMARY_HOST", {"POSTGRESQL_MASTER_HOST"}, replica},
        {"POSTGRES_PRIMARY_PORT", {"POSTGRESQL_MASTER_PORT_NUMBER"}, replica},
        {"POSTGRES_REPLICATION_USER", {"POSTGRESQL_REPLICATION_USER"}, replica},
        {"POSTGRES_REPLICATION_PASSWORD", {"POSTGRESQL_REPLICATION_PASSWORD"}, replica, true},
        {"POSTGRES_REPLICATION_SLOT", {}, replica},
        {"POSTGRES_PRIMARY_SSLMODE", {}, replica},
        {"POSTGRES_PRIMARY_SSLROOTCERT", {}, replica},
        {"PGFIT_PRIMARY_WAIT_TIMEOUT", {}, replica},
        {"PGFIT_REPLICA_SEED", {}, replica},
        // TLS (config/tls_variables)
        {"POSTGRES_TLS", {"POSTGRESQL_ENABLE_TLS"}, tls},
        {"POSTGRES_TLS_CERT_FILE", {"POSTGRESQL_TLS_CERT_FILE"}, tls},
        {"POSTGRES_TLS_KEY_FILE", {"POSTGRESQL_TLS_KEY_FILE"}, tls},
        {"POSTGRES_TLS_CA_FILE", {"POSTGRESQL_TLS_CA_FILE"}, tls},
        {"POSTGRES_TLS_CRL_FILE", {"POSTGRESQL_TLS_CRL_FILE"}, tls},
        {"POSTGRES_TLS_MIN_VERSION", {}, tls},
        // `pgfit pgbouncer`
        {"PGBOUNCER_SERVER_HOST", {}, pooler},
        {"PGBOUNCER_SERVER_PORT", {}, pooler},
        {"PGBOUNCER_AUTH_USER", {}, pooler},
        {"PGBOUNCER_AUTH_PASSWORD", {}, pooler, true},
        {"PGBOUNCER_DATABASES", {}, pooler},
        {"PGBOUNCER_POOL_MODE", {}, pooler},
        {"PGBOUNCER_MAX_CLIENT_CONN", {}, pooler},
        {"PGBOUNCER_LISTEN_ADDR", {}, pooler},
        {"PGBOUNCER_LISTEN_PORT", {}, pooler},
        {"PGBOUNCER_DIRECT_CONNECTIONS", {}, pooler},
        {"PGBOUNCER_MAX_PREPARED_STATEMENTS", {}, pooler},
        {"PGBOUNCER_WAIT_TIMEOUT", {}, pooler},
        {"PGBOUNCER_SERVER_TLS_SSLMODE", {}, pooler},
        {"PGBOUNCER_SERVER_TLS_CA_FILE", {}, pooler},
        {"PGBOUNCER_RUNTIME_DIR", {}, pooler},
        {"PGFIT_PGBOUNCER_TEMPLATE", {}, pooler},
        // the shipped init scripts (initdb.d/), bound as psql variables
        {"POSTGRES_EXTENSIONS", {}, init_scripts},
        {"POSTGRES_REPLICATION_SLOTS", {}, init_scripts},
        {"POSTGRES_REPLICATION_NETWORK", {}, init_scripts},
        {"POSTGRES_MONITOR_USER", {}, init_scripts},
        {"POSTGRES_MONITOR_PASSWORD", {}, init_scripts, true},
        {"POSTGRES_APP_USER", {}, init_scripts},
        {"POSTGRES_APP_PASSWORD", {}, init_scripts, true},
        {"POSTGRES_PGAUDIT_LOG", {}, init_scripts},
        // declared databases and roles, the superuser's access (config/roles_variables)
        {"PGFIT_DATABASES_FILE", {}, roles},
        {"POSTGRES_MULTIPLE_DATABASES", {}, roles},
        {"POSTGRES_SUPERUSER_LOCAL_ONLY", {}, roles},
        // backups with pgBackRest (other PGBACKREST_* variables pass through to pgBackRest)
        {"PGBACKREST_REPO1_PATH", {}, backup},
        {"PGBACKREST_REPO1_TYPE", {}, backup},
        {"PGBACKREST_REPO1_S3_ENDPOINT", {}, backup},
        {"PGBACKREST_REPO1_S3_BUCKET", {}, backup},
        {"PGBACKREST_REPO1_S3_REGION", {}, backup},
        {"PGBACKREST_REPO1_S3_KEY", {}, backup, true},
        {"PGBACKREST_REPO1_S3_KEY_SECRET", {}, backup, true},
        {"PGBACKREST_REPO1_CIPHER_PASS", {}, backup, true},
        {"PGBACKREST_REPO1_RETENTION_FULL", {}, backup},
        {"PGBACKREST_REPO1_RETENTION_DIFF", {}, backup},
        {"PGBACKREST_PROCESS_MAX", {}, backup},
        {"PGBACKREST_STANZA", {}, backup},
        {"PGFIT_BACKUP_RPO", {}, backup},
        {"PGFIT_BACKUP_FULL_SCHEDULE", {}, backup},
        {"PGFIT_BACKUP_DIFF_SCHEDULE", {}, backup},
        {"PGFIT_BACKUP_INCR_SCHEDULE", {}, backup},
        {"PGFIT_RESTORE", {}, backup},
    };
    return rows;
}

bool answers_to(const Variable& variable, std::string_view name) {
    const auto matches = [&](std::string_view candidate) {
        return name == candidate || (variable.secret && name.size() == candidate.size() + 5 &&
                                     name.starts_with(candidate) && name.ends_with("_FILE"));
    };
    return matches(variable.name) ||
           std::any_of(variable.aliases.begin(), variable.aliases.end(), matches);
}

// Levenshtein distance, for "did you mean".
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::span<const Variable> variables() {
    return table();
}

const Variable* find_variable(std::string_view name) {
    const auto& rows = table();
    const auto found = std::find_if(rows.begin(), rows.end(),
                                    [&](const Variable& row) { return answers_to(row, name); });
    return found == rows.end() ? nullptr : &*found;
}

std::vector<std::string> unknown_pgfit_variables(const Environment& environment) {
    std::vector<std::string> warnings;
    for (const auto& [name, value] : environment.variables()) {
        if (!name.starts_with("PGFIT_") || find_variable(name) != nullptr) {
            continue;
        }
        const Variable* closest = nullptr;
        std::size_t best = name.size();
        for (const auto& row : table()) {
            if (const auto d = distance(name, row.name); d < best) {
                best = d;
                closest = &row;
            }
        }
        warnings.push_back(closest != nullptr && best <= 3
                               ? fmt::format("{} is not a pgfit variable and is ignored; did you "
                                             "mean {}?",
                                             name, closest->name)
                               : fmt::format("{} is not a pgfit variable and is ignored", name));
    }
    return warnings;
}

} // namespace pgfit::config
