// The pg_hba.conf lines pgfit appends at init: the official image's catch-all
// `host all all all <method>` (with its two comment lines when the method is trust) and, when a
// replication password was given, `host replication "<user>" <network> scram-sha-256` before it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::initdb {

struct ReplicationAccess {
    std::string user;    // POSTGRES_REPLICATION_USER
    std::string network; // POSTGRES_REPLICATION_NETWORK: samenet, samehost, all, CIDR or host
};

// A role name as a pg_hba.conf token: always double-quoted (so `all`, `+group` and `@file`
// lose their special meaning), embedded quotes doubled.
std::string hba_quote(std::string_view name);

// The text to append (it starts with an empty line, as the official image's does). A network
// that is not a single token is an error naming POSTGRES_REPLICATION_NETWORK.
Result<std::string> render_hba_lines(std::string_view method,
                                     const std::optional<ReplicationAccess>& replication);

// Appends `text` to the file at `path` (no fsync: the first start syncs PGDATA once at its end).
Result<void> append_to_file(const std::string& path, std::string_view text);

} // namespace pgfit::initdb
