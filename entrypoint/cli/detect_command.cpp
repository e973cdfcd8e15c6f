#include "cli/commands.hpp"

#include "util/log.hpp"

namespace pgfit::cli {

int detect_command(const Invocation&) {
    log::error("detect: not implemented yet");
    return k_exit_bad_input;
}

} // namespace pgfit::cli
