// Runs a short-lived helper command (postgres --version, --describe-config, -C) and captures
// its output. Used only before postgres is supervised, so nothing else reaps our children.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "util/result.hpp"

namespace pgfit::config {

struct RunAs {
    uid_t uid;
    gid_t gid;
};

// Runs argv[0] (a path) with `argv`, as `run_as` when given (pgfit must be root for that),
// with an empty signal mask. Returns its standard output when it exits 0. Error: where =
// argv[0], message = the exit status and the first line of its standard error.
Result<std::string> run_and_capture(const std::vector<std::string>& argv,
                                    std::optional<RunAs> run_as = std::nullopt);

} // namespace pgfit::config
