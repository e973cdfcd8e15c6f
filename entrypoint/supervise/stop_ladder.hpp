// The stop ladder of a helper child: an init child (supervise/child_run), a captured helper
// (supervise/run_captured) and PgBouncer (pooler/pgbouncer_process). Each rung sends a signal to
// the child's process group and waits up to its time for the child to exit; a stop signal
// meanwhile (a second `docker stop`) cuts the wait short. After the last rung comes SIGKILL, and
// pgfit waits until the child is gone. The postmaster has its own sequence (stop_sequence.hpp:
// smart, fast, immediate, with deadlines anchored to the first stop signal).
#pragma once

#include <chrono>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "supervise/supervisor.hpp"

namespace pgfit::supervise {

struct StopRung {
    int signal;
    std::chrono::milliseconds wait;
};

// Climbs `rungs` until the child `pid` (from Supervisor::spawn) exits, and returns how it ended.
// Passing a rung logs a warning naming `what`: "initdb (process 12) did not end within 5000 ms of
// SIGTERM; sending SIGKILL".
ChildExit stop_child(Supervisor& supervisor, pid_t pid, std::string_view what,
                     const std::vector<StopRung>& rungs);

// The ladder of init children and captured helpers: SIGTERM, then SIGKILL after `grace`.
std::vector<StopRung> term_then_kill(std::chrono::milliseconds grace);

} // namespace pgfit::supervise
