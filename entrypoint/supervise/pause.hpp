// A wait that a stop signal cuts short (async signals stay blocked for the signalfd, so the
// supervisor is polled).
#pragma once

#include <chrono>

#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::supervise {

// Sleeps `duration` (at most until `deadline`): stopped when a stop signal arrives, done otherwise.
Step pause_for(Supervisor& supervisor, std::chrono::milliseconds duration,
               std::chrono::steady_clock::time_point deadline);

} // namespace pgfit::supervise
