#include "supervise/step.hpp"

#include "supervise/signals.hpp"

namespace pgfit::supervise {

Result<void> step_result(const Step& step, std::string_view what, std::string_view aftermath) {
    if (step.is_stopped()) {
        return stopped(step.signal(), fmt::format("{} interrupted by {}; {}", what,
                                                  signal_name(step.signal()), aftermath));
    }
    if (!step.is_done()) {
        return Unexpected{step.error()};
    }
    return {};
}

} // namespace pgfit::supervise
