#include "util/file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fd.hpp"

namespace pgfit {

namespace {

Unexpected system_error(const std::string& path, std::string_view action) {
    const int saved = errno;
    return Unexpected{
        Error{path, fmt::format("cannot {}: {}", action, std::strerror(saved)), saved}};
}

std::string parent_directory(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

} // namespace

Result<std::string> read_file(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        return system_error(path, "open");
    }
    std::string content;
    char buffer[8192];
    while (true) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return system_error(path, "read");
        }
        if (n == 0) {
            return content;
        }
        content.append(buffer, static_cast<std::size_t>(n));
    }
}

Result<void> sync_filesystem_of(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        return system_error(path, "open");
    }
    if (::syncfs(fd.get()) != 0) {
        return system_error(path, "syncfs");
    }
    return {};
}

Result<void> write_file_atomic(const std::string& path, std::string_view content, mode_t mode) {
    const std::string temporary = path + ".pgfit-tmp";
    {
        UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
        if (fd.get() < 0) {
            return system_error(temporary, "create");
        }
        std::size_t done = 0;
        while (done < content.size()) {
            const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                return system_error(temporary, "write");
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0) {
            return system_error(temporary, "fsync");
        }
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        return system_error(path, "rename into place");
    }
    const std::string directory = parent_directory(path);
    UniqueFd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) != 0) {
        return system_error(directory, "fsync directory");
    }
    return {};
}

bool path_exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string absolute_path(std::string path) {
    if (path.starts_with('/')) {
        return path;
    }
    char buffer[4096];
    const char* cwd = ::getcwd(buffer, sizeof buffer);
    return cwd == nullptr ? path : std::string(cwd) + "/" + path;
}

} // namespace pgfit
