#include <string_view>

#include "cli/commands.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

void configure_logging(const Environment& environment) {
    const auto level = environment.get_non_empty("PGFIT_LOG_LEVEL");
    if (level == "debug") {
        log::set_min_level(log::Level::debug);
    } else if (level == "warning") {
        log::set_min_level(log::Level::warning);
    } else if (level == "error") {
        log::set_min_level(log::Level::error);
    }
}

} // namespace

int dispatch(int argc, char** argv, const supervise::SavedSignalMask& saved_mask) {
    Invocation invocation{{}, Environment::from_process(), saved_mask};
    configure_logging(invocation.environment);

    const std::string_view command = argc > 1 ? argv[1] : "";
    using Command = int (*)(const Invocation&);
    Command chosen = run_command;
    int first_argument = 1;
    if (command == "detect") {
        chosen = detect_command;
        first_argument = 2;
    } else if (command == "plan") {
        chosen = plan_command;
        first_argument = 2;
    } else if (command == "pgbouncer") {
        chosen = pgbouncer_command;
        first_argument = 2;
    }
    for (int i = first_argument; i < argc; ++i) {
        invocation.args.emplace_back(argv[i]);
    }
    if (chosen != run_command) {
        // Only `run` supervises; the others are ordinary short-lived commands.
        supervise::restore_signal_mask(saved_mask);
    }
    return chosen(invocation);
}

} // namespace pgfit::cli
