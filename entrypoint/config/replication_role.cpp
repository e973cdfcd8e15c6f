#include "config/replication_role.hpp"

namespace pgfit::config {

Result<std::optional<Sourced<ReplicationRole>>>
read_replication_role(const Environment& environment) {
    std::optional<Sourced<ReplicationRole>> ours;
    if (const auto role = environment.get_non_empty("POSTGRES_REPLICATION_ROLE")) {
        PGFIT_TRY_ASSIGN(const auto parsed,
                         parse_replication_role(*role, "POSTGRES_REPLICATION_ROLE"));
        ours = sourced(parsed, OriginKind::env, "POSTGRES_REPLICATION_ROLE=" + *role);
    }
    std::optional<Sourced<ReplicationRole>> theirs;
    if (const auto mode = environment.get_non_empty("POSTGRESQL_REPLICATION_MODE")) {
        PGFIT_TRY_ASSIGN(const auto parsed,
                         parse_replication_mode(*mode, "POSTGRESQL_REPLICATION_MODE"));
        theirs = sourced(parsed, OriginKind::env, "POSTGRESQL_REPLICATION_MODE=" + *mode);
    }
    if (ours && theirs && ours->value != theirs->value) {
        const bool replica = ours->value == ReplicationRole::replica;
        return bad_input("POSTGRES_REPLICATION_ROLE, POSTGRESQL_REPLICATION_MODE",
                         "they disagree ({} and {}); set only one of them",
                         replica ? "replica" : "primary", replica ? "master" : "slave");
    }
    return ours ? ours : theirs;
}

} // namespace pgfit::config
