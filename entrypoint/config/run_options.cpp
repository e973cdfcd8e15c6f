#include "config/run_options.hpp"

#include "config/values.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

Result<void> read_duration(const Environment& environment, std::string_view name,
                           std::chrono::milliseconds& out) {
    if (const auto text = environment.get_non_empty(name)) {
        PGFIT_TRY_ASSIGN(out, parse_duration(*text, name));
    }
    return {};
}

} // namespace

Result<RunOptions> read_run_options(const Environment& environment) {
    RunOptions options;
    PGFIT_TRY(read_duration(environment, "PGFIT_SMART_TIMEOUT", options.stop.smart_timeout));
    PGFIT_TRY(read_duration(environment, "PGFIT_STOP_TIMEOUT", options.stop.stop_timeout));
    PGFIT_TRY_ASSIGN(options.exec, read_switch(environment, "PGFIT_EXEC"));
    PGFIT_TRY_ASSIGN(options.skip_autoconfig, read_switch(environment, "POSTGRES_SKIP_AUTOCONFIG"));
    PGFIT_TRY_ASSIGN(options.trace, read_switch(environment, "PGFIT_TRACE"));
    return options;
}

Result<log::Level> read_log_level(const Environment& environment) {
    const auto text = environment.get_non_empty("PGFIT_LOG_LEVEL");
    if (!text) {
        return log::Level::info;
    }
    const auto level = to_lower(trim(*text));
    if (level == "debug") {
        return log::Level::debug;
    }
    if (level == "info") {
        return log::Level::info;
    }
    if (level == "warning") {
        return log::Level::warning;
    }
    if (level == "error") {
        return log::Level::error;
    }
    return bad_input("PGFIT_LOG_LEVEL",
                     "'{}' is not a log level; use debug, info, warning or error", *text);
}

} // namespace pgfit::config
