#include "cluster/pidfile.hpp"

#include <cerrno>
#include <signal.h>
#include <sys/stat.h>

#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::cluster {

namespace {

bool same_directory(const std::string& a, const std::string& b) {
    struct stat sa {};
    struct stat sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

} // namespace

PidfileCheck check_postmaster_pid(const std::string& pgdata) {
    const std::string path = pgdata + "/postmaster.pid";
    if (!path_exists(path)) {
        return {PidfileVerdict::absent, 0};
    }
    const auto content = read_file(path);
    if (!content) {
        return {PidfileVerdict::unreadable, 0};
    }
    const auto first_line = trim(std::string_view(*content).substr(0, content->find('\n')));
    const auto number = parse_int64(first_line);
    if (!number || *number == 0) {
        return {PidfileVerdict::unreadable, 0};
    }
    // postgres writes -PID for a single-user backend
    const auto pid = static_cast<pid_t>(*number < 0 ? -*number : *number);
    if (::kill(pid, 0) != 0) {
        return {errno == EPERM ? PidfileVerdict::other_user : PidfileVerdict::not_running, pid};
    }
    const std::string cwd = "/proc/" + std::to_string(pid) + "/cwd";
    struct stat st {};
    if (::stat(cwd.c_str(), &st) != 0 && errno == EACCES) {
        return {PidfileVerdict::this_pgdata, pid}; // cannot tell: assume the worst
    }
    if (same_directory(cwd, pgdata)) {
        return {PidfileVerdict::this_pgdata, pid};
    }
    return {PidfileVerdict::stale, pid};
}

std::optional<pid_t> ready_postmaster(const std::string& pgdata) {
    const auto content = read_file(pgdata + "/postmaster.pid");
    if (!content) {
        return std::nullopt;
    }
    const auto lines = split(*content, '\n');
    const auto pid = lines.size() >= 8 ? parse_int64(trim(lines[0])) : std::nullopt;
    if (!pid || trim(lines[7]) != "ready") {
        return std::nullopt;
    }
    return static_cast<pid_t>(*pid);
}

} // namespace pgfit::cluster
