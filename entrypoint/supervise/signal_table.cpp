#include "supervise/signal_table.hpp"

#include <array>
#include <signal.h>

namespace pgfit::supervise {

namespace {

using enum SignalAction;

const std::array k_server_rules = {
    SignalRule{SIGHUP, forward,
               "reload: postmaster rereads postgresql.conf, pg_hba.conf and pg_ident.conf and "
               "signals its children"},
    SignalRule{SIGUSR1, forward,
               "transparent, as under tini; postmaster only rechecks its shared-memory flags"},
    SignalRule{SIGUSR2, forward, "transparent, as under tini; postmaster's handler does nothing"},
    SignalRule{SIGWINCH, forward,
               "transparent, as under tini (terminal resize); postmaster ignores it"},
    SignalRule{SIGTERM, stop,
               "docker stop / kubelet default: smart shutdown for PGFIT_SMART_TIMEOUT (default 0), "
               "then fast, because smart alone waits for every client forever"},
    SignalRule{SIGINT, stop,
               "the official image's STOPSIGNAL and Ctrl-C: fast shutdown (SIGINT to postmaster)"},
    SignalRule{
        SIGQUIT, stop,
        "immediate shutdown (SIGQUIT to postmaster): no checkpoint, WAL recovery at the next "
        "start"},
    SignalRule{SIGCHLD, reap,
               "a child or an adopted orphan exited: reap them all so postmaster never sees a "
               "foreign child"},
    SignalRule{SIGTSTP, ignore, "job control: stopping PID 1 would freeze the container"},
    SignalRule{SIGTTIN, ignore, "job control: pgfit never reads the terminal"},
    SignalRule{SIGTTOU, ignore, "job control: pgfit's own log writes must not stop it"},
    SignalRule{SIGPIPE, ignore,
               "pgfit's own broken pipe (stderr closed); postmaster ignores it too"},
    SignalRule{SIGALRM, ignore, "meaningless from outside; postmaster ignores it"},
};

constexpr SignalRule k_unlisted_server_rule{
    0, ignore,
    "any other signal (SIGPWR, SIGXCPU, real-time signals...) would kill postmaster by default "
    "action without a clean shutdown"};

} // namespace

std::span<const SignalRule> server_signal_table() {
    return k_server_rules;
}

SignalRule server_rule(int signal) {
    for (const auto& rule : k_server_rules) {
        if (rule.signal == signal) {
            return rule;
        }
    }
    SignalRule unlisted = k_unlisted_server_rule;
    unlisted.signal = signal;
    return unlisted;
}

SignalAction child_action(int signal) {
    switch (signal) {
    case SIGCHLD:
        return reap;
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
        return ignore;
    case SIGTERM:
    case SIGINT:
    case SIGQUIT:
        return stop;
    default:
        return forward;
    }
}

std::string_view to_string(SignalAction action) {
    switch (action) {
    case forward:
        return "forward";
    case stop:
        return "stop";
    case reap:
        return "reap";
    case ignore:
        return "ignore";
    }
    return "ignore";
}

} // namespace pgfit::supervise
