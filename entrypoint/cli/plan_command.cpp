#include "cli/commands.hpp"

#include "util/log.hpp"

namespace pgfit::cli {

int plan_command(const Invocation&) {
    log::error("plan: not implemented yet");
    return k_exit_bad_input;
}

} // namespace pgfit::cli
