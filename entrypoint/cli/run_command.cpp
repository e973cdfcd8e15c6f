// `pgfit [postgres] [args...]`, the container's entrypoint: the official image's
// docker-entrypoint.sh, with pgfit staying PID 1 to reap and to stop postgres step by step.
#include "cli/commands.hpp"
#include "cli/run_arguments.hpp"
#include "cli/run_options.hpp"
#include "cli/run_server.hpp"
#include "supervise/supervisor.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

int run_command(const Invocation& invocation) {
    // The official image's rule: no arguments, or a flag first, means `postgres ...`.
    const auto args = normalize_arguments(invocation.args);
    // Take the blocked signals over (signalfd) and become the reaper of every orphan.
    auto supervisor = supervise::Supervisor::create(invocation.saved_mask);
    if (!supervisor) {
        log::error("{}", supervisor.error().message);
        return 1;
    }
    // Anything but the server (bash, psql, postgres --version) runs unchanged, like under tini.
    if (!is_server_command(args)) {
        return run_unchanged(*supervisor, args, invocation.environment);
    }
    // pgfit's own switches, so a typo stops it before the server path has started anything.
    const auto options = read_run_options(invocation.environment);
    if (!options) {
        log::error("{}", options.error().to_string());
        return k_exit_bad_input;
    }
    // The server: tuned, initialised on first start, supervised until it exits.
    return run_server(*supervisor, args, *options, invocation.environment);
}

} // namespace pgfit::cli
