#include "supervise/pause.hpp"

#include <algorithm>
#include <thread>

namespace pgfit::supervise {

namespace {

constexpr std::chrono::milliseconds k_stop_poll{100};

} // namespace

Step pause_for(Supervisor& supervisor, std::chrono::milliseconds duration,
               std::chrono::steady_clock::time_point deadline) {
    const auto until = std::min(std::chrono::steady_clock::now() + duration, deadline);
    while (true) {
        if (const int signal = supervisor.check_stop_requested(); signal != 0) {
            return Step::stopped(signal);
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= until) {
            return Step::done();
        }
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(until - now, k_stop_poll));
    }
}

} // namespace pgfit::supervise
