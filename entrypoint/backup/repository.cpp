#include "backup/repository.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.hpp"

namespace pgfit::backup {

namespace {

std::optional<std::string> option(const BackupSettings& settings, std::string_view name) {
    for (const auto& [key, value] : settings.repository) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace

Result<void> prepare_repository_as_root(const BackupSettings& settings, uid_t uid, gid_t gid) {
    const auto path = option(settings, "repo1-path");
    if (::geteuid() != 0 || option(settings, "repo1-type").value_or("posix") != "posix" || !path) {
        return {};
    }
    std::error_code error;
    std::filesystem::create_directories(*path, error);
    if (error) {
        log::warning("backup: cannot create the repository '{}': {}; the server starts without "
                     "it",
                     *path, error.message());
        return {};
    }
    struct stat status {};
    if (::stat(path->c_str(), &status) != 0) {
        log::warning("backup: cannot read the repository '{}': {}", *path, std::strerror(errno));
        return {};
    }
    if (status.st_uid == 0 && uid != 0) {
        if (::chown(path->c_str(), uid, gid) != 0 || ::chmod(path->c_str(), 0750) != 0) {
            log::warning("backup: cannot give the repository '{}' to postgres: {}", *path,
                         std::strerror(errno));
            return {};
        }
        log::info("backup: gave the repository directory '{}' to postgres", *path);
    }
    return {};
}

} // namespace pgfit::backup
