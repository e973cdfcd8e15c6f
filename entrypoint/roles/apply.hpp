// Keeps the server's roles, passwords and declared databases in step with `Wanted`, over a
// local socket connection as the superuser. Only what changed since PGDATA/pgfit-roles.state is
// applied; with nothing changed no statement runs (and no connection is made). The sessions run
// with log_statement, statement durations, error statements, track_activities and pgAudit off,
// so no verifier reaches the server log or pg_stat_activity; passwords are sent as SCRAM
// verifiers computed by libpq, never in clear.
#pragma once

#include <optional>
#include <string>

#include "psql/sql_session.hpp"
#include "roles/state.hpp"
#include "roles/wanted.hpp"

namespace pgfit::roles {

struct Pending {
    RolesState wanted; // what the state file says once applied
    Changes changes;
};

// What changed since the state file in `pgdata`; nullopt (and a debug line) when nothing did.
std::optional<Pending> pending_changes(const Wanted& wanted, const std::string& pgdata);

// Applies `pending` through sessions opened like `server` (its database is ignored: roles are
// changed from the `postgres` database, each declared database's privileges from inside it),
// then records the state. On an error nothing more is applied, the roles' transaction is rolled
// back when it was the one failing, and the state file is not written (the next start or SIGHUP
// tries again).
Result<void> apply_pending(const Wanted& wanted, const Pending& pending,
                           const psql::ConnectionTarget& server, const std::string& pgdata);

} // namespace pgfit::roles
