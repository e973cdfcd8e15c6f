#include "supervise/supervisor.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervise/describe_exit.hpp"
#include "supervise/reap.hpp"
#include "supervise/signal_table.hpp"
#include "supervise/spawn.hpp"
#include "supervise/supervisor_state.hpp"
#include "util/log.hpp"

namespace pgfit::supervise {

bool ChildExit::signaled() const {
    return WIFSIGNALED(status);
}

int ChildExit::signal() const {
    return signaled() ? WTERMSIG(status) : 0;
}

int ChildExit::exit_code() const {
    return signaled() ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

std::string describe_exit(const ChildExit& exit) {
    return exit.signaled() ? "killed by " + signal_name(exit.signal())
                           : fmt::format("exit code {}", exit.exit_code());
}

void Supervisor::State::reap() {
    for (const auto& exit : reap_exited()) {
        if (running.erase(exit.pid) > 0) {
            exited.insert_or_assign(exit.pid, exit);
            continue;
        }
        log::debug("reaped orphan process {} ({})", exit.pid, describe_exit(exit));
    }
}

std::optional<ChildExit> Supervisor::State::take_exit(pid_t pid) {
    const auto found = exited.find(pid);
    if (found == exited.end()) {
        return std::nullopt;
    }
    const ChildExit exit = found->second;
    exited.erase(found);
    return exit;
}

std::optional<int> Supervisor::State::next_signal(Clock::time_point deadline) {
    for (;;) {
        signalfd_siginfo info{};
        const ssize_t got = ::read(signal_fd.get(), &info, sizeof info);
        if (got == static_cast<ssize_t>(sizeof info)) {
            return static_cast<int>(info.ssi_signo);
        }
        if (got < 0 && errno == EINTR) {
            continue;
        }
        const auto now = Clock::now();
        if (now >= deadline) {
            return std::nullopt;
        }
        const auto wait = std::min<Clock::duration>(deadline - now, std::chrono::hours(24));
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wait);
        const timespec timeout{static_cast<time_t>(seconds.count()),
                               static_cast<long>((wait - seconds) / std::chrono::nanoseconds(1))};
        pollfd ready{signal_fd.get(), POLLIN, 0};
        if (::ppoll(&ready, 1, &timeout, nullptr) == 0) {
            return std::nullopt;
        }
    }
}

void Supervisor::State::note_stop(int signal) {
    if (first_stop_signal == 0) {
        first_stop_signal = signal;
    }
}

Result<Supervisor> Supervisor::create() {
    auto state = std::make_unique<State>();
    sigset_t blocked;
    ::sigprocmask(SIG_BLOCK, nullptr, &blocked);
    state->signal_fd.reset(::signalfd(-1, &blocked, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!state->signal_fd.valid()) {
        return fail(Error{"signalfd",
                          fmt::format("cannot create signalfd: {}", std::strerror(errno)), errno});
    }
    state->pid1 = ::getpid() == 1;
    if (!state->pid1 && ::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        log::warning("cannot become a child subreaper: {}; orphans of postgres go to the real "
                     "init instead of pgfit",
                     std::strerror(errno));
    }
    return Supervisor(std::move(state));
}

Supervisor::Supervisor(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Supervisor::Supervisor(Supervisor&&) noexcept = default;
Supervisor& Supervisor::operator=(Supervisor&&) noexcept = default;
Supervisor::~Supervisor() = default;

bool Supervisor::is_pid1() const {
    return m_state->pid1;
}

Result<pid_t> Supervisor::spawn(const ChildSpec& spec) {
    auto pid = spawn_process(spec);
    if (pid) {
        m_state->running.insert(*pid);
        log::debug("started {} as process {}", spec.argv.empty() ? "''" : spec.argv.front(), *pid);
    }
    return pid;
}

Waited Supervisor::wait_for(pid_t pid, const std::function<bool()>& condition,
                            std::optional<std::chrono::milliseconds> timeout) {
    auto& state = *m_state;
    const auto deadline = timeout ? Clock::now() + *timeout : Clock::time_point::max();
    const auto tick =
        condition ? Clock::duration(std::chrono::milliseconds(50)) : Clock::duration(k_reap_tick);
    for (;;) {
        state.reap();
        if (auto exit = state.take_exit(pid)) {
            return {Waited::Why::exited, *exit, 0};
        }
        if (!state.running.contains(pid)) {
            log::error("wait_for: process {} was not started by this supervisor", pid);
            return {Waited::Why::exited, ChildExit{pid, W_EXITCODE(255, 0)}, 0};
        }
        if (condition && condition()) {
            return {Waited::Why::condition_met, {}, 0};
        }
        const auto now = Clock::now();
        if (now >= deadline) {
            return {Waited::Why::timed_out, {}, 0};
        }
        const auto signal = state.next_signal(std::min(deadline, now + tick));
        if (!signal) {
            continue;
        }
        switch (child_action(*signal)) {
        case SignalAction::stop:
            state.note_stop(*signal);
            return {Waited::Why::stop_requested, {}, *signal};
        case SignalAction::forward:
            signal_group(pid, *signal);
            break;
        case SignalAction::reap:
        case SignalAction::ignore:
            break;
        }
    }
}

void Supervisor::signal_group(pid_t pid, int signal) {
    if (::kill(-pid, signal) != 0 && errno != ESRCH) {
        log::warning("cannot send {} to process group {}: {}", signal_name(signal), pid,
                     std::strerror(errno));
    }
}

int Supervisor::check_stop_requested() {
    auto& state = *m_state;
    while (const auto signal = state.next_signal(Clock::now())) {
        if (server_rule(*signal).action == SignalAction::stop) {
            state.note_stop(*signal);
        }
    }
    state.reap();
    return state.first_stop_signal;
}

} // namespace pgfit::supervise
