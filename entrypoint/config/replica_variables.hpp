// A streaming replica's variables, read into replica::ReplicaSettings (as root, before
// privileges are dropped, so root-only secret files work):
// - the role (config/replication_role.hpp): a replica only for POSTGRES_REPLICATION_ROLE=replica
//   or Bitnami's POSTGRESQL_REPLICATION_MODE=slave;
// - POSTGRES_PRIMARY_HOST (required; alias POSTGRESQL_MASTER_HOST), POSTGRES_PRIMARY_PORT
//   (default 5432; alias POSTGRESQL_MASTER_PORT_NUMBER), POSTGRES_REPLICATION_USER (default
//   replicator; alias POSTGRESQL_REPLICATION_USER), POSTGRES_REPLICATION_PASSWORD or _FILE
//   (required; alias POSTGRESQL_REPLICATION_PASSWORD or _FILE, one trailing newline
//   stripped), POSTGRES_REPLICATION_SLOT (default replica1, the primary's default slot;
//   [a-z0-9_]{1,63}), PGFIT_PRIMARY_WAIT_TIMEOUT (default 300 s), PGFIT_REPLICA_SEED (auto,
//   repository or pg_basebackup; default auto).
// An alias and our variable may both be set only to the same value; X and X_FILE never both.
// Errors are ErrorKind::bad_input, name the variable(s) and never show a password.
#pragma once

#include <optional>

#include "replica/settings.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

// nullopt when the role is primary.
Result<std::optional<replica::ReplicaSettings>>
read_replica_settings(const Environment& environment);

} // namespace pgfit::config
