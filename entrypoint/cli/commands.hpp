// pgfit's commands. `dispatch` picks one from argv: `detect`, `plan` and `pgbouncer` are
// pgfit's own; anything else is the container entrypoint (`run`), which behaves like the
// official image's docker-entrypoint.sh.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "supervise/signals.hpp"
#include "util/environment.hpp"

namespace pgfit::cli {

// What every command receives: its own arguments (argv after the command name, or the whole
// argv after the program name for `run`), the environment, and the signal mask pgfit started
// with.
struct Invocation {
    std::vector<std::string> args;
    Environment environment;
    supervise::SavedSignalMask saved_mask;
};

// Exit codes shared by every command.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_bad_input = 2;

int dispatch(int argc, char** argv, const supervise::SavedSignalMask& saved_mask);

int detect_command(const Invocation& invocation);
int plan_command(const Invocation& invocation);
int pgbouncer_command(const Invocation& invocation);
int run_command(const Invocation& invocation);

} // namespace pgfit::cli
