#include "cli/run_trace.hpp"

#include <time.h>

#include "util/log.hpp"

namespace pgfit::cli {

void Trace::step(std::string_view name) const {
    if (!m_enabled) {
        return;
    }
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    log::info("trace: {}.{:06} {}", now.tv_sec, now.tv_nsec / 1000, name);
}

} // namespace pgfit::cli
