// Which replication role this container plays, and for a streaming replica where its primary
// is, read from the environment (as root, before privileges are dropped, so root-only secret
// files work):
// - POSTGRES_REPLICATION_ROLE: primary (default) or replica; Bitnami's
//   POSTGRESQL_REPLICATION_MODE (master = primary, slave = replica) is an alias;
// - for a replica: POSTGRES_PRIMARY_HOST (required; alias POSTGRESQL_MASTER_HOST),
//   POSTGRES_PRIMARY_PORT (default 5432; alias POSTGRESQL_MASTER_PORT_NUMBER),
//   POSTGRES_REPLICATION_USER (default replicator; alias POSTGRESQL_REPLICATION_USER),
//   POSTGRES_REPLICATION_PASSWORD or _FILE (required; alias POSTGRESQL_REPLICATION_PASSWORD or
//   _FILE, one trailing newline stripped), POSTGRES_REPLICATION_SLOT (default replica1, the
//   primary's default slot; [a-z0-9_]{1,63}).
// An alias and our variable may both be set only to the same value; X and X_FILE never both.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::replica {

inline constexpr std::chrono::milliseconds k_default_primary_wait_timeout{300000};

struct ReplicaSettings {
    std::string primary_host;
    int primary_port = 5432;
    std::string user = "replicator";
    std::string password;
    std::string slot = "replica1";
    // PGFIT_PRIMARY_WAIT_TIMEOUT, parsed by the caller (cli) like PGFIT_STOP_TIMEOUT.
    std::chrono::milliseconds wait_timeout = k_default_primary_wait_timeout;

    // "host:port" for messages ("[::1]:5432" for IPv6 addresses).
    std::string primary_address() const;
};

// nullopt when the role is primary. Errors name the variable(s) and never show a password.
Result<std::optional<ReplicaSettings>> read_replica_settings(const Environment& environment);

// One libpq password-file line for physical replication connections:
// `host:port:replication:user:password` with ':' and '\' escaped as libpq's reader expects.
// Error: a line break in any field (a password file has one entry per line).
Result<std::string> passfile_line(const ReplicaSettings& settings);

// The standby's primary_conninfo: host, port, user, the password file and application_name
// (the slot, so the standby is named in the primary's pg_stat_replication), each value
// quoted as libpq's conninfo parser reads it. It holds no password.
std::string primary_conninfo(const ReplicaSettings& settings, const std::string& passfile);

} // namespace pgfit::replica
