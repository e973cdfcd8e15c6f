// The PgBouncer process: asking it its version, and running it as pgfit's supervised child.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "pooler/pgbouncer_version.hpp"
#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::pooler {

// Runs `pgbouncer --version` (found in `environment`'s PATH) and parses its first line.
Result<PgBouncerVersion> installed_pgbouncer_version(supervise::Supervisor& supervisor,
                                                     const Environment& environment);

// The command line: pgbouncer [-u USER] INI (foreground; -u only when started as root).
std::vector<std::string> pgbouncer_argv(const std::string& ini_path,
                                        const std::string& run_as_user);

// Starts PgBouncer and supervises it until it exits; returns pgfit's exit code (PgBouncer's,
// or 128 + signal). A stop signal (TERM, INT, QUIT) becomes SIGINT, PgBouncer's safe shutdown
// on every version (transactions finish); a second stop signal, or `stop_timeout` without an
// exit, becomes the version's immediate shutdown, then SIGKILL after 5 s. Other signals (HUP:
// reload) are forwarded by the supervisor.
int run_pgbouncer(supervise::Supervisor& supervisor, const supervise::ChildSpec& spec,
                  const PgBouncerVersion& version, std::chrono::milliseconds stop_timeout);

} // namespace pgfit::pooler
