#include "psql/sql_session.hpp"

#include <cstdio>
#include <poll.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::psql {

namespace {

std::string connection_error(const PGconn* conn) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return message;
}

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value == nullptr ? std::string() : std::string(value);
}

// "ERROR: message", then DETAIL and HINT lines when the server sent them.
std::string describe_error(const PGresult* result) {
    std::string severity = field(result, PG_DIAG_SEVERITY);
    std::string text = fmt::format("{}: {}", severity.empty() ? "ERROR" : severity,
                                   field(result, PG_DIAG_MESSAGE_PRIMARY));
    if (const auto detail = field(result, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
        text += "\nDETAIL: " + detail;
    }
    if (const auto hint = field(result, PG_DIAG_MESSAGE_HINT); !hint.empty()) {
        text += "\nHINT: " + hint;
    }
    return text;
}

std::string take_libpq_string(char* value) {
    std::string copy = value == nullptr ? std::string() : std::string(value);
    PQfreemem(value);
    return copy;
}

} // namespace

struct SqlSession::State {
    ConnectionTarget target;
    PGconn* conn = nullptr;
    std::string location; // file:line of the running statement, for notices

    ~State() {
        if (conn != nullptr) {
            PQfinish(conn);
        }
    }
};

namespace {

void receive_notice(void* arg, const PGresult* result) {
    const auto* location = static_cast<const std::string*>(arg);
    const auto severity = field(result, PG_DIAG_SEVERITY);
    log::info("{}{}: {}", location->empty() ? "" : *location + ": ", severity,
              field(result, PG_DIAG_MESSAGE_PRIMARY));
}

bool send_copy_data(PGconn* conn,
                    const std::function<std::optional<std::string_view>()>& copy_data) {
    const auto data = copy_data ? copy_data() : std::nullopt;
    if (!data) {
        return PQputCopyEnd(conn, "COPY FROM STDIN has no data here") == 1;
    }
    constexpr std::size_t k_chunk = 1 << 20;
    for (std::size_t done = 0; done < data->size(); done += k_chunk) {
        const auto piece = data->substr(done, k_chunk);
        if (PQputCopyData(conn, piece.data(), static_cast<int>(piece.size())) != 1) {
            return false;
        }
    }
    return PQputCopyEnd(conn, nullptr) == 1;
}

void drain_copy_out(PGconn* conn) {
    char* buffer = nullptr;
    int length = 0;
    while ((length = PQgetCopyData(conn, &buffer, 0)) > 0) {
        std::fwrite(buffer, 1, static_cast<std::size_t>(length), stdout);
        PQfreemem(buffer);
    }
    std::fflush(stdout);
}

void cancel_running_query(PGconn* conn) {
    PGcancel* cancel = PQgetCancel(conn);
    if (cancel != nullptr) {
        char reason[256];
        PQcancel(cancel, reason, sizeof reason);
        PQfreeCancel(cancel);
    }
}

} // namespace

std::string client_encoding_for(const Environment& environment) {
    std::optional<std::string> locale;
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        if ((locale = environment.get_non_empty(name))) {
            break;
        }
    }
    if (!locale) {
        return "";
    }
    const std::string lower = to_lower(*locale);
    return lower.find("utf8") != std::string::npos || lower.find("utf-8") != std::string::npos
               ? "UTF8"
               : "";
}

Result<SqlSession> SqlSession::open(const ConnectionTarget& target) {
    auto state = std::make_unique<State>();
    state->target = target;
    const std::string port = std::to_string(target.port);
    std::vector<const char*> keywords = {"host", "port", "user", "dbname", "application_name"};
    std::vector<const char*> values = {target.socket_dir.c_str(), port.c_str(), target.user.c_str(),
                                       target.database.c_str(), target.application_name.c_str()};
    if (!target.password.empty()) {
        keywords.push_back("password");
        values.push_back(target.password.c_str());
    }
    if (!target.client_encoding.empty()) {
        keywords.push_back("client_encoding");
        values.push_back(target.client_encoding.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    state->conn = PQconnectdbParams(keywords.data(), values.data(), 1);
    if (PQstatus(state->conn) != CONNECTION_OK) {
        return fail("libpq", "cannot connect to database '{}' as '{}': {}", target.database,
                    target.user, connection_error(state->conn));
    }
    PQsetNoticeReceiver(state->conn, receive_notice, &state->location);
    return SqlSession(std::move(state));
}

SqlSession::SqlSession(std::unique_ptr<State> state) : m_state(std::move(state)) {}
SqlSession::SqlSession(SqlSession&&) noexcept = default;
SqlSession& SqlSession::operator=(SqlSession&&) noexcept = default;
SqlSession::~SqlSession() = default;

const ConnectionTarget& SqlSession::target() const {
    return m_state->target;
}

supervise::Step
SqlSession::execute(supervise::Supervisor& supervisor, std::string_view sql,
                    const std::string& location,
                    const std::function<std::optional<std::string_view>()>& copy_data) {
    PGconn* conn = m_state->conn;
    m_state->location = location;
    const std::string text(sql);
    if (PQsendQuery(conn, text.c_str()) != 1) {
        return supervise::Step::failed(Error{location, connection_error(conn)});
    }
    std::optional<std::string> failure;
    for (;;) {
        if (PQconsumeInput(conn) != 1) {
            return supervise::Step::failed(Error{location, connection_error(conn)});
        }
        while (PQisBusy(conn) == 0) {
            PGresult* result = PQgetResult(conn);
            if (result == nullptr) {
                m_state->location.clear();
                return failure ? supervise::Step::failed(Error{location, *failure})
                               : supervise::Step::done();
            }
            switch (PQresultStatus(result)) {
            case PGRES_COPY_IN:
                if (!send_copy_data(conn, copy_data)) {
                    failure = connection_error(conn);
                }
                break;
            case PGRES_COPY_OUT:
                drain_copy_out(conn);
                break;
            case PGRES_FATAL_ERROR:
            case PGRES_NONFATAL_ERROR:
            case PGRES_BAD_RESPONSE:
                if (!failure) {
                    failure = describe_error(result);
                }
                break;
            default:
                break;
            }
            PQclear(result);
        }
        if (const int signal = supervisor.check_stop_requested(); signal != 0) {
            cancel_running_query(conn);
            return supervise::Step::stopped(signal);
        }
        pollfd ready{PQsocket(conn), POLLIN, 0};
        ::poll(&ready, 1, 100);
    }
}

Result<std::vector<SqlSession::Row>>
SqlSession::query_rows(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const auto& param : params) {
        values.push_back(param.c_str());
    }
    PGresult* result = PQexecParams(m_state->conn, sql.c_str(), static_cast<int>(values.size()),
                                    nullptr, values.data(), nullptr, nullptr, 0);
    const auto status = PQresultStatus(result);
    std::vector<Row> rows;
    std::optional<std::string> failure;
    if (status == PGRES_TUPLES_OK) {
        for (int row = 0; row < PQntuples(result); ++row) {
            auto& fields = rows.emplace_back();
            for (int column = 0; column < PQnfields(result); ++column) {
                fields.push_back(PQgetisnull(result, row, column) != 0
                                     ? std::nullopt
                                     : std::optional<std::string>(PQgetvalue(result, row, column)));
            }
        }
    } else if (status != PGRES_COMMAND_OK) {
        failure = result == nullptr ? connection_error(m_state->conn) : describe_error(result);
    }
    PQclear(result);
    if (failure) {
        return fail("libpq", "{}", *failure);
    }
    return rows;
}

Result<std::optional<std::string>> SqlSession::query_value(const std::string& sql,
                                                           const std::vector<std::string>& params) {
    PGFIT_TRY_ASSIGN(const auto rows, query_rows(sql, params));
    if (rows.empty() || rows.front().empty()) {
        return std::optional<std::string>{};
    }
    return rows.front().front();
}

std::string SqlSession::quote_literal(std::string_view value) const {
    return take_libpq_string(PQescapeLiteral(m_state->conn, value.data(), value.size()));
}

std::string SqlSession::quote_identifier(std::string_view value) const {
    return take_libpq_string(PQescapeIdentifier(m_state->conn, value.data(), value.size()));
}

Result<std::string> SqlSession::scram_verifier(const std::string& password,
                                               const std::string& role) const {
    char* verifier =
        PQencryptPasswordConn(m_state->conn, password.c_str(), role.c_str(), "scram-sha-256");
    if (verifier == nullptr) {
        return fail("libpq", "cannot compute a SCRAM verifier: {}",
                    connection_error(m_state->conn));
    }
    return take_libpq_string(verifier);
}

bool SqlSession::standard_conforming_strings() const {
    const char* value = PQparameterStatus(m_state->conn, "standard_conforming_strings");
    return value == nullptr || std::string_view(value) == "on";
}

} // namespace pgfit::psql
