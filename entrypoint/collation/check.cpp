#include "collation/check.hpp"

#include "collation/drift.hpp"
#include "collation/library_key.hpp"
#include "initdb/temp_server.hpp"
#include "psql/sql_session.hpp"
#include "util/file.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::collation {

namespace {

constexpr unsigned k_first_recording_major = 15; // datcollversion and its actual version
constexpr std::chrono::milliseconds k_stop_timeout{60000}; // after a REINDEX, a long checkpoint
constexpr std::string_view k_key_prefix = "libraries=";

std::string state_path(const CheckRequest& request) {
    return request.settings.pgdata + "/" + k_state_name;
}

// The key of the last clean check; "" when there is none.
std::string recorded_key(const CheckRequest& request) {
    const auto state = read_file(state_path(request));
    const auto line = state ? trim(*state) : std::string_view();
    return line.starts_with(k_key_prefix) ? std::string(line.substr(k_key_prefix.size())) : "";
}

void record_key(const CheckRequest& request, const std::string& key) {
    const auto written =
        write_file_atomic(state_path(request), std::string(k_key_prefix) + key + "\n", 0600);
    if (!written) {
        log::warning("cannot record the collation libraries ({}); the check runs again next start",
                     written.error().to_string());
    }
}

psql::ConnectionTarget target(const CheckRequest& request, const initdb::TempServer& server,
                              const std::string& database) {
    return {server.socket_dir, server.port, request.settings.user, database,
            request.settings.password, ""};
}

// Rebuilds the indexes of each drifted database, then records the library's version.
Result<void> reindex(supervise::Supervisor& supervisor, const CheckRequest& request,
                     const initdb::TempServer& server, psql::SqlSession& template1,
                     const std::vector<DatabaseCollation>& databases) {
    for (const auto& database : databases) {
        if (database.connectable) {
            log::info("PGFIT_REFRESH_COLLATION=reindex: {} (collation version {} recorded, {} now)",
                      reindex_command(database), database.recorded, database.actual);
            PGFIT_TRY_ASSIGN(auto session, psql::SqlSession::open(target(request, server,
                                                                        database.name)));
            PGFIT_TRY(supervise::step_result(
                session.execute(supervisor, reindex_command(database), "PGFIT_REFRESH_COLLATION"),
                "REINDEX", "the collation version stays as recorded; the next start reindexes "
                           "again"));
        }
        PGFIT_TRY(supervise::step_result(
            template1.execute(supervisor, refresh_command(database), "PGFIT_REFRESH_COLLATION"),
            "ALTER DATABASE", "the next start checks again"));
    }
    return {};
}

// The check on a running temporary server: true when no database drifts (any more).
Result<bool> check_on(supervise::Supervisor& supervisor, const CheckRequest& request,
                      const initdb::TempServer& server) {
    PGFIT_TRY_ASSIGN(auto session, psql::SqlSession::open(target(request, server, "template1")));
    PGFIT_TRY_ASSIGN(const auto rows, session.query_rows(k_databases_query));
    const auto databases = drifted(parse_databases(rows));
    if (databases.empty()) {
        return true;
    }
    if (request.settings.collation_refresh == config::CollationRefresh::reindex) {
        PGFIT_TRY(reindex(supervisor, request, server, session, databases));
        return true;
    }
    for (const auto& database : databases) {
        log::warning("{}", drift_warning(database));
    }
    return false;
}

} // namespace

Result<void> check_collations(supervise::Supervisor& supervisor, const CheckRequest& request) {
    if (request.settings.collation_refresh == config::CollationRefresh::off || request.standby ||
        request.major < k_first_recording_major) {
        return {};
    }
    const auto key = library_key(request.bindir + "/postgres");
    if (request.initialized_now) {
        record_key(request, key);
        return {};
    }
    const auto recorded = recorded_key(request);
    if (recorded == key) {
        return {};
    }
    log::info("collation check: {} ({}); comparing each database's collation version with the "
              "library's on a temporary server",
              recorded.empty() ? "not done on this cluster yet"
                               : "the C library or the server changed since the last one (" +
                                     recorded + ")",
              key);
    const bool must_fix = request.settings.collation_refresh == config::CollationRefresh::reindex;
    initdb::PrivateDir work;
    PGFIT_TRY_ASSIGN(work.path, initdb::make_private_dir(request.settings.socket_directory,
                                                         request.settings.environment));
    initdb::TempServer server;
    const auto started = initdb::start_temp_server(
        supervisor,
        {request.bindir, request.settings.pgdata, request.server_args, work.path,
         request.settings.port, request.server_environment},
        server);
    if (!started.is_done() && !started.is_stopped() && !must_fix) {
        log::warning("collation check skipped: the temporary server did not start ({})",
                      started.error().to_string());
        return {};
    }
    PGFIT_TRY(supervise::step_result(started, "collation check", "the server is not started"));
    const auto clean = check_on(supervisor, request, server);
    const auto stop = initdb::stop_temp_server(supervisor, server, k_stop_timeout);
    PGFIT_TRY(supervise::step_result(stop, "collation check", "the server is not started"));
    if (!clean) {
        if (must_fix || clean.error().kind == ErrorKind::stopped) {
            return Unexpected{clean.error()};
        }
        log::warning("collation check skipped: {}", clean.error().to_string());
    } else if (*clean) {
        record_key(request, key);
    }
    return {};
}

} // namespace pgfit::collation
