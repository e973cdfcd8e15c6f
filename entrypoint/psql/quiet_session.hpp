// A session for statements that carry secrets (password verifiers): what it runs reaches neither
// the server log (log_statement, durations, errors, pgAudit when loaded) nor pg_stat_activity,
// whatever the operator's settings, as CloudNativePG does for its role changes.
#pragma once

#include "psql/sql_session.hpp"

namespace pgfit::psql {

Result<SqlSession> open_quiet_session(const ConnectionTarget& target);

} // namespace pgfit::psql
