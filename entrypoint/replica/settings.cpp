#include "replica/settings.hpp"

#include "util/strings.hpp"

namespace pgfit::replica {

namespace {

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
    auto conninfo = fmt::format("host={} port={} user={} passfile={} application_name={}",
                                quoted(settings.primary_host), settings.primary_port,
                                quoted(settings.user), quoted(passfile), quoted(settings.slot));
    if (!settings.sslmode.empty()) {
        conninfo += " sslmode=" + quoted(settings.sslmode);
    }
    if (!settings.sslrootcert.empty()) {
        conninfo += " sslrootcert=" + quoted(settings.sslrootcert);
    }
    return conninfo;
}

} // namespace pgfit::replica
