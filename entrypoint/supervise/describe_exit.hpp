// How pgfit words a child's end in its messages, everywhere: "exit code 3" or "killed by SIGKILL"
// (signal names from supervise/signals.hpp). Defined in supervisor.cpp.
#pragma once

#include <string>

#include "supervise/supervisor.hpp"

namespace pgfit::supervise {

std::string describe_exit(const ChildExit& exit);

} // namespace pgfit::supervise
