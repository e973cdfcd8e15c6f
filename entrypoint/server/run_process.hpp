// Runs a short-lived helper command (postgres --version, --describe-config, -C, pg_config
// --pkglibdir) and captures its output, for server/server.cpp. This is the one exec path
// outside supervise/: the plan (config/planner) asks these questions in `pgfit plan`, which has
// no Supervisor, and in `pgfit run` before the server starts, without one passed down (see
// supervise/run_captured.hpp for the supervised way). Nothing else reaps pgfit's children
// then; the child gets the same clean signal state as a supervised one.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "util/result.hpp"

namespace pgfit::server {

struct RunAs {
    uid_t uid;
    gid_t gid;
};

// Runs argv[0] (a path) with `argv`, as `run_as` when given (pgfit must be root for that),
// with an empty signal mask and default dispositions. Returns its standard output when it exits 0.
// Error: where = argv[0], message = the exit status and the first line of its standard error.
Result<std::string> run_and_capture(const std::vector<std::string>& argv,
                                    std::optional<RunAs> run_as = std::nullopt);

} // namespace pgfit::server
