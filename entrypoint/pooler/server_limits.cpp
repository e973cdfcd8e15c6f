#include "pooler/server_limits.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include <libpq-fe.h>

#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::pooler {

namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using QueryResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

struct Parameters {
    std::vector<const char*> keys;
    std::vector<const char*> values;
};

// The libpq keywords/values for the sizing connection; strings point into `port` and settings.
Parameters connection_parameters(const PoolerSettings& settings, const std::string& port) {
    Parameters parameters;
    const auto add = [&](const char* key, const char* value) {
        parameters.keys.push_back(key);
        parameters.values.push_back(value);
    };
    add("host", settings.server_host.c_str());
    add("port", port.c_str());
    add("dbname", settings.databases.front().name.c_str());
    add("user", settings.auth_user.c_str());
    add("password", settings.auth_password.c_str());
    add("application_name", "pgfit pgbouncer");
    add("connect_timeout", "5");
    add(nullptr, nullptr);
    return parameters;
}

std::string server_name(const PoolerSettings& settings) {
    return fmt::format("{}:{}", settings.server_host, settings.server_port);
}

// The server answered and is accepting connections, or the deadline passed.
Result<void> wait_for_server(const PoolerSettings& settings, const Parameters& parameters) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::seconds(settings.wait_seconds);
    auto pause = std::chrono::milliseconds(250);
    auto next_report = start + std::chrono::seconds(10);
    while (true) {
        const PGPing ping = PQpingParams(parameters.keys.data(), parameters.values.data(), 0);
        if (ping == PQPING_OK) {
            return {};
        }
        if (ping == PQPING_NO_ATTEMPT) {
            return fail(server_name(settings), "cannot connect: bad connection parameters");
        }
        const auto now = Clock::now();
        if (now >= deadline) {
            return fail(server_name(settings),
                        "PostgreSQL did not accept connections within {} s "
                        "(PGBOUNCER_WAIT_TIMEOUT); last state: {}",
                        settings.wait_seconds,
                        ping == PQPING_REJECT ? "starting up or shutting down" : "no answer");
        }
        if (now >= next_report) {
            log::info("pgbouncer: waiting for PostgreSQL at {} ({} s so far)",
                      server_name(settings),
                      std::chrono::duration_cast<std::chrono::seconds>(now - start).count());
            next_report = now + std::chrono::seconds(10);
        }
        std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
        pause = std::min(pause * 2, std::chrono::milliseconds(2000));
    }
}

Result<int> integer_setting(PGconn* connection, const char* name, bool optional) {
    const std::string query = fmt::format("SELECT pg_catalog.current_setting('{}', true)", name);
    QueryResult result(PQexec(connection, query.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        return fail(name, "cannot read the setting: {}", trim(PQresultErrorMessage(result.get())));
    }
    if (PQgetisnull(result.get(), 0, 0)) {
        if (optional) {
            return 0;
        }
        return fail(name, "the server does not know this setting");
    }
    const auto value = parse_uint64(PQgetvalue(result.get(), 0, 0));
    if (!value || *value > 1000000) {
        return fail(name, "unexpected value '{}'", PQgetvalue(result.get(), 0, 0));
    }
    return static_cast<int>(*value);
}

} // namespace

Result<ServerLimits> query_server_limits(const PoolerSettings& settings) {
    const std::string port = std::to_string(settings.server_port);
    const Parameters parameters = connection_parameters(settings, port);
    PGFIT_TRY(wait_for_server(settings, parameters));
    Connection connection(PQconnectdbParams(parameters.keys.data(), parameters.values.data(), 0),
                          &PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        return fail(server_name(settings), "cannot log in as '{}' to database '{}': {}",
                    settings.auth_user, settings.databases.front().name,
                    trim(PQerrorMessage(connection.get())));
    }
    ServerLimits limits;
    const auto max_connections = integer_setting(connection.get(), "max_connections", false);
    PGFIT_TRY(max_connections);
    const auto superuser_reserved =
        integer_setting(connection.get(), "superuser_reserved_connections", false);
    PGFIT_TRY(superuser_reserved);
    const auto reserved = integer_setting(connection.get(), "reserved_connections", true);
    PGFIT_TRY(reserved);
    limits.max_connections = *max_connections;
    limits.superuser_reserved_connections = *superuser_reserved;
    limits.reserved_connections = *reserved;
    return limits;
}

} // namespace pgfit::pooler
