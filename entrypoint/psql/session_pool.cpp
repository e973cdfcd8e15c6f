#include "psql/session_pool.hpp"

namespace pgfit::psql {

Result<SqlSession*> SessionPool::session_for(const ConnectionTarget& target) {
    for (const auto& session : m_sessions) {
        if (session->target().database == target.database &&
            session->target().user == target.user) {
            PGFIT_TRY(session->query_rows("DISCARD ALL"));
            return session.get();
        }
    }
    PGFIT_TRY_ASSIGN(auto opened, SqlSession::open(target));
    adopt(std::move(opened));
    return m_sessions.back().get();
}

void SessionPool::adopt(SqlSession session) {
    m_sessions.push_back(std::make_unique<SqlSession>(std::move(session)));
}

} // namespace pgfit::psql
