// Sessions kept open across the image's own init files, one per database and user: each of
// them `\c`s between template1, postgres and POSTGRES_DB, and a new backend costs more than
// the statements it runs. A session taken again is reset with DISCARD ALL, so a file sees what
// a new connection would (no temporary objects, settings, prepared statements or locks of an
// earlier file). The pool must be closed before anything that needs those databases to itself
// (CREATE DATABASE from template1, the user's scripts): it is only for the shipped files.
#pragma once

#include <memory>
#include <vector>

#include "psql/sql_session.hpp"

namespace pgfit::psql {

class SessionPool {
public:
    // The session to `target`'s database as its user: opened now, or the open one, reset.
    Result<SqlSession*> session_for(const ConnectionTarget& target);
    // An open session, from now on the pool's.
    void adopt(SqlSession session);
    void close_all() { m_sessions.clear(); }

private:
    std::vector<std::unique_ptr<SqlSession>> m_sessions;
};

} // namespace pgfit::psql
