#include "cli/commands.hpp"

#include "util/log.hpp"

namespace pgfit::cli {

int run_command(const Invocation&) {
    log::error("run: not implemented yet");
    return k_exit_bad_input;
}

} // namespace pgfit::cli
