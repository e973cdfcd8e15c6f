#include <algorithm>
#include <array>
#include <string_view>

#include "cli/commands.hpp"
#include "config/run_options.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

struct Command {
    std::string_view name;
    int (*function)(const Invocation&);
    // Keeps every async signal blocked for a Supervisor's signalfd; the others get the mask
    // pgfit started with back, as ordinary short-lived commands.
    bool supervises;
};

constexpr std::array k_commands = {
    Command{"detect", detect_command, false},
    Command{"plan", plan_command, true},
    Command{"health", health_command, false},
    Command{"pgbouncer", pgbouncer_command, true},
    Command{"backup", backup_command, true},
    Command{"template", template_command, true},
};

// Anything that is not one of pgfit's own commands: the container entrypoint.
constexpr Command k_entrypoint{"", run_command, true};

// Under the official image's entrypoint name (a link to pgfit), argv is always the entrypoint's:
// scripts that end in `exec docker-entrypoint.sh "$@"` pass the container's command unchanged.
constexpr std::string_view k_entrypoint_alias = "docker-entrypoint.sh";

bool called_as_entrypoint_alias(const char* program) {
    const std::string_view path = program != nullptr ? program : "";
    const auto slash = path.rfind('/');
    return path.substr(slash == std::string_view::npos ? 0 : slash + 1) == k_entrypoint_alias;
}

} // namespace

int dispatch(int argc, char** argv, const supervise::SavedSignalMask& saved) {
    const std::string_view first = argc > 1 ? argv[1] : "";
    const auto found =
        called_as_entrypoint_alias(argv[0])
            ? k_commands.end()
            : std::find_if(k_commands.begin(), k_commands.end(),
                           [&](const Command& command) { return command.name == first; });
    const Command& command = found == k_commands.end() ? k_entrypoint : *found;
    if (!command.supervises) {
        supervise::restore_signal_mask(saved);
    }
    Invocation invocation{{argv + (command.name.empty() ? 1 : 2), argv + argc},
                          Environment::from_process()};
    // A bad PGFIT_LOG_LEVEL stops only the server path (config/container), not `pgfit bash`.
    if (const auto level = config::read_log_level(invocation.environment)) {
        log::set_min_level(*level);
    }
    return command.function(invocation);
}

} // namespace pgfit::cli
