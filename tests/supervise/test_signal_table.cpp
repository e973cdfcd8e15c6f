#include <signal.h>

#include <doctest/doctest.h>

#include "supervise/signal_table.hpp"
#include "supervise/signals.hpp"

using namespace pgfit::supervise;

TEST_SUITE("supervise::signal_table") {
    TEST_CASE("the server table: forwarded, stop, reap, ignored") {
        for (const int signal : {SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH}) {
            CAPTURE(signal);
            CHECK(server_rule(signal).action == SignalAction::forward);
        }
        for (const int signal : {SIGTERM, SIGINT, SIGQUIT}) {
            CAPTURE(signal);
            CHECK(server_rule(signal).action == SignalAction::stop);
        }
        CHECK(server_rule(SIGCHLD).action == SignalAction::reap);
        for (const int signal :
             {SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGALRM, SIGPWR, SIGRTMIN + 2}) {
            CAPTURE(signal);
            CHECK(server_rule(signal).action == SignalAction::ignore);
        }
    }

    TEST_CASE("every row gives a reason and names a distinct signal") {
        sigset_t seen;
        sigemptyset(&seen);
        for (const auto& rule : server_signal_table()) {
            CAPTURE(rule.signal);
            CHECK_FALSE(rule.reason.empty());
            CHECK_FALSE(sigismember(&seen, rule.signal));
            sigaddset(&seen, rule.signal);
        }
        CHECK_FALSE(server_rule(SIGPWR).reason.empty());
        CHECK(server_rule(SIGPWR).signal == SIGPWR);
    }

    TEST_CASE("any other child: forwarded like tini, except SIGCHLD and job-control stops") {
        CHECK(child_action(SIGCHLD) == SignalAction::reap);
        CHECK(child_action(SIGTSTP) == SignalAction::ignore);
        CHECK(child_action(SIGTTIN) == SignalAction::ignore);
        CHECK(child_action(SIGTTOU) == SignalAction::ignore);
        CHECK(child_action(SIGTERM) == SignalAction::stop);
        CHECK(child_action(SIGINT) == SignalAction::stop);
        CHECK(child_action(SIGQUIT) == SignalAction::stop);
        for (const int signal : {SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH, SIGALRM, SIGPWR, SIGRTMIN}) {
            CAPTURE(signal);
            CHECK(child_action(signal) == SignalAction::forward);
        }
    }

    TEST_CASE("signal names") {
        CHECK(signal_name(SIGTERM) == "SIGTERM");
        CHECK(signal_name(SIGWINCH) == "SIGWINCH");
        CHECK(signal_name(SIGRTMIN) == "SIGRTMIN");
        CHECK(signal_name(SIGRTMIN + 3) == "SIGRTMIN+3");
        CHECK(signal_name(999) == "signal 999");
    }
}
