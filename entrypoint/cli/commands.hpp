// pgfit's commands. `dispatch` picks one from argv by the table in dispatch.cpp: `detect`,
// `plan`, `health`, `pgbouncer`, `backup` and `template` are pgfit's own; anything else is the
// container entrypoint (`run`), which behaves like the official image's docker-entrypoint.sh.
#pragma once

#include <string>
#include <vector>

#include "supervise/signals.hpp"
#include "util/environment.hpp"

namespace pgfit::cli {

// What every command receives: its own arguments (argv after the command name, or the whole
// argv after the program name for `run`) and the environment.
struct Invocation {
    std::vector<std::string> args;
    Environment environment;
};

// `saved` is the signal mask pgfit started with: commands that do not supervise get it back.
int dispatch(int argc, char** argv, const supervise::SavedSignalMask& saved);

int detect_command(const Invocation& invocation);
int health_command(const Invocation& invocation);
int plan_command(const Invocation& invocation);
int pgbouncer_command(const Invocation& invocation);
int backup_command(const Invocation& invocation);
int template_command(const Invocation& invocation);
int run_command(const Invocation& invocation);

} // namespace pgfit::cli
