// The stop sequence of a postmaster as a value: smart (SIGTERM) → fast (SIGINT) → immediate
// (SIGQUIT) → SIGKILL → give up waiting, each step with a deadline. Pure: the caller passes the
// clock, sends the signals and waits.
#pragma once

#include <chrono>
#include <string_view>

#include "supervise/supervisor.hpp"

namespace pgfit::supervise {

using Clock = std::chrono::steady_clock;

enum class StopStep { smart, fast, immediate, kill, give_up };

// Postmaster's signal for the step (0 for give_up).
int signal_for(StopStep step);
StopStep step_for(StopMode mode);
std::string_view to_string(StopStep step);

// postgres itself SIGKILLs its children 5 s after an immediate shutdown request and exits once
// they are gone; pgfit gives it 2 s more before SIGKILLing postmaster, then waits up to 5 s for
// the kill to land.
inline constexpr std::chrono::seconds k_immediate_grace{7};
inline constexpr std::chrono::seconds k_kill_wait{5};

struct StopTimeouts {
    Clock::duration smart;       // how long the smart step may last
    Clock::duration fast;        // fast ends this long after its anchor
    bool fast_from_first_signal; // anchor: the first stop signal, or the start of the fast step
    Clock::duration immediate;   // then SIGKILL
    Clock::duration kill;        // then stop waiting
};

// supervise_server: the runtime's grace period starts with its stop signal, so the fast step
// ends `stop_timeout` after the first stop signal however the sequence got there.
StopTimeouts policy_timeouts(const StopPolicy& policy);
// stop_server: every step gets `timeout`.
StopTimeouts per_step_timeouts(std::chrono::milliseconds timeout);

// The step a stop signal asks for: SIGTERM → smart when the policy has a smart phase, else fast;
// SIGINT → fast; SIGQUIT → immediate.
StopStep first_step(int signal, const StopPolicy& policy);

class StopSequence {
public:
    StopSequence(StopStep first, const StopTimeouts& timeouts, Clock::time_point now);

    StopStep step() const { return m_step; }
    // When the current step has lasted long enough (time_point::max() after give_up).
    Clock::time_point deadline() const;

    // Another stop signal: one step up, or straight to `requested` when that is further; never
    // past kill.
    void escalate(StopStep requested, Clock::time_point now);
    // The deadline passed: the next step (smart jumps to immediate when the fast step's deadline
    // has passed too).
    void expire(Clock::time_point now);

private:
    void enter(StopStep step, Clock::time_point now);

    StopStep m_step;
    StopTimeouts m_timeouts;
    Clock::time_point m_first_signal;
    Clock::time_point m_entered;
};

} // namespace pgfit::supervise
