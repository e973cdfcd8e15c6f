#include "supervise/signals.hpp"

#include <initializer_list>

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

} // namespace pgfit::supervise
