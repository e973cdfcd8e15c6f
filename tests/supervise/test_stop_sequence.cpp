#include <signal.h>

#include <doctest/doctest.h>

#include "supervise/stop_sequence.hpp"

using namespace pgfit::supervise;
using namespace std::chrono_literals;

namespace {
const Clock::time_point t0{};
} // namespace

TEST_SUITE("supervise::StopSequence") {
    TEST_CASE("steps send postmaster's signals") {
        CHECK(signal_for(StopStep::smart) == SIGTERM);
        CHECK(signal_for(StopStep::fast) == SIGINT);
        CHECK(signal_for(StopStep::immediate) == SIGQUIT);
        CHECK(signal_for(StopStep::kill) == SIGKILL);
        CHECK(signal_for(StopStep::give_up) == 0);
    }

    TEST_CASE("the first step a stop signal asks for") {
        const StopPolicy no_smart{0ms, 8000ms};
        const StopPolicy smart{3000ms, 8000ms};
        CHECK(first_step(SIGTERM, no_smart) == StopStep::fast);
        CHECK(first_step(SIGTERM, smart) == StopStep::smart);
        CHECK(first_step(SIGINT, smart) == StopStep::fast);
        CHECK(first_step(SIGQUIT, smart) == StopStep::immediate);
    }

    TEST_CASE("policy: fast ends stop_timeout after the first signal, then immediate, then kill") {
        StopSequence sequence(StopStep::fast, policy_timeouts({0ms, 8000ms}), t0);
        CHECK(sequence.deadline() == t0 + 8000ms);
        sequence.expire(t0 + 8000ms);
        CHECK(sequence.step() == StopStep::immediate);
        CHECK(sequence.deadline() == t0 + 8000ms + k_immediate_grace);
        sequence.expire(sequence.deadline());
        CHECK(sequence.step() == StopStep::kill);
        sequence.expire(sequence.deadline());
        CHECK(sequence.step() == StopStep::give_up);
        CHECK(sequence.deadline() == Clock::time_point::max());
    }

    TEST_CASE("policy: smart for smart_timeout, and fast keeps the first signal's deadline") {
        StopSequence sequence(StopStep::smart, policy_timeouts({3000ms, 8000ms}), t0);
        CHECK(sequence.deadline() == t0 + 3000ms);
        sequence.expire(t0 + 3000ms);
        CHECK(sequence.step() == StopStep::fast);
        CHECK(sequence.deadline() == t0 + 8000ms);
    }

    TEST_CASE("policy: a smart phase longer than the stop timeout goes straight to immediate") {
        StopSequence sequence(StopStep::smart, policy_timeouts({20000ms, 8000ms}), t0);
        CHECK(sequence.deadline() == t0 + 8000ms);
        sequence.expire(t0 + 8000ms);
        CHECK(sequence.step() == StopStep::immediate);
    }

    TEST_CASE("a second stop signal moves up one step, or to what it asks for when further") {
        const auto timeouts = policy_timeouts({3000ms, 8000ms});
        StopSequence sequence(StopStep::smart, timeouts, t0);
        sequence.escalate(StopStep::smart, t0 + 1s); // second SIGTERM
        CHECK(sequence.step() == StopStep::fast);
        CHECK(sequence.deadline() == t0 + 8000ms);
        sequence.escalate(StopStep::fast, t0 + 2s); // SIGINT
        CHECK(sequence.step() == StopStep::immediate);
        CHECK(sequence.deadline() == t0 + 2s + k_immediate_grace);
        sequence.escalate(StopStep::fast, t0 + 3s);
        CHECK(sequence.step() == StopStep::kill);
        sequence.escalate(StopStep::fast, t0 + 4s);
        CHECK(sequence.step() == StopStep::kill); // never past kill

        StopSequence quit(StopStep::smart, timeouts, t0);
        quit.escalate(StopStep::immediate, t0 + 1s); // SIGQUIT during smart
        CHECK(quit.step() == StopStep::immediate);
    }

    TEST_CASE("stop_server: every step gets the same timeout from its own start") {
        StopSequence sequence(StopStep::fast, per_step_timeouts(2000ms), t0);
        CHECK(sequence.deadline() == t0 + 2000ms);
        sequence.escalate(StopStep::fast, t0 + 500ms);
        CHECK(sequence.step() == StopStep::immediate);
        CHECK(sequence.deadline() == t0 + 2500ms);
        StopSequence smart(StopStep::smart, per_step_timeouts(2000ms), t0);
        smart.expire(t0 + 2000ms);
        CHECK(smart.step() == StopStep::fast);
        CHECK(smart.deadline() == t0 + 4000ms);
    }
}
