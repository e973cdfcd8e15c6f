// Which replication role this container plays: POSTGRES_REPLICATION_ROLE (primary or replica),
// or Bitnami's POSTGRESQL_REPLICATION_MODE (master or slave). Both may be set only when they
// agree. Read by the tuner's inputs and by the replica's settings alike.
#pragma once

#include <optional>

#include "config/values.hpp"
#include "util/environment.hpp"
#include "util/sourced.hpp"

namespace pgfit::config {

// nullopt when neither variable is set.
Result<std::optional<Sourced<ReplicationRole>>>
read_replication_role(const Environment& environment);

} // namespace pgfit::config
