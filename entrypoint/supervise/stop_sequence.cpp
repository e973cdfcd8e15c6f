#include "supervise/stop_sequence.hpp"

#include <algorithm>
#include <signal.h>

namespace pgfit::supervise {

int signal_for(StopStep step) {
    switch (step) {
    case StopStep::smart:
        return SIGTERM;
    case StopStep::fast:
        return SIGINT;
    case StopStep::immediate:
        return SIGQUIT;
    case StopStep::kill:
        return SIGKILL;
    case StopStep::give_up:
        return 0;
    }
    return 0;
}

StopStep step_for(StopMode mode) {
    switch (mode) {
    case StopMode::smart:
        return StopStep::smart;
    case StopMode::fast:
        return StopStep::fast;
    case StopMode::immediate:
        return StopStep::immediate;
    }
    return StopStep::fast;
}

std::string_view to_string(StopStep step) {
    switch (step) {
    case StopStep::smart:
        return "smart";
    case StopStep::fast:
        return "fast";
    case StopStep::immediate:
        return "immediate";
    case StopStep::kill:
        return "kill";
    case StopStep::give_up:
        return "give up";
    }
    return "fast";
}

StopTimeouts policy_timeouts(const StopPolicy& policy) {
    return {policy.smart_timeout, policy.stop_timeout, true, k_immediate_grace, k_kill_wait};
}

StopTimeouts per_step_timeouts(std::chrono::milliseconds timeout) {
    return {timeout, timeout, false, timeout, k_kill_wait};
}

StopStep first_step(int signal, const StopPolicy& policy) {
    if (signal == SIGQUIT) {
        return StopStep::immediate;
    }
    if (signal == SIGTERM && policy.smart_timeout.count() > 0) {
        return StopStep::smart;
    }
    return StopStep::fast;
}

StopSequence::StopSequence(StopStep first, const StopTimeouts& timeouts, Clock::time_point now)
    : m_step(first), m_timeouts(timeouts), m_first_signal(now), m_entered(now) {}

Clock::time_point StopSequence::deadline() const {
    const auto fast_end = m_timeouts.fast_from_first_signal ? m_first_signal + m_timeouts.fast
                                                            : m_entered + m_timeouts.fast;
    switch (m_step) {
    case StopStep::smart:
        return m_timeouts.fast_from_first_signal ? std::min(m_entered + m_timeouts.smart, fast_end)
                                                 : m_entered + m_timeouts.smart;
    case StopStep::fast:
        return fast_end;
    case StopStep::immediate:
        return m_entered + m_timeouts.immediate;
    case StopStep::kill:
        return m_entered + m_timeouts.kill;
    case StopStep::give_up:
        return Clock::time_point::max();
    }
    return Clock::time_point::max();
}

void StopSequence::escalate(StopStep requested, Clock::time_point now) {
    const auto next = static_cast<StopStep>(static_cast<int>(m_step) + 1);
    enter(std::min(std::max(next, requested), StopStep::kill), now);
}

void StopSequence::expire(Clock::time_point now) {
    if (m_step == StopStep::smart && m_timeouts.fast_from_first_signal &&
        now >= m_first_signal + m_timeouts.fast) {
        enter(StopStep::immediate, now);
        return;
    }
    enter(static_cast<StopStep>(
              std::min(static_cast<int>(m_step) + 1, static_cast<int>(StopStep::give_up))),
          now);
}

void StopSequence::enter(StopStep step, Clock::time_point now) {
    m_step = step;
    m_entered = now;
}

} // namespace pgfit::supervise
