#include "server/cache.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <fmt/format.h>

#include "util/file.hpp"

namespace pgfit::server {

namespace {

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

} // namespace

std::string file_fingerprint(const std::string& path) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
        return path + " missing";
    }
    return fmt::format("{} {} {}.{:09}", path, info.st_size, info.st_mtim.tv_sec,
                       info.st_mtim.tv_nsec);
}

std::optional<std::string> cache_lookup(const std::string& file, const std::string& key) {
    auto text = read_file(file);
    if (!text) {
        return std::nullopt;
    }
    const auto newline = text->find('\n');
    if (newline == std::string::npos || text->compare(0, newline, one_line(key)) != 0) {
        return std::nullopt;
    }
    return text->substr(newline + 1);
}

void cache_store(const std::string& file, const std::string& key, const std::string& value,
                 std::vector<std::string>& notes) {
    const auto slash = file.rfind('/');
    if (slash != std::string::npos && slash > 0) {
        const std::string directory = file.substr(0, slash);
        if (mkdir(directory.c_str(), 0755) != 0 && errno != EEXIST) {
            notes.push_back(fmt::format("cannot create cache directory '{}': {}", directory,
                                        std::strerror(errno)));
            return;
        }
    }
    auto written = write_file_atomic(file, one_line(key) + "\n" + value, 0644);
    if (!written) {
        notes.push_back(
            fmt::format("cannot write cache file '{}': {}", file, written.error().to_string()));
    }
}

} // namespace pgfit::server
