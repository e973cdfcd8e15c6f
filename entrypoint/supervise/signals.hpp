// pgfit collects signals instead of handling them: every asynchronous signal is blocked first
// thing in main and read later from a signalfd (supervise/) or simply left pending (the short
// subcommands restore the mask). Synchronous faults stay unblocked so a crash is still a crash.
#pragma once

#include <signal.h>

namespace pgfit::supervise {

// The mask pgfit started with; children get it back (see `restore_signal_mask`).
struct SavedSignalMask {
    sigset_t mask;
};

// Blocks every signal except SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP and SIGSYS.
SavedSignalMask block_async_signals();

// Puts back the mask pgfit started with (used by subcommands that do not supervise).
void restore_signal_mask(const SavedSignalMask& saved);

} // namespace pgfit::supervise
