// The entrypoint's own switches, read from the environment before anything starts; a bad value
// is an error naming the variable (exit 2).
#pragma once

#include <chrono>
#include <string_view>

#include "replica/settings.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::cli {

struct RunOptions {
    supervise::StopPolicy stop;   // PGFIT_SMART_TIMEOUT (default 0), PGFIT_STOP_TIMEOUT (8 s)
    bool exec = false;            // PGFIT_EXEC: replace pgfit by postgres
    bool skip_autoconfig = false; // POSTGRES_SKIP_AUTOCONFIG: no tuned -c flags
    bool trace = false;           // PGFIT_TRACE: time stamps of the start-up steps
    // PGFIT_PRIMARY_WAIT_TIMEOUT (default 300 s): how long a replica's first start waits for
    // its primary and retries the clone (replica bootstrap).
    std::chrono::milliseconds primary_wait_timeout = replica::k_default_primary_wait_timeout;
};

// Unset or empty variables keep the defaults.
Result<RunOptions> read_run_options(const Environment& environment);

// true/false, 1/0, yes/no, on/off (any case).
Result<bool> parse_switch(std::string_view text, std::string_view where);

// Seconds as a decimal number ("8", "2.5"), or a number with a unit: ms, s, min ("500ms",
// "8s", "1min").
Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view where);

} // namespace pgfit::cli
