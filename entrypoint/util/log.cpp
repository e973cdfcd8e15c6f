#include "util/log.hpp"

#include <atomic>
#include <cerrno>
#include <string>
#include <unistd.h>

namespace pgfit::log {

namespace {
std::atomic<Level> g_min_level{Level::info};

std::string_view label(Level level) {
    switch (level) {
    case Level::debug:
        return "DEBUG: ";
    case Level::info:
        return "";
    case Level::warning:
        return "WARNING: ";
    case Level::error:
        return "ERROR: ";
    }
    return "";
}
} // namespace

void set_min_level(Level level) {
    g_min_level = level;
}

void vlog(Level level, fmt::string_view format, fmt::format_args args) {
    if (level < g_min_level.load()) {
        return;
    }
    std::string line = fmt::format("pgfit: {}", label(level));
    fmt::vformat_to(std::back_inserter(line), format, args);
    line.push_back('\n');
    // One write per line so lines from pgfit and its children do not interleave mid-line.
    const char* data = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, data, left);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return;
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
}

} // namespace pgfit::log
