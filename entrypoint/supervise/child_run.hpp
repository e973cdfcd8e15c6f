// Runs one child of the initialisation (initdb, a script, psql, a decompressor) to its end under
// the supervisor. A stop signal meanwhile ends it: SIGTERM to its process group, SIGKILL after
// `grace` (or at a second stop signal; supervise/stop_ladder.hpp), and the step reports
// `stopped`.
#pragma once

#include <chrono>
#include <string>

#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::supervise {

inline constexpr std::chrono::milliseconds k_child_kill_grace{5000};

struct ChildRun {
    Step step = Step::done(); // done when the child ran to its end, whatever its exit code
    int exit_code = 0;        // WEXITSTATUS, or 128 + signal
};

ChildRun run_child(supervise::Supervisor& supervisor, const supervise::ChildSpec& spec,
                   std::chrono::milliseconds grace = k_child_kill_grace);

// `what` failed with `exit_code`: "<what> failed with exit code N" (or "was killed by SIGKILL").
Error child_failure(const std::string& where, const std::string& what, int exit_code);

} // namespace pgfit::supervise
