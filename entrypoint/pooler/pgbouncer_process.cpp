#include "pooler/pgbouncer_process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "util/fd.hpp"
#include "util/log.hpp"

namespace pgfit::pooler {

namespace {

using supervise::Waited;

constexpr std::chrono::seconds k_kill_after{5};

} // namespace

Result<PgBouncerVersion> installed_pgbouncer_version(supervise::Supervisor& supervisor,
                                                     const Environment& environment) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return fail("pgbouncer --version", "cannot create a pipe: {}", std::strerror(errno));
    }
    UniqueFd read_end(pipe_fds[0]);
    UniqueFd write_end(pipe_fds[1]);
    supervise::ChildSpec spec;
    spec.argv = {"pgbouncer", "--version"};
    spec.environment = environment;
    spec.stdout_fd = write_end.get();
    const auto pid = supervisor.spawn(spec);
    PGFIT_TRY(pid);
    write_end.reset();
    const std::string output = read_all(read_end.get());
    const Waited waited = supervisor.wait_for(*pid);
    if (waited.why != Waited::Why::exited) {
        supervisor.signal_group(*pid, SIGKILL);
        supervisor.wait_for(*pid);
        return fail("pgbouncer --version", "stopped by signal {} before it answered",
                    waited.stop_signal);
    }
    if (waited.exit.exit_code() != 0) {
        return fail("pgbouncer --version", "exited with code {}", waited.exit.exit_code());
    }
    return parse_pgbouncer_version(output, "pgbouncer --version");
}

std::vector<std::string> pgbouncer_argv(const std::string& ini_path,
                                        const std::string& run_as_user) {
    std::vector<std::string> argv{"pgbouncer"};
    if (!run_as_user.empty()) {
        argv.insert(argv.end(), {"-u", run_as_user});
    }
    argv.push_back(ini_path);
    return argv;
}

int run_pgbouncer(supervise::Supervisor& supervisor, const supervise::ChildSpec& spec,
                  const PgBouncerVersion& version, std::chrono::milliseconds stop_timeout) {
    const auto pid = supervisor.spawn(spec);
    if (!pid) {
        log::error("pgbouncer: {}", pid.error().to_string());
        return 1;
    }
    Waited waited = supervisor.wait_for(*pid);
    if (waited.why == Waited::Why::exited) {
        return waited.exit.exit_code();
    }
    log::info("pgbouncer: received signal {}; safe shutdown (SIGINT), immediate after {} ms",
              waited.stop_signal, stop_timeout.count());
    supervisor.signal_group(*pid, SIGINT);
    waited = supervisor.wait_for(*pid, {}, stop_timeout);
    if (waited.why != Waited::Why::exited) {
        const int immediate = immediate_shutdown_signal(version);
        log::warning("pgbouncer: {}; immediate shutdown (signal {})",
                     waited.why == Waited::Why::stop_requested ? "second stop signal"
                                                               : "safe shutdown timed out",
                     immediate);
        supervisor.signal_group(*pid, immediate);
        waited = supervisor.wait_for(*pid, {}, k_kill_after);
    }
    if (waited.why != Waited::Why::exited) {
        log::warning("pgbouncer: still running; SIGKILL");
        supervisor.signal_group(*pid, SIGKILL);
    }
    while (waited.why != Waited::Why::exited) {
        waited = supervisor.wait_for(*pid);
    }
    return waited.exit.exit_code();
}

} // namespace pgfit::pooler
