#include "initdb/init_scripts.hpp"

#include <chrono>
#include <fcntl.h>
#include <unistd.h>

#include "psql/meta_command.hpp"
#include "psql/sql_file_runner.hpp"
#include "supervise/child_run.hpp"
#include "util/fd.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::initdb {

namespace {

// The official image's docker_process_sql and psql array, for sourced scripts (bash).
constexpr const char* k_bash_shim = R"(set -Eeo pipefail
docker_process_sql() {
	local query_runner=( psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc )
	if [ -n "$POSTGRES_DB" ]; then
		query_runner+=( --dbname "$POSTGRES_DB" )
	fi
	PGHOSTADDR= "${query_runner[@]}" "$@"
}
psql=( docker_process_sql )
. "$1"
)";

// The same for a plain sh (no arrays: `$psql` names the function).
constexpr const char* k_sh_shim = R"(set -e
docker_process_sql() {
	if [ -n "$POSTGRES_DB" ]; then
		set -- --dbname "$POSTGRES_DB" "$@"
	fi
	PGHOSTADDR= psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}
psql=docker_process_sql
. "$1"
)";

bool has_shebang(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    char head[2] = {0, 0};
    return fd.valid() && ::read(fd.get(), head, 2) == 2 && head[0] == '#' && head[1] == '!';
}

std::string bash_or_sh() {
    return path_exists("/bin/bash") ? "/bin/bash" : "/bin/sh";
}

// psql's \set argument quoting: single quotes with backslash escapes.
std::string psql_quoted(const std::string& value) {
    std::string quoted = "'";
    for (const char c : value) {
        if (c == '\\' || c == '\'') {
            quoted += '\\';
            quoted += c;
        } else if (c == '\n') {
            quoted += "\\n";
        } else if (c == '\r') {
            quoted += "\\r";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

class Runner {
public:
    explicit Runner(ScriptRun& run) : m_run(run) {}
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;
    ~Runner() { m_run.shipped_sessions.close_all(); }

    supervise::Step run_file(const InitFile& file);

private:
    supervise::Step run_shell(const InitFile& file);
    supervise::Step run_sql(const std::string& path, const std::string& shown_as,
                            psql::SessionPool* pool = nullptr);
    supervise::Step run_compressed(const InitFile& file, const char* tool);
    supervise::Step run_psql(const std::string& path, const std::string& shown_as);
    supervise::Step run_checked(supervise::ChildSpec spec, const std::string& shown_as,
                                const std::string& what);
    std::string psql_binary() const {
        const std::string own = m_run.bindir + "/psql";
        return path_exists(own) ? own : "psql";
    }

    bool is_shipped(const InitFile& file) const {
        return !m_run.shipped_directory.empty() &&
               file.path.starts_with(m_run.shipped_directory + "/");
    }

    ScriptRun& m_run;
};

supervise::Step Runner::run_checked(supervise::ChildSpec spec, const std::string& shown_as,
                                    const std::string& what) {
    spec.environment = m_run.environment;
    const auto ran = supervise::run_child(*m_run.supervisor, spec);
    PGFIT_STEP(ran.step);
    if (ran.exit_code != 0) {
        return supervise::Step::failed(supervise::child_failure(shown_as, what, ran.exit_code));
    }
    return supervise::Step::done();
}

supervise::Step Runner::run_shell(const InitFile& file) {
    supervise::ChildSpec spec;
    if (file.executable) {
        log::info("running {}", file.path);
        spec.argv = has_shebang(file.path) ? std::vector<std::string>{file.path}
                                           : std::vector<std::string>{bash_or_sh(), file.path};
        return run_checked(std::move(spec), file.path, "the script");
    }
    log::info("sourcing {}", file.path);
    const std::string shell = bash_or_sh();
    spec.argv = {shell, "-c", shell == "/bin/bash" ? k_bash_shim : k_sh_shim, file.path, file.path};
    return run_checked(std::move(spec), file.path, "the sourced script");
}

supervise::Step Runner::run_psql(const std::string& path, const std::string& shown_as) {
    std::string preamble;
    for (const auto& [name, value] : m_run.variables) {
        if (psql::is_valid_variable_name(name)) {
            preamble += "\\set " + name + " " + psql_quoted(value) + "\n";
        }
    }
    preamble += "\\i " + psql_quoted(path) + "\n";
    const std::string preamble_path = m_run.work_dir + "/psql-preamble.sql";
    auto written = write_file_atomic(preamble_path, preamble, 0600);
    if (!written) {
        return supervise::Step::failed(written.error());
    }
    supervise::ChildSpec spec;
    spec.argv = {psql_binary(),
                 "-v",
                 "ON_ERROR_STOP=1",
                 "--no-psqlrc",
                 "--no-password",
                 "--username",
                 m_run.target.user,
                 "--dbname",
                 m_run.target.database,
                 "--host",
                 m_run.target.socket_dir,
                 "--port",
                 std::to_string(m_run.target.port),
                 "--file",
                 preamble_path};
    auto step = run_checked(std::move(spec), shown_as, "psql");
    ::unlink(preamble_path.c_str());
    return step;
}

supervise::Step Runner::run_sql(const std::string& path, const std::string& shown_as,
                                psql::SessionPool* pool) {
    psql::SqlFileContext context;
    context.supervisor = m_run.supervisor;
    context.pool = pool;
    context.target = m_run.target;
    context.variables = m_run.variables;
    context.run_with_psql = [this](const std::string& file, const std::string& name) {
        return run_psql(file, name);
    };
    return psql::run_sql_file(context, path, shown_as);
}

supervise::Step Runner::run_compressed(const InitFile& file, const char* tool) {
    const std::string plain = m_run.work_dir + "/decompressed.sql";
    UniqueFd out(::open(plain.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!out.valid()) {
        return supervise::Step::failed(Error{plain, "cannot create the decompressed copy"});
    }
    supervise::ChildSpec spec;
    spec.argv = {tool, "-dc", file.path};
    spec.stdout_fd = out.get();
    auto step = run_checked(std::move(spec), file.path, fmt::format("{} -dc", tool));
    out.reset();
    if (step.is_done()) {
        step = run_sql(plain, file.path);
    }
    ::unlink(plain.c_str());
    return step;
}

supervise::Step Runner::run_file(const InitFile& file) {
    // The shipped SQL files share their sessions; everything else runs with none of them open.
    const bool shared = file.kind == InitFileKind::sql && is_shipped(file);
    if (!shared && file.kind != InitFileKind::ignored) {
        m_run.shipped_sessions.close_all();
    }
    switch (file.kind) {
    case InitFileKind::shell:
        return run_shell(file);
    case InitFileKind::sql:
        log::info("running {}", file.path);
        return run_sql(file.path, file.path, shared ? &m_run.shipped_sessions : nullptr);
    case InitFileKind::sql_gz:
        log::info("running {}", file.path);
        return run_compressed(file, "gzip");
    case InitFileKind::sql_xz:
        log::info("running {}", file.path);
        return run_compressed(file, "xz");
    case InitFileKind::sql_zst:
        log::info("running {}", file.path);
        return run_compressed(file, "zstd");
    case InitFileKind::ignored:
        log::info("ignoring {}", file.path);
        return supervise::Step::done();
    }
    return supervise::Step::done();
}

} // namespace

Environment script_environment(const config::BootstrapSettings& settings,
                               const psql::ConnectionTarget& target) {
    Environment environment = settings.environment;
    environment.set("PGHOST", target.socket_dir);
    environment.set("PGPORT", std::to_string(target.port));
    environment.unset("PGHOSTADDR");
    environment.unset("NOTIFY_SOCKET");
    if (!environment.get_non_empty("PGUSER")) {
        environment.set("PGUSER", settings.user);
    }
    if (!environment.get_non_empty("PGPASSWORD") && !settings.password.empty()) {
        environment.set("PGPASSWORD", settings.password);
    }
    return environment;
}

supervise::Step run_init_files(ScriptRun& run, const std::vector<InitFile>& files) {
    Runner runner(run);
    for (const auto& file : files) {
        const auto start = std::chrono::steady_clock::now();
        PGFIT_STEP(runner.run_file(file));
        log::debug("{} took {} ms", file.path,
                   std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start)
                       .count());
    }
    return supervise::Step::done();
}

} // namespace pgfit::initdb
