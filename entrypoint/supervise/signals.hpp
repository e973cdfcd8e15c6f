// pgfit collects signals instead of handling them: every asynchronous signal is blocked first
// thing in main and read later from a signalfd (supervise/) or simply left pending (the short
// subcommands restore the mask). Synchronous faults stay unblocked so a crash is still a crash.
#pragma once

#include <signal.h>
#include <string>

namespace pgfit::supervise {

// The mask pgfit started with, for the commands that do not supervise (see
// `restore_signal_mask`); children never get it: they get `reset_signal_state_for_exec`.
struct SavedSignalMask {
    sigset_t mask;
};

// Blocks every signal except SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP and SIGSYS.
SavedSignalMask block_async_signals();

// Puts back the mask pgfit started with (used by subcommands that do not supervise).
void restore_signal_mask(const SavedSignalMask& saved);

// The clean state every program pgfit starts gets, whatever pgfit itself inherited: an empty
// signal mask and the default disposition for every signal (an inherited SIG_IGN, e.g. the
// SIGINT/SIGQUIT a non-interactive shell's `&` leaves behind, would otherwise survive exec).
// Async-signal-safe: called between fork and exec.
void reset_signal_state_for_exec();

// "SIGTERM", "SIGRTMIN+3", or "signal 99" for numbers the C library does not name.
std::string signal_name(int signal);

} // namespace pgfit::supervise
