// Signal numbers from their abbreviations ("TERM", "USR1"), for the test harnesses.
#pragma once

#include <signal.h>
#include <string.h>
#include <string_view>

namespace pgfit::testing {

// 0 when `name` names no signal.
inline int signal_number(std::string_view name) {
    for (int signal = 1; signal < NSIG; ++signal) {
        const char* abbreviation = ::sigabbrev_np(signal);
        if (abbreviation != nullptr && name == abbreviation) {
            return signal;
        }
    }
    return 0;
}

} // namespace pgfit::testing
