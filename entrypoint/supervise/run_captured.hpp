// Runs a short-lived helper program to its end under the supervisor and captures what it prints
// (postgres --version, pg_controldata, pgbouncer --version). The child is started by
// Supervisor::spawn, so it gets its own process group and the clean signal state of every child;
// its stdin is /dev/null and its stdout and stderr go to anonymous files, so a large output never
// blocks it while pgfit waits. A child that runs too long, or a stop signal meanwhile, ends it
// with stop_child (supervise/stop_ladder.hpp): SIGTERM, SIGKILL 5 s later.
#pragma once

#include <chrono>
#include <string>

#include "supervise/describe_exit.hpp"
#include "supervise/supervisor.hpp"
#include "util/result.hpp"

namespace pgfit::supervise {

struct Captured {
    std::string out;
    std::string err;
    ChildExit exit; // any exit status is a value: the caller decides what a failure is
};

// Error (where = spec.argv[0]): the spawn failed, the child did not end within `timeout` ("did
// not finish within N ms"), or a stop signal arrived ("stopped by SIGTERM"; the supervisor
// remembers it, see check_stop_requested).
Result<Captured> run_captured(Supervisor& supervisor, const ChildSpec& spec,
                              std::chrono::milliseconds timeout);

} // namespace pgfit::supervise
