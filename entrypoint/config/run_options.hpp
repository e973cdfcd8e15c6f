// The entrypoint's own switches (PGFIT_*, POSTGRES_SKIP_AUTOCONFIG) and the log level, read
// from the environment before anything starts; a bad value is an error naming the variable
// (exit 2).
#pragma once

#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/log.hpp"
#include "util/result.hpp"

namespace pgfit::config {

struct RunOptions {
    supervise::StopPolicy stop;   // PGFIT_SMART_TIMEOUT (default 0), PGFIT_STOP_TIMEOUT (8 s)
    bool exec = false;            // PGFIT_EXEC: replace pgfit by postgres
    bool skip_autoconfig = false; // POSTGRES_SKIP_AUTOCONFIG: no tuned -c flags
    bool trace = false;           // PGFIT_TRACE: time stamps of the start-up steps
};

// Unset or empty variables keep the defaults.
Result<RunOptions> read_run_options(const Environment& environment);

// PGFIT_LOG_LEVEL: debug, info (default), warning or error.
Result<log::Level> read_log_level(const Environment& environment);

} // namespace pgfit::config
