// The server's side of the supervisor: the running phase (signal table), the stop sequence, and
// the tini-like loop for any other command.
#include <cerrno>
#include <cstring>
#include <sys/wait.h>

#include "supervise/signal_table.hpp"
#include "supervise/supervisor.hpp"
#include "supervise/supervisor_state.hpp"
#include "util/log.hpp"

namespace pgfit::supervise {

namespace {

// A sentence for the postmaster log lines ("exited with code 0", "was killed by SIGKILL").
std::string how_it_ended(const ChildExit& exit) {
    return exit.signaled() ? fmt::format("was killed by {}", signal_name(exit.signal()))
                           : fmt::format("exited with code {}", exit.exit_code());
}

std::string seconds(Clock::duration duration) {
    return fmt::format("{:g} s", std::chrono::duration<double>(duration).count());
}

} // namespace

void Supervisor::State::send_stop_step(pid_t postmaster, StopStep step) {
    const int signal = signal_for(step);
    if (step == StopStep::kill) {
        log::warning("postgres (process {}) has not stopped: sending SIGKILL", postmaster);
    } else {
        log::info("stopping postgres: {} shutdown ({} to process {})", to_string(step),
                  signal_name(signal), postmaster);
    }
    if (::kill(postmaster, signal) != 0 && errno != ESRCH) {
        log::warning("cannot send {} to postgres (process {}): {}", signal_name(signal), postmaster,
                     std::strerror(errno));
    }
}

ChildExit Supervisor::State::wait_stopped(pid_t postmaster, StopSequence& sequence,
                                          const StopPolicy& policy) {
    for (;;) {
        reap();
        if (auto exit = take_exit(postmaster)) {
            return *exit;
        }
        const auto now = Clock::now();
        if (now >= sequence.deadline()) {
            sequence.expire(now);
            if (sequence.step() == StopStep::give_up) {
                log::error("postgres (process {}) did not exit {} after SIGKILL; giving up",
                           postmaster, seconds(k_kill_wait));
                return ChildExit{postmaster, SIGKILL};
            }
            send_stop_step(postmaster, sequence.step());
            continue;
        }
        const auto signal = next_signal(std::min(sequence.deadline(), now + k_reap_tick));
        if (!signal) {
            continue;
        }
        const auto rule = server_rule(*signal);
        if (rule.action == SignalAction::stop) {
            note_stop(*signal);
            log::info("received {} while stopping: moving up one step", signal_name(*signal));
            sequence.escalate(first_step(*signal, policy), Clock::now());
            send_stop_step(postmaster, sequence.step());
        } else if (rule.action == SignalAction::forward) {
            ::kill(postmaster, *signal);
        }
    }
}

ChildExit Supervisor::stop_server(pid_t postmaster, StopMode mode,
                                  std::chrono::milliseconds timeout) {
    auto& state = *m_state;
    StopSequence sequence(step_for(mode), per_step_timeouts(timeout), Clock::now());
    state.send_stop_step(postmaster, sequence.step());
    const auto exit = state.wait_stopped(postmaster, sequence, StopPolicy{});
    log::debug("postgres (process {}) {}", postmaster, how_it_ended(exit));
    return exit;
}

std::optional<ChildExit> Supervisor::take_exit(pid_t pid) {
    m_state->reap();
    return m_state->take_exit(pid);
}

int Supervisor::supervise_server(pid_t postmaster, const StopPolicy& policy,
                                 const ServerCompanion& companion) {
    auto& state = *m_state;
    std::optional<ChildExit> exit;
    while (!exit) {
        state.reap();
        if ((exit = state.take_exit(postmaster))) {
            break;
        }
        if (companion.on_tick) {
            companion.on_tick(*this);
        }
        const auto signal = state.next_signal(Clock::now() + k_reap_tick);
        if (!signal) {
            continue;
        }
        const auto rule = server_rule(*signal);
        switch (rule.action) {
        case SignalAction::forward:
            if (*signal == SIGHUP) {
                if (companion.on_reload) {
                    companion.on_reload();
                }
                log::info("received SIGHUP: forwarded to postgres (reload)");
            } else {
                log::debug("received {}: forwarded to postgres", signal_name(*signal));
            }
            ::kill(postmaster, *signal);
            break;
        case SignalAction::stop: {
            state.note_stop(*signal);
            log::info("received {}: stopping postgres (immediate shutdown if it takes longer "
                      "than {})",
                      signal_name(*signal), seconds(policy.stop_timeout));
            StopSequence sequence(first_step(*signal, policy), policy_timeouts(policy),
                                  Clock::now());
            state.send_stop_step(postmaster, sequence.step());
            exit = state.wait_stopped(postmaster, sequence, policy);
            break;
        }
        case SignalAction::reap:
            break;
        case SignalAction::ignore:
            log::debug("ignored {}: {}", signal_name(*signal), rule.reason);
            break;
        }
    }
    log::info("postgres (process {}) {}", postmaster, how_it_ended(*exit));
    state.stop_leftovers();
    return exit->exit_code();
}

int Supervisor::supervise_command(pid_t child) {
    auto& state = *m_state;
    for (;;) {
        state.reap();
        if (auto exit = state.take_exit(child)) {
            state.stop_leftovers();
            return exit->exit_code();
        }
        const auto signal = state.next_signal(Clock::now() + k_reap_tick);
        if (!signal) {
            continue;
        }
        const auto action = child_action(*signal);
        if (action == SignalAction::stop) {
            state.note_stop(*signal);
        }
        if (action == SignalAction::stop || action == SignalAction::forward) {
            signal_group(child, *signal);
        }
    }
}

} // namespace pgfit::supervise
