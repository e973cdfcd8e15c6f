#include "supervise/signals.hpp"

#include <cstring>
#include <initializer_list>

#include <fmt/format.h>

namespace pgfit::supervise {

SavedSignalMask block_async_signals() {
    sigset_t all;
    ::sigfillset(&all);
    for (const int synchronous : {SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGSYS}) {
        ::sigdelset(&all, synchronous);
    }
    SavedSignalMask saved{};
    ::sigprocmask(SIG_SETMASK, &all, &saved.mask);
    return saved;
}

void restore_signal_mask(const SavedSignalMask& saved) {
    ::sigprocmask(SIG_SETMASK, &saved.mask, nullptr);
}

void reset_signal_state_for_exec() {
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigemptyset(&default_action.sa_mask);
    for (int signal = 1; signal < NSIG; ++signal) {
        if (signal != SIGKILL && signal != SIGSTOP) {
            // The C library refuses its own internal real-time signals (EINVAL); nothing to do.
            ::sigaction(signal, &default_action, nullptr);
        }
    }
    sigset_t empty;
    ::sigemptyset(&empty);
    ::sigprocmask(SIG_SETMASK, &empty, nullptr);
}

std::string signal_name(int signal) {
    if (signal >= SIGRTMIN && signal <= SIGRTMAX) {
        return signal == SIGRTMIN ? "SIGRTMIN" : fmt::format("SIGRTMIN+{}", signal - SIGRTMIN);
    }
    if (const char* abbreviation = ::sigabbrev_np(signal); abbreviation != nullptr) {
        return fmt::format("SIG{}", abbreviation);
    }
    return fmt::format("signal {}", signal);
}

} // namespace pgfit::supervise
