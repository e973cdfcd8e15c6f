// How one step of the first-start initialisation ended: done, failed (the init stops and pgfit
// exits 1 after cleaning up), or interrupted by a stop signal (pgfit exits 128 + signal).
#pragma once

#include <string_view>
#include <utility>

#include "util/result.hpp"

namespace pgfit::supervise {

class Step {
public:
    static Step done() { return Step(Kind::done, 0, {}); }
    static Step failed(Error error) { return Step(Kind::failed, 0, std::move(error)); }
    static Step stopped(int signal) { return Step(Kind::stopped, signal, {}); }
    static Step from(const Result<void>& result) {
        return result ? done() : failed(result.error());
    }

    bool is_done() const { return m_kind == Kind::done; }
    bool is_stopped() const { return m_kind == Kind::stopped; }
    int signal() const { return m_signal; }
    const Error& error() const { return m_error; }

private:
    enum class Kind { done, failed, stopped };
    Step(Kind kind, int signal, Error error)
        : m_kind(kind), m_signal(signal), m_error(std::move(error)) {}

    Kind m_kind;
    int m_signal;
    Error m_error;
};

// A step as a result: stopped (`what` interrupted by SIGx; `aftermath`), failed, or done.
Result<void> step_result(const Step& step, std::string_view what, std::string_view aftermath);

// Returns from the enclosing function (which returns Step) unless `expr` is done.
#define PGFIT_STEP(expr)                                                                           \
    do {                                                                                           \
        if (auto pgfit_step = (expr); !pgfit_step.is_done()) {                                     \
            return pgfit_step;                                                                     \
        }                                                                                          \
    } while (false)

} // namespace pgfit::supervise
