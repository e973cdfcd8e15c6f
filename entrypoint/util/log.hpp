// pgfit's own log lines, on stderr, prefixed `pgfit:` so they stand apart from postgres's.
// Format strings are checked at compile time; the formatting itself is not a template.
#pragma once

#include <fmt/format.h>

namespace pgfit::log {

enum class Level { debug, info, warning, error };

// Lines below `level` are dropped. The default is info; PGFIT_LOG_LEVEL may change it.
void set_min_level(Level level);

void vlog(Level level, fmt::string_view format, fmt::format_args args);

template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
    vlog(Level::debug, format, fmt::make_format_args(args...));
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
    vlog(Level::info, format, fmt::make_format_args(args...));
}
template <typename... Args>
void warning(fmt::format_string<Args...> format, Args&&... args) {
    vlog(Level::warning, format, fmt::make_format_args(args...));
}
template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
    vlog(Level::error, format, fmt::make_format_args(args...));
}

} // namespace pgfit::log
