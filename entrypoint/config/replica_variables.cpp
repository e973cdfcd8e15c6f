#include "config/replica_variables.hpp"

#include "config/replication_role.hpp"
#include "config/secrets.hpp"
#include "config/values.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

struct Paired {
    std::string value;
    const char* name; // the variable it came from
};

// A value of ours and of Bitnami's alias: equal when both are set, else whichever is set.
Result<std::optional<Paired>> paired(const Environment& environment, const char* ours,
                                     const char* alias) {
    const auto mine = environment.get_non_empty(ours);
    const auto theirs = environment.get_non_empty(alias);
    if (mine && theirs && *mine != *theirs) {
        return bad_input(std::string(ours) + ", " + alias,
                         "both are set, to different values ('{}' and '{}'); set only one of them",
                         *mine, *theirs);
    }
    if (mine) {
        return std::optional<Paired>{Paired{*mine, ours}};
    }
    return theirs ? std::optional<Paired>{Paired{*theirs, alias}} : std::optional<Paired>{};
}

Result<std::optional<std::string>> paired_secret(const Environment& environment) {
    PGFIT_TRY_ASSIGN(const auto mine, read_secret(environment, "POSTGRES_REPLICATION_PASSWORD"));
    PGFIT_TRY_ASSIGN(const auto theirs,
                     read_secret(environment, "POSTGRESQL_REPLICATION_PASSWORD"));
    if (mine && theirs && *mine != *theirs) {
        return bad_input("POSTGRES_REPLICATION_PASSWORD, POSTGRESQL_REPLICATION_PASSWORD",
                         "both are set (directly or through _FILE), to different values; set only "
                         "one of them");
    }
    return mine ? mine : theirs;
}

bool valid_slot_name(std::string_view name) {
    if (name.empty() || name.size() > 63) {
        return false;
    }
    for (const char c : name) {
        if (!(is_ascii_digit(c) || (c >= 'a' && c <= 'z') || c == '_')) {
            return false;
        }
    }
    return true;
}

// libpq's sslmode for the connection to the primary, and the CA verify-ca/verify-full need.
Result<void> read_primary_tls(const Environment& environment, replica::ReplicaSettings& settings) {
    if (const auto text = environment.get_non_empty("POSTGRES_PRIMARY_SSLMODE")) {
        PGFIT_TRY_ASSIGN(settings.sslmode, parse_sslmode(*text, "POSTGRES_PRIMARY_SSLMODE"));
    }
    PGFIT_TRY_ASSIGN(const auto ca, paired(environment, "POSTGRES_TLS_CA_FILE",
                                           "POSTGRESQL_TLS_CA_FILE"));
    settings.sslrootcert = environment.get_non_empty("POSTGRES_PRIMARY_SSLROOTCERT")
                               .value_or(ca ? ca->value : std::string());
    if (settings.sslmode.starts_with("verify-") && settings.sslrootcert.empty()) {
        return bad_input("POSTGRES_PRIMARY_SSLMODE",
                         "{} checks the primary's certificate against a CA; set "
                         "POSTGRES_PRIMARY_SSLROOTCERT (or POSTGRES_TLS_CA_FILE) to its file",
                         settings.sslmode);
    }
    return {};
}

Result<replica::ReplicaSettings::Seed> read_seed(const Environment& environment) {
    using Seed = replica::ReplicaSettings::Seed;
    const auto text = environment.get_non_empty("PGFIT_REPLICA_SEED");
    if (!text || *text == "auto") {
        return Seed::automatic;
    }
    if (*text == "repository") {
        return Seed::repository;
    }
    if (*text == "pg_basebackup") {
        return Seed::pg_basebackup;
    }
    return bad_input("PGFIT_REPLICA_SEED",
                     "'{}' is not a seed; expected auto (the pgBackRest repository's newest "
                     "backup when it holds one, else pg_basebackup), repository or pg_basebackup",
                     *text);
}

} // namespace

Result<std::optional<replica::ReplicaSettings>>
read_replica_settings(const Environment& environment) {
    PGFIT_TRY_ASSIGN(const auto role, read_replication_role(environment));
    if (!role || role->value != ReplicationRole::replica) {
        return std::optional<replica::ReplicaSettings>{};
    }
    replica::ReplicaSettings settings;
    PGFIT_TRY_ASSIGN(const auto host,
                     paired(environment, "POSTGRES_PRIMARY_HOST", "POSTGRESQL_MASTER_HOST"));
    if (!host) {
        return bad_input("POSTGRES_PRIMARY_HOST",
                         "not set; a replica (POSTGRES_REPLICATION_ROLE=replica) needs the host "
                         "name or address of its primary");
    }
    settings.primary_host = host->value;
    PGFIT_TRY_ASSIGN(const auto port,
                     paired(environment, "POSTGRES_PRIMARY_PORT", "POSTGRESQL_MASTER_PORT_NUMBER"));
    if (port) {
        PGFIT_TRY_ASSIGN(settings.primary_port, parse_tcp_port(port->value, port->name));
    }
    PGFIT_TRY_ASSIGN(const auto user, paired(environment, "POSTGRES_REPLICATION_USER",
                                             "POSTGRESQL_REPLICATION_USER"));
    settings.user = user ? user->value : "replicator";
    PGFIT_TRY_ASSIGN(const auto password, paired_secret(environment));
    if (!password || password->empty()) {
        return bad_input("POSTGRES_REPLICATION_PASSWORD",
                         "not set; a replica needs the password of the replication role '{}' "
                         "(POSTGRES_REPLICATION_PASSWORD or POSTGRES_REPLICATION_PASSWORD_FILE)",
                         settings.user);
    }
    settings.password = *password;
    settings.slot = environment.get_non_empty("POSTGRES_REPLICATION_SLOT").value_or("replica1");
    if (!valid_slot_name(settings.slot)) {
        return bad_input("POSTGRES_REPLICATION_SLOT",
                         "'{}' is not a replication slot name; expected 1 to 63 of a-z, 0-9 and _",
                         settings.slot);
    }
    PGFIT_TRY(read_primary_tls(environment, settings));
    if (const auto text = environment.get_non_empty("PGFIT_PRIMARY_WAIT_TIMEOUT")) {
        PGFIT_TRY_ASSIGN(settings.wait_timeout,
                         parse_duration(*text, "PGFIT_PRIMARY_WAIT_TIMEOUT"));
    }
    PGFIT_TRY_ASSIGN(settings.seed, read_seed(environment));
    return std::optional<replica::ReplicaSettings>{std::move(settings)};
}

} // namespace pgfit::config
