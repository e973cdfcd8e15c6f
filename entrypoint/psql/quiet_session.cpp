#include "psql/quiet_session.hpp"

namespace pgfit::psql {

Result<SqlSession> open_quiet_session(const ConnectionTarget& target) {
    PGFIT_TRY_ASSIGN(auto session, SqlSession::open(target));
    for (const char* setting : {"SET log_statement = 'none'", "SET log_min_duration_statement = -1",
                                "SET log_min_error_statement = 'panic'", "SET log_duration = off",
                                "SET track_activities = off"}) {
        PGFIT_TRY(session.query_rows(setting));
    }
    // Only when pgAudit is loaded: SET of an unknown pgaudit.log would create a placeholder.
    PGFIT_TRY_ASSIGN(const auto audit,
                     session.query_value("SELECT pg_catalog.current_setting('pgaudit.log', true)"));
    if (audit) {
        PGFIT_TRY(session.query_rows("SET pgaudit.log = 'none'"));
    }
    return session;
}

} // namespace pgfit::psql
