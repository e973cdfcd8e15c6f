#include "cli/commands.hpp"

#include "util/log.hpp"

namespace pgfit::cli {

int pgbouncer_command(const Invocation&) {
    log::error("pgbouncer: not implemented yet");
    return k_exit_bad_input;
}

} // namespace pgfit::cli
