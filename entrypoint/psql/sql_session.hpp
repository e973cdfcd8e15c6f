// One libpq connection to the temporary server, used by pgfit's own init steps and its SQL file
// runner. Statements run asynchronously so a stop signal is noticed while one is running (the
// query is then cancelled); COPY FROM STDIN takes its data from the caller, COPY TO STDOUT goes
// to stdout; notices are logged with the current file:line.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"
#include "util/result.hpp"

namespace pgfit::psql {

struct ConnectionTarget {
    std::string socket_dir;
    int port = 5432;
    std::string user;
    std::string database;        // a name, or a connection string / URI (psql's \c accepts both)
    std::string password;        // sent only if the server asks (POSTGRES_INITDB_ARGS --auth-local)
    std::string client_encoding; // empty: the server's
    std::string application_name = "pgfit-init";
};

class SqlSession {
public:
    // Errors: "cannot connect to database '<db>' as '<user>': <libpq's reason>".
    static Result<SqlSession> open(const ConnectionTarget& target);

    // Runs `sql` (one statement, or several in one simple query). `copy_data` supplies the
    // data of a COPY FROM STDIN. Outcomes: done; failed with the server's error as
    // "<SEVERITY>: <message>" (+ DETAIL/HINT lines), `where` = `location`; stopped.
    supervise::Step execute(supervise::Supervisor& supervisor, std::string_view sql,
                            const std::string& location,
                            const std::function<std::optional<std::string_view>()>& copy_data = {});

    // A single value (or nullopt for no row / NULL) of a tiny setup query, run synchronously.
    Result<std::optional<std::string>> query_value(const std::string& sql,
                                                   const std::vector<std::string>& params = {});
    // Every row of a small query, run synchronously; a NULL field is nullopt.
    using Row = std::vector<std::optional<std::string>>;
    Result<std::vector<Row>> query_rows(const std::string& sql,
                                        const std::vector<std::string>& params = {});

    std::string quote_literal(std::string_view value) const;
    std::string quote_identifier(std::string_view value) const;
    // SCRAM-SHA-256 verifier computed client-side (PQencryptPasswordConn).
    Result<std::string> scram_verifier(const std::string& password, const std::string& role) const;
    bool standard_conforming_strings() const;
    const ConnectionTarget& target() const;

    SqlSession(SqlSession&&) noexcept;
    SqlSession& operator=(SqlSession&&) noexcept;
    ~SqlSession();

private:
    struct State;
    explicit SqlSession(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// UTF8 when LC_ALL, LC_CTYPE or LANG (the first set) names a UTF-8 locale, as psql's
// client_encoding=auto would under it; empty otherwise.
std::string client_encoding_for(const Environment& environment);

} // namespace pgfit::psql
