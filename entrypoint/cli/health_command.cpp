// `pgfit health`: the image's HEALTHCHECK and a readiness probe for compose and Kubernetes.
// Healthy means the real server accepts a TCP login as POSTGRES_USER to POSTGRES_DB on
// 127.0.0.1:PGPORT and answers a query. The first start's temporary server listens on no TCP
// port and a server that is shutting down refuses logins, so both are unhealthy. With
// POSTGRES_SUPERUSER_LOCAL_ONLY=true the superuser cannot log in over TCP: the login goes
// through the Unix socket in PGFIT_SOCKET_DIR instead (the temporary server's socket is in a
// private directory, so init is still unhealthy).
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "config/bootstrap_settings.hpp"
#include "config/roles_variables.hpp"
#include "psql/sql_session.hpp"

namespace pgfit::cli {

namespace {

constexpr std::string_view k_usage = R"(usage: pgfit health

Exit 0 when the server accepts a TCP login as POSTGRES_USER (password from POSTGRES_PASSWORD
or POSTGRES_PASSWORD_FILE) to POSTGRES_DB on 127.0.0.1:PGPORT and answers SELECT 1; exit 1,
with the reason on stderr, otherwise: during the first start's initialisation, while stopping,
or when the login fails. With POSTGRES_SUPERUSER_LOCAL_ONLY=true, the login goes through the
Unix socket in PGFIT_SOCKET_DIR (default /var/run/postgresql). Docker reserves exit 2 for health checks, so bad input exits 1 too.
)";

// Why the server is not healthy, or nullopt when it is.
std::optional<std::string> unhealthy_reason(const Environment& environment) {
    auto settings = config::read_bootstrap_settings(environment);
    if (!settings) {
        return settings.error().to_string();
    }
    const auto local_only = config::read_superuser_local_only(environment);
    if (!local_only) {
        return local_only.error().to_string();
    }
    psql::ConnectionTarget target{*local_only ? settings->socket_directory : "127.0.0.1",
                                  settings->port, settings->user,
                                  settings->database, settings->password, ""};
    target.application_name = "pgfit-health";
    auto session = psql::SqlSession::open(target);
    if (!session) {
        return session.error().to_string();
    }
    auto answer = session->query_value("SELECT 1");
    if (!answer) {
        return answer.error().to_string();
    }
    return std::nullopt;
}

} // namespace

int health_command(const Invocation& invocation) {
    if (!invocation.args.empty()) {
        std::fputs(k_usage.data(), invocation.args.front() == "--help" ? stdout : stderr);
        return invocation.args.front() == "--help" ? k_exit_ok : k_exit_failed;
    }
    if (const auto reason = unhealthy_reason(invocation.environment)) {
        std::fprintf(stderr, "pgfit health: unhealthy: %s\n", reason->c_str());
        return k_exit_failed;
    }
    return k_exit_ok;
}

} // namespace pgfit::cli
