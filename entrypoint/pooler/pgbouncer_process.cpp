#include "pooler/pgbouncer_process.hpp"

#include <signal.h>

#include "supervise/run_captured.hpp"
#include "supervise/stop_ladder.hpp"
#include "util/log.hpp"

namespace pgfit::pooler {

namespace {

using supervise::Waited;

constexpr std::chrono::seconds k_kill_after{5};
constexpr std::chrono::seconds k_version_timeout{60};

} // namespace

Result<PgBouncerVersion> installed_pgbouncer_version(supervise::Supervisor& supervisor,
                                                     const Environment& environment) {
    const auto ran = supervise::run_captured(
        supervisor, {{"pgbouncer", "--version"}, environment, {}}, k_version_timeout);
    if (!ran) {
        return fail("pgbouncer --version", "{}", ran.error().message);
    }
    if (ran->exit.exit_code() != 0) {
        return fail("pgbouncer --version", "failed with {}", supervise::describe_exit(ran->exit));
    }
    return parse_pgbouncer_version(ran->out, "pgbouncer --version");
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
    const auto ended = supervise::stop_child(
        supervisor, *pid, "pgbouncer",
        {{SIGINT, stop_timeout}, {immediate_shutdown_signal(version), k_kill_after}});
    return ended.exit_code();
}

} // namespace pgfit::pooler
