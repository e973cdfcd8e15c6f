// A streaming replica's settings (read from the environment by config/replica_variables.hpp)
// and what is made of them: the libpq password-file line and the standby's primary_conninfo.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::replica {

struct ReplicaSettings {
    std::string primary_host;
    int primary_port = 5432;
    std::string user = "replicator";
    std::string password;
    std::string slot = "replica1";
    // POSTGRES_PRIMARY_SSLMODE, as libpq's sslmode (empty: libpq's default, prefer), and the CA
    // for verify-ca / verify-full (POSTGRES_PRIMARY_SSLROOTCERT, else POSTGRES_TLS_CA_FILE).
    std::string sslmode;
    std::string sslrootcert;
    // PGFIT_PRIMARY_WAIT_TIMEOUT: how long a first start waits for the primary and retries
    // the clone.
    std::chrono::milliseconds wait_timeout{300000};
    // PGFIT_REPLICA_SEED: where a first start's copy comes from when a pgBackRest repository is
    // configured. automatic: the repository's newest backup when it holds one, else the
    // primary; repository: the repository only (a first start fails without a backup there);
    // pg_basebackup: the primary only.
    enum class Seed { automatic, repository, pg_basebackup };
    Seed seed = Seed::automatic;

    // "host:port" for messages ("[::1]:5432" for IPv6 addresses).
    std::string primary_address() const;
};

// One libpq password-file line for physical replication connections:
// `host:port:replication:user:password` with ':' and '\' escaped as libpq's reader expects.
// Error: a line break in any field (a password file has one entry per line).
Result<std::string> passfile_line(const ReplicaSettings& settings);

// The standby's primary_conninfo: host, port, user, the password file and application_name
// (the slot, so the standby is named in the primary's pg_stat_replication), then sslmode and
// sslrootcert when set, each value quoted as libpq's conninfo parser reads it. It holds no
// password.
std::string primary_conninfo(const ReplicaSettings& settings, const std::string& passfile);

} // namespace pgfit::replica
