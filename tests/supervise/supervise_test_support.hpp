// Shared by the supervisor's unit tests: signals blocked as in pgfit's main (and drained and
// restored afterwards, so the rest of the test binary is unaffected), a scratch directory,
// and polling with a deadline.
#pragma once

#include <chrono>
#include <filesystem>
#include <signal.h>
#include <stdlib.h>
#include <string>
#include <thread>
#include <unistd.h>

#include <doctest/doctest.h>

#include "supervise/signals.hpp"
#include "supervise/supervisor.hpp"
#include "util/file.hpp"

namespace pgfit::supervise::testing {

class SignalsBlocked {
public:
    SignalsBlocked() : m_saved(block_async_signals()) {}
    ~SignalsBlocked() {
        sigset_t all;
        ::sigfillset(&all);
        const timespec zero{0, 0};
        while (::sigtimedwait(&all, nullptr, &zero) > 0) {
        }
        restore_signal_mask(m_saved);
    }
    const SavedSignalMask& saved() const { return m_saved; }

private:
    SavedSignalMask m_saved;
};

// A supervisor over the signals `SignalsBlocked` holds blocked (it must outlive the supervisor).
inline Supervisor make_supervisor(const SignalsBlocked& /*blocked*/) {
    auto supervisor = Supervisor::create();
    REQUIRE(supervisor);
    return std::move(*supervisor);
}

class ScratchDirectory {
public:
    ScratchDirectory() {
        std::string pattern = "/tmp/pgfit-unit-supervise.XXXXXX";
        m_path = ::mkdtemp(pattern.data());
    }
    ~ScratchDirectory() { std::filesystem::remove_all(m_path); }
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

inline std::string read_or_empty(const std::string& path) {
    auto content = read_file(path);
    return content ? *content : std::string{};
}

// Polls every 10 ms until `path` contains `text`; false after 20 s (a deadline for a broken
// test, not a timing assertion).
inline bool wait_for_text(const std::string& path, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (read_or_empty(path).find(text) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

inline ChildSpec shell(const std::string& script) {
    return ChildSpec{{"/bin/sh", "-c", script}, Environment::from_process(), {}};
}

// A process-directed signal to this test process: pending (signals are blocked) until the
// supervisor's signalfd reads it, as a signal from `docker stop` would be.
inline void signal_self(int signal) {
    ::kill(::getpid(), signal);
}

} // namespace pgfit::supervise::testing
