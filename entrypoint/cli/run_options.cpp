#include "cli/run_options.hpp"

#include <array>
#include <cmath>

#include "util/strings.hpp"

namespace pgfit::cli {

namespace {

struct DurationUnit {
    std::string_view suffix;
    double milliseconds;
};

// Longest suffix first, so "ms" and "min" are not read as "s".
constexpr std::array k_duration_units = {DurationUnit{"min", 60000.0}, DurationUnit{"ms", 1.0},
                                         DurationUnit{"s", 1000.0}};

Result<bool> read_switch(const Environment& environment, std::string_view name) {
    const auto value = environment.get_non_empty(name);
    return value ? parse_switch(*value, name) : Result<bool>(false);
}

} // namespace

Result<bool> parse_switch(std::string_view text, std::string_view where) {
    const auto lower = to_lower(trim(text));
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
        return true;
    }
    if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
        return false;
    }
    return fail(std::string(where),
                "'{}' is not a switch; use true or false (also 1/0, yes/no, on/off)", text);
}

Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view where) {
    const auto trimmed = trim(text);
    std::string_view number = trimmed;
    double scale = 1000.0;
    for (const auto& unit : k_duration_units) {
        if (trimmed.ends_with(unit.suffix)) {
            number = trim(trimmed.substr(0, trimmed.size() - unit.suffix.size()));
            scale = unit.milliseconds;
            break;
        }
    }
    const auto value = parse_decimal(number);
    if (!value || *value * scale > 86400000.0) {
        return fail(std::string(where),
                    "'{}' is not a duration; use seconds (8, 2.5) or a number with ms, s or min "
                    "(500ms, 8s, 1min), at most a day",
                    text);
    }
    return std::chrono::milliseconds(static_cast<long long>(std::llround(*value * scale)));
}

Result<RunOptions> read_run_options(const Environment& environment) {
    RunOptions options;
    if (const auto text = environment.get_non_empty("PGFIT_SMART_TIMEOUT")) {
        const auto duration = parse_duration(*text, "PGFIT_SMART_TIMEOUT");
        PGFIT_TRY(duration);
        options.stop.smart_timeout = *duration;
    }
    if (const auto text = environment.get_non_empty("PGFIT_STOP_TIMEOUT")) {
        const auto duration = parse_duration(*text, "PGFIT_STOP_TIMEOUT");
        PGFIT_TRY(duration);
        options.stop.stop_timeout = *duration;
    }
    if (const auto text = environment.get_non_empty("PGFIT_PRIMARY_WAIT_TIMEOUT")) {
        const auto duration = parse_duration(*text, "PGFIT_PRIMARY_WAIT_TIMEOUT");
        PGFIT_TRY(duration);
        options.primary_wait_timeout = *duration;
    }
    const auto exec = read_switch(environment, "PGFIT_EXEC");
    PGFIT_TRY(exec);
    options.exec = *exec;
    const auto skip = read_switch(environment, "POSTGRES_SKIP_AUTOCONFIG");
    PGFIT_TRY(skip);
    options.skip_autoconfig = *skip;
    const auto trace = read_switch(environment, "PGFIT_TRACE");
    PGFIT_TRY(trace);
    options.trace = *trace;
    return options;
}

} // namespace pgfit::cli
