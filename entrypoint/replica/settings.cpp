#include "replica/settings.hpp"

#include "cluster/bootstrap_settings.hpp"
#include "cluster/secrets.hpp"
#include "util/strings.hpp"

namespace pgfit::replica {

namespace {

// A value of ours and of Bitnami's alias: equal when both are set, else whichever is set.
Result<std::optional<std::string>> paired(const Environment& environment, const char* ours,
                                          const char* alias, bool secret) {
    const auto mine = environment.get_non_empty(ours);
    const auto theirs = environment.get_non_empty(alias);
    if (mine && theirs && *mine != *theirs) {
        if (secret) {
            return fail(std::string(ours) + ", " + alias,
                        "both are set, to different values; set only one of them");
        }
        return fail(std::string(ours) + ", " + alias,
                    "both are set, to different values ('{}' and '{}'); set only one of them",
                    *mine, *theirs);
    }
    return mine ? mine : theirs;
}

Result<std::optional<std::string>> paired_secret(const Environment& environment) {
    auto mine = cluster::read_secret(environment, "POSTGRES_REPLICATION_PASSWORD");
    PGFIT_TRY(mine);
    auto theirs = cluster::read_secret(environment, "POSTGRESQL_REPLICATION_PASSWORD");
    PGFIT_TRY(theirs);
    if (*mine && *theirs && **mine != **theirs) {
        return fail("POSTGRES_REPLICATION_PASSWORD, POSTGRESQL_REPLICATION_PASSWORD",
                    "both are set (directly or through _FILE), to different values; set only "
                    "one of them");
    }
    return *mine ? *mine : *theirs;
}

// true for replica, false for primary.
Result<bool> read_role(const Environment& environment) {
    std::optional<bool> ours;
    if (const auto role = environment.get_non_empty("POSTGRES_REPLICATION_ROLE")) {
        const auto lower = to_lower(trim(*role));
        if (lower != "primary" && lower != "replica") {
            return fail("POSTGRES_REPLICATION_ROLE",
                        "\"{}\" is not a replication role; use primary or replica", *role);
        }
        ours = lower == "replica";
    }
    std::optional<bool> theirs;
    if (const auto mode = environment.get_non_empty("POSTGRESQL_REPLICATION_MODE")) {
        const auto lower = to_lower(trim(*mode));
        if (lower != "master" && lower != "slave") {
            return fail("POSTGRESQL_REPLICATION_MODE",
                        "\"{}\" is not a replication mode; use master or slave", *mode);
        }
        theirs = lower == "slave";
    }
    if (ours && theirs && *ours != *theirs) {
        return fail("POSTGRES_REPLICATION_ROLE, POSTGRESQL_REPLICATION_MODE",
                    "they disagree ({} and {}); set only one of them",
                    *ours ? "replica" : "primary", *theirs ? "slave" : "master");
    }
    return ours.value_or(theirs.value_or(false));
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

std::string escape_passfile_field(std::string_view field) {
    std::string escaped;
    for (const char c : field) {
        if (c == ':' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

} // namespace

std::string ReplicaSettings::primary_address() const {
    if (primary_host.find(':') != std::string::npos) {
        return fmt::format("[{}]:{}", primary_host, primary_port);
    }
    return fmt::format("{}:{}", primary_host, primary_port);
}

Result<std::optional<ReplicaSettings>> read_replica_settings(const Environment& environment) {
    const auto replica = read_role(environment);
    PGFIT_TRY(replica);
    if (!*replica) {
        return std::optional<ReplicaSettings>{};
    }
    ReplicaSettings settings;
    const auto host = paired(environment, "POSTGRES_PRIMARY_HOST", "POSTGRESQL_MASTER_HOST", false);
    PGFIT_TRY(host);
    if (!*host) {
        return fail("POSTGRES_PRIMARY_HOST",
                    "not set; a replica (POSTGRES_REPLICATION_ROLE=replica) needs the host name "
                    "or address of its primary");
    }
    settings.primary_host = **host;
    const auto port =
        paired(environment, "POSTGRES_PRIMARY_PORT", "POSTGRESQL_MASTER_PORT_NUMBER", false);
    PGFIT_TRY(port);
    if (*port) {
        const auto port_number = cluster::parse_tcp_port(
            environment.get_non_empty("POSTGRES_PRIMARY_PORT") ? "POSTGRES_PRIMARY_PORT"
                                                               : "POSTGRESQL_MASTER_PORT_NUMBER",
            trim(**port));
        PGFIT_TRY(port_number);
        settings.primary_port = *port_number;
    }
    const auto user =
        paired(environment, "POSTGRES_REPLICATION_USER", "POSTGRESQL_REPLICATION_USER", false);
    PGFIT_TRY(user);
    settings.user = user->value_or("replicator");
    const auto password = paired_secret(environment);
    PGFIT_TRY(password);
    if (!*password || (*password)->empty()) {
        return fail("POSTGRES_REPLICATION_PASSWORD",
                    "not set; a replica needs the password of the replication role '{}' "
                    "(POSTGRES_REPLICATION_PASSWORD or POSTGRES_REPLICATION_PASSWORD_FILE)",
                    settings.user);
    }
    settings.password = **password;
    settings.slot = environment.get_non_empty("POSTGRES_REPLICATION_SLOT").value_or("replica1");
    if (!valid_slot_name(settings.slot)) {
        return fail("POSTGRES_REPLICATION_SLOT",
                    "'{}' is not a replication slot name; expected 1 to 63 of a-z, 0-9 and _",
                    settings.slot);
    }
    return std::optional<ReplicaSettings>{std::move(settings)};
}

Result<std::string> passfile_line(const ReplicaSettings& settings) {
    for (const auto* field : {&settings.primary_host, &settings.user, &settings.password}) {
        if (field->find_first_of("\r\n") != std::string::npos) {
            return fail(field == &settings.password ? "POSTGRES_REPLICATION_PASSWORD"
                        : field == &settings.user   ? "POSTGRES_REPLICATION_USER"
                                                    : "POSTGRES_PRIMARY_HOST",
                        "contains a line break, which a libpq password file cannot hold");
        }
    }
    return fmt::format("{}:{}:replication:{}:{}\n", escape_passfile_field(settings.primary_host),
                       settings.primary_port, escape_passfile_field(settings.user),
                       escape_passfile_field(settings.password));
}

std::string primary_conninfo(const ReplicaSettings& settings, const std::string& passfile) {
    const auto quoted = [](std::string_view value) {
        std::string text = "'";
        for (const char c : value) {
            if (c == '\\' || c == '\'') {
                text += '\\';
            }
            text += c;
        }
        return text + "'";
    };
    return fmt::format("host={} port={} user={} passfile={} application_name={}",
                       quoted(settings.primary_host), settings.primary_port, quoted(settings.user),
                       quoted(passfile), quoted(settings.slot));
}

} // namespace pgfit::replica
