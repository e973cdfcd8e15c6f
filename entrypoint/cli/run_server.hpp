// The entrypoint's server path: tune, initialise on first start, start postgres, supervise it.
#pragma once

#include <string>
#include <vector>

#include "cli/run_options.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"

namespace pgfit::cli {

// `args` is the whole command, starting with "postgres". Returns pgfit's exit code.
int run_server(supervise::Supervisor& supervisor, const std::vector<std::string>& args,
               const RunOptions& options, const Environment& environment);

// Any other command (bash, psql, `postgres --version`) runs unchanged as a supervised child;
// `postgres` not on PATH is found like the server. Returns its exit code.
int run_unchanged(supervise::Supervisor& supervisor, std::vector<std::string> args,
                  const Environment& environment);

} // namespace pgfit::cli
