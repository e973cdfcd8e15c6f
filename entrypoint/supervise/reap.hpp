// The one place pgfit waits for children: every exited child is collected in one loop, whoever
// started it, so an orphan never stays a zombie and no other code path steals a status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "supervise/supervisor.hpp"

namespace pgfit::supervise {

// waitpid(-1, WNOHANG) until nothing more has exited.
std::vector<ChildExit> reap_exited();

// Whether this process has any child left, running or exited (without reaping it).
bool has_children();

// The parent PID in the text of /proc/<pid>/stat (the field after the command name, which may
// itself contain spaces and parentheses), or nullopt when the text is not a stat line.
std::optional<pid_t> parse_stat_parent(std::string_view stat_line);

// Every process below `root` in the process tree read from `proc` (children, grandchildren...),
// parents before their children. Empty when `proc` is not this PID namespace's /proc (its
// `self` is not getpid()), since its numbers would name other processes.
std::vector<pid_t> descendants_of(pid_t root, const std::string& proc = "/proc");

} // namespace pgfit::supervise
