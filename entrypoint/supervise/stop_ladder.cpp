#include "supervise/stop_ladder.hpp"

#include <signal.h>

#include "supervise/signals.hpp"
#include "util/log.hpp"

namespace pgfit::supervise {

ChildExit stop_child(Supervisor& supervisor, pid_t pid, std::string_view what,
                     const std::vector<StopRung>& rungs) {
    for (std::size_t i = 0; i < rungs.size(); ++i) {
        const StopRung& rung = rungs[i];
        supervisor.signal_group(pid, rung.signal);
        const Waited waited = supervisor.wait_for(pid, {}, rung.wait);
        if (waited.why == Waited::Why::exited) {
            return waited.exit;
        }
        const int next = i + 1 < rungs.size() ? rungs[i + 1].signal : SIGKILL;
        log::warning("{} (process {}) {} {}; sending {}", what, pid,
                     waited.why == Waited::Why::stop_requested
                         ? std::string("got another stop signal after")
                         : fmt::format("did not end within {} ms of", rung.wait.count()),
                     signal_name(rung.signal), signal_name(next));
    }
    supervisor.signal_group(pid, SIGKILL);
    for (;;) {
        const Waited waited = supervisor.wait_for(pid);
        if (waited.why == Waited::Why::exited) {
            return waited.exit;
        }
    }
}

std::vector<StopRung> term_then_kill(std::chrono::milliseconds grace) {
    return {{SIGTERM, grace}};
}

} // namespace pgfit::supervise
