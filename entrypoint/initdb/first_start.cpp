#include "initdb/first_start.hpp"

#include <cstdio>

#include "cluster/pgdata_state.hpp"
#include "initdb/base_conf.hpp"
#include "initdb/catalog_hints.hpp"
#include "initdb/hba.hpp"
#include "initdb/init_files.hpp"
#include "initdb/init_scripts.hpp"
#include "initdb/initdb.hpp"
#include "initdb/script_variables.hpp"
#include "initdb/temp_server.hpp"
#include "initdb/template_cluster.hpp"
#include "psql/quiet_session.hpp"
#include "psql/sql_session.hpp"
#include "supervise/child_run.hpp"
#include "util/log.hpp"

namespace pgfit::initdb {

namespace {

// The normal end of init: a freshly loaded database may need a long shutdown checkpoint.
constexpr std::chrono::milliseconds k_temp_server_stop_timeout{60000};

// Where the first start's time goes, logged in one line at its end (bench/startup reads it).
class Timings {
public:
    using Clock = std::chrono::steady_clock;

    // Closes the running phase under `name` and starts the next one.
    void lap(const char* name) {
        const auto now = Clock::now();
        m_split += fmt::format("{}{} {} ms", m_split.empty() ? "" : ", ", name, ms(m_lap, now));
        m_lap = now;
    }
    std::string line() const {
        return fmt::format("first start took {} ms: {}", ms(m_start, Clock::now()), m_split);
    }

private:
    static long long ms(Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
    }
    Clock::time_point m_start = Clock::now();
    Clock::time_point m_lap = m_start;
    std::string m_split;
};

class FirstStart {
public:
    FirstStart(supervise::Supervisor& supervisor, const config::BootstrapSettings& settings,
               const FirstStartRequest& request)
        : m_supervisor(supervisor), m_settings(settings), m_request(request) {}

    supervise::Step run();

private:
    supervise::Step prepare(std::vector<InitFile>& files);
    supervise::Step connect_and_load(const std::vector<InitFile>& files);
    supervise::Step configure_and_load(psql::SqlSession session,
                                       const std::vector<InitFile>& files);
    supervise::Step create_database(psql::SqlSession& session);
    supervise::Step check_stop();
    supervise::Step make_cluster();
    psql::ConnectionTarget target(const std::string& user) const;

    supervise::Supervisor& m_supervisor;
    const config::BootstrapSettings& m_settings;
    const FirstStartRequest& m_request;
    PrivateDir m_work;
    TempServer m_server;
    Timings m_timings;
    bool m_from_template = false;
};

supervise::Step FirstStart::check_stop() {
    const int signal = m_supervisor.check_stop_requested();
    return signal == 0 ? supervise::Step::done() : supervise::Step::stopped(signal);
}

supervise::Step FirstStart::prepare(std::vector<InitFile>& files) {
    auto listed = list_init_files(m_settings.init_directories, m_settings.environment);
    if (!listed) {
        return supervise::Step::failed(listed.error());
    }
    files = std::move(*listed);
    auto work = make_private_dir(m_settings.socket_directory, m_settings.environment);
    if (!work) {
        return supervise::Step::failed(work.error());
    }
    m_work.path = *work;
    PGFIT_STEP(check_stop());
    PGFIT_STEP(supervise::Step::from(cluster::write_init_marker(
        m_settings.pgdata, "in-progress",
        fmt::format("started={}\npgfit={}\n", cluster::utc_stamp(false), PGFIT_VERSION))));
    PGFIT_STEP(make_cluster());
    auto base = load_base_conf();
    if (!base) {
        return supervise::Step::failed(base.error());
    }
    return supervise::Step::from(
        append_to_file(m_settings.pgdata + "/postgresql.conf", "\n" + *base));
}

// initdb, or the image's template copied, into the staging directory, then moved into PGDATA.
supervise::Step FirstStart::make_cluster() {
    const auto checksums = initdb_options(m_settings, m_request.major).checksums;
    log::info("data checksums: {}, {}", checksums.enabled ? "on" : "off", checksums.reason);
    const std::string staging = m_settings.pgdata + "/" + cluster::k_staging_name;
    const InitdbRun run{m_request.bindir, m_work.path, m_request.server_environment,
                        m_request.major, std::nullopt};
    PGFIT_STEP(copy_template(m_supervisor, m_settings, run, m_request.template_directory, staging,
                             m_from_template));
    if (!m_from_template) {
        PGFIT_STEP(run_initdb(m_supervisor, m_settings, run, staging));
    }
    PGFIT_STEP(supervise::Step::from(cluster::move_staging_into_place(staging, m_settings.pgdata)));
    m_timings.lap(m_from_template ? "template copy" : "initdb");
    return supervise::Step::done();
}

psql::ConnectionTarget FirstStart::target(const std::string& user) const {
    return {m_work.path, m_settings.port,     user,
            "postgres",  m_settings.password, psql::client_encoding_for(m_settings.environment)};
}

supervise::Step FirstStart::create_database(psql::SqlSession& session) {
    auto exists =
        session.query_value("SELECT 1 FROM pg_database WHERE datname = $1", {m_settings.database});
    if (!exists) {
        return supervise::Step::failed(exists.error());
    }
    if (*exists) {
        return supervise::Step::done();
    }
    return session.execute(m_supervisor,
                           "CREATE DATABASE " + session.quote_identifier(m_settings.database),
                           "POSTGRES_DB");
}

supervise::Step FirstStart::configure_and_load(psql::SqlSession session,
                                               const std::vector<InitFile>& files) {
    std::string method = m_settings.host_auth_method;
    if (method.empty()) {
        auto encryption = session.query_value("SHOW password_encryption");
        if (!encryption || !*encryption) {
            return supervise::Step::failed(encryption ? Error{"password_encryption", "no value"}
                                                      : encryption.error());
        }
        method = **encryption;
    }
    auto variables = plain_script_variables(m_settings);
    std::optional<ReplicationAccess> replication;
    if (replication_enabled(m_settings)) {
        replication = ReplicationAccess{variables.at("POSTGRES_REPLICATION_USER"),
                                        variables.at("POSTGRES_REPLICATION_NETWORK")};
    }
    auto hba = render_hba_lines(method, replication);
    if (!hba) {
        return supervise::Step::failed(hba.error());
    }
    PGFIT_STEP(supervise::Step::from(append_to_file(m_settings.pgdata + "/pg_hba.conf", *hba)));
    PGFIT_STEP(create_database(session));
    PGFIT_STEP(supervise::Step::from(
        add_scram_verifiers(variables, m_settings, [&](const std::string& pw) {
            return session.scram_verifier(pw, "");
        })));

    ScriptRun scripts;
    scripts.supervisor = &m_supervisor;
    scripts.bindir = m_request.bindir;
    scripts.work_dir = m_work.path;
    if (m_settings.init_directories.size() > 1) {
        scripts.shipped_directory = m_settings.init_directories.front();
    }
    const auto server = session.target();
    scripts.target = server;
    scripts.target.database = m_settings.database;
    scripts.variables = std::move(variables);
    scripts.environment = script_environment(m_settings, scripts.target);
    // This session to postgres serves the shipped files that connect there.
    scripts.shipped_sessions.adopt(std::move(session));
    PGFIT_STEP(run_init_files(scripts, files));
    if (m_request.after_init_scripts) {
        PGFIT_STEP(supervise::Step::from(m_request.after_init_scripts(server)));
    }
    return supervise::Step::done();
}

supervise::Step FirstStart::connect_and_load(const std::vector<InitFile>& files) {
    if (m_from_template) {
        // The copy's superuser is still the template's until it is renamed.
        auto adopting = psql::open_quiet_session(target(k_template_superuser));
        if (!adopting) {
            return supervise::Step::failed(adopting.error());
        }
        PGFIT_STEP(supervise::Step::from(adopt_template_superuser(*adopting, m_settings)));
    }
    auto session = psql::SqlSession::open(target(m_settings.user));
    if (!session) {
        return supervise::Step::failed(session.error());
    }
    return configure_and_load(std::move(*session), files);
}

supervise::Step FirstStart::run() {
    std::vector<InitFile> files;
    PGFIT_STEP(prepare(files));
    PGFIT_STEP(check_stop());

    TempServerOptions options{m_request.bindir, m_settings.pgdata, m_request.server_args,
                              m_work.path,      m_settings.port,   m_request.server_environment};
    supervise::Step step = start_temp_server(m_supervisor, options, m_server);
    if (step.is_done()) {
        m_timings.lap("temporary server start");
        step = connect_and_load(files);
    }
    if (!step.is_done()) {
        // Failed or stopped: the server goes down quickly; its data is discarded anyway.
        stop_temp_server(m_supervisor, m_server, supervise::k_child_kill_grace);
        return step;
    }
    m_timings.lap("scripts");
    set_catalog_hint_bits(target(m_settings.user));
    m_timings.lap("catalog hint bits");
    PGFIT_STEP(stop_temp_server(m_supervisor, m_server, k_temp_server_stop_timeout));
    m_timings.lap("temporary server stop");
    PGFIT_STEP(supervise::Step::from(sync_pgdata(m_settings.pgdata)));
    m_timings.lap("sync");
    PGFIT_STEP(check_stop());
    PGFIT_STEP(supervise::Step::from(cluster::write_init_marker(
        m_settings.pgdata, "complete",
        fmt::format("finished={}\npgfit={}\n", cluster::utc_stamp(false), PGFIT_VERSION))));
    log::info("{}", m_timings.line());
    std::printf("\nPostgreSQL init process complete; ready for start up.\n\n");
    std::fflush(stdout);
    return supervise::Step::done();
}

} // namespace

supervise::Step run_first_start(supervise::Supervisor& supervisor,
                                const config::BootstrapSettings& settings,
                                const FirstStartRequest& request) {
    FirstStart first_start(supervisor, settings, request);
    return first_start.run();
}

} // namespace pgfit::initdb
