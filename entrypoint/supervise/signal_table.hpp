// What pgfit does with each signal it receives, as data: one row per signal with the reason, so
// the table is the documentation (README copies it) and the tests walk it.
#pragma once

#include <span>
#include <string_view>

namespace pgfit::supervise {

enum class SignalAction {
    forward, // sent on unchanged
    stop,    // starts the stop sequence, or moves it up one step
    reap,    // collect every exited child; never forwarded
    ignore,  // logged at debug level and dropped
};

struct SignalRule {
    int signal = 0;
    SignalAction action = SignalAction::ignore;
    std::string_view reason;
};

// While postgres runs (supervise_server, stop_server). Signals not listed follow
// `k_unlisted_server_rule`.
std::span<const SignalRule> server_signal_table();

// The rule for `signal` while postgres runs.
SignalRule server_rule(int signal);

// For any other child (wait_for, supervise_command): like tini, everything is forwarded except
// SIGCHLD (reap) and the job-control stops SIGTSTP/SIGTTIN/SIGTTOU (ignore); SIGTERM, SIGINT and
// SIGQUIT are `stop` so that wait_for can report them (supervise_command forwards them too).
SignalAction child_action(int signal);

std::string_view to_string(SignalAction action);

} // namespace pgfit::supervise
