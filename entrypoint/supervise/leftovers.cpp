// What is left when the main child has exited: postgres's syslogger or archiver helpers, an
// init script's background job, an exec session's orphan. They get a graceful TERM and a short
// grace before KILL, because when pgfit (PID 1) exits the kernel SIGKILLs them without warning.
#include <signal.h>
#include <unistd.h>

#include "supervise/reap.hpp"
#include "supervise/signal_table.hpp"
#include "supervise/supervisor_state.hpp"
#include "util/log.hpp"

namespace pgfit::supervise {

namespace {

// kill(-1) only as PID 1: outside a PID namespace it would reach every process of the user.
void signal_leftovers(bool pid1, int signal) {
    if (pid1) {
        ::kill(-1, signal);
        return;
    }
    for (const pid_t pid : descendants_of(::getpid())) {
        ::kill(pid, signal);
    }
}

} // namespace

void Supervisor::State::stop_leftovers() {
    reap();
    if (!has_children()) {
        return; // every leftover is a child of pgfit, or below one
    }
    // Returns true once nothing is left; a stop signal cuts the grace short.
    const auto wait_until_gone = [this](Clock::duration grace) {
        const auto deadline = Clock::now() + grace;
        for (;;) {
            reap();
            if (!has_children()) {
                return true;
            }
            const auto now = Clock::now();
            if (now >= deadline) {
                return false;
            }
            const auto signal =
                next_signal(std::min(deadline, now + std::chrono::milliseconds(100)));
            if (signal && server_rule(*signal).action == SignalAction::stop) {
                note_stop(*signal);
                return false;
            }
        }
    };
    log::info("sending SIGTERM to the processes left over");
    signal_leftovers(pid1, SIGTERM);
    if (wait_until_gone(k_leftover_grace)) {
        return;
    }
    log::warning("processes still left over: sending SIGKILL");
    signal_leftovers(pid1, SIGKILL);
    if (!wait_until_gone(k_kill_wait)) {
        log::warning("some leftover processes did not exit after SIGKILL");
    }
}

} // namespace pgfit::supervise
