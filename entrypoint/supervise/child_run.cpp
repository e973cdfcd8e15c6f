#include "supervise/child_run.hpp"

#include "supervise/signals.hpp"
#include "supervise/stop_ladder.hpp"

namespace pgfit::supervise {

ChildRun run_child(supervise::Supervisor& supervisor, const supervise::ChildSpec& spec,
                   std::chrono::milliseconds grace) {
    auto pid = supervisor.spawn(spec);
    if (!pid) {
        return {Step::failed(pid.error()), 0};
    }
    const auto waited = supervisor.wait_for(*pid);
    if (waited.why == supervise::Waited::Why::stop_requested) {
        stop_child(supervisor, *pid, spec.argv.front(), term_then_kill(grace));
        return {Step::stopped(waited.stop_signal), 0};
    }
    return {Step::done(), waited.exit.exit_code()};
}

Error child_failure(const std::string& where, const std::string& what, int exit_code) {
    if (exit_code > 128) {
        return Error{where, fmt::format("{} was killed by {}", what, signal_name(exit_code - 128))};
    }
    return Error{where, fmt::format("{} failed with exit code {}", what, exit_code)};
}

} // namespace pgfit::supervise
