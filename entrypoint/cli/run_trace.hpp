// PGFIT_TRACE=1: a wall-clock stamp per start-up step on stderr, in the units of `strace -ttt`
// (seconds.microseconds), so bench/startup can split the time from exec of pgfit to exec of
// postgres.
#pragma once

#include <string_view>

namespace pgfit::cli {

class Trace {
public:
    explicit Trace(bool enabled) : m_enabled(enabled) {}
    // "pgfit: trace: 1712345678.123456 <step>" when enabled.
    void step(std::string_view name) const;

private:
    bool m_enabled;
};

} // namespace pgfit::cli
