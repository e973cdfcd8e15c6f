#include "supervise/reap.hpp"

#include <cerrno>
#include <dirent.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::supervise {

std::vector<ChildExit> reap_exited() {
    std::vector<ChildExit> exits;
    for (;;) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            exits.push_back({pid, status});
            continue;
        }
        if (pid < 0 && errno == EINTR) {
            continue;
        }
        return exits; // 0: children left but none exited; ECHILD: none left
    }
}

bool has_children() {
    siginfo_t info{};
    return ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0;
}

std::optional<pid_t> parse_stat_parent(std::string_view stat_line) {
    const auto name_end = stat_line.rfind(')');
    if (name_end == std::string_view::npos) {
        return std::nullopt;
    }
    // ") S 1234 ..." : state, then the parent PID.
    const auto fields = split(trim(stat_line.substr(name_end + 1)), ' ');
    if (fields.size() < 2) {
        return std::nullopt;
    }
    const auto parent = parse_uint64(fields[1]);
    if (!parent) {
        return std::nullopt;
    }
    return static_cast<pid_t>(*parent);
}

std::vector<pid_t> descendants_of(pid_t root, const std::string& proc) {
    std::vector<pid_t> found;
    char self[32] = {};
    const auto self_path = proc + "/self";
    const ssize_t length = ::readlink(self_path.c_str(), self, sizeof self - 1);
    if (length <= 0 || parse_uint64(std::string_view(self, static_cast<std::size_t>(length))) !=
                           static_cast<std::uint64_t>(::getpid())) {
        return found;
    }
    std::multimap<pid_t, pid_t> children; // parent → child
    DIR* directory = ::opendir(proc.c_str());
    if (directory == nullptr) {
        return found;
    }
    while (const dirent* entry = ::readdir(directory)) {
        const auto pid = parse_uint64(entry->d_name);
        if (!pid) {
            continue;
        }
        const auto stat = read_file(proc + "/" + entry->d_name + "/stat");
        if (!stat) {
            continue; // exited meanwhile
        }
        if (const auto parent = parse_stat_parent(*stat)) {
            children.emplace(*parent, static_cast<pid_t>(*pid));
        }
    }
    ::closedir(directory);
    std::vector<pid_t> queue{root};
    for (std::size_t next = 0; next < queue.size(); ++next) {
        const auto [first, last] = children.equal_range(queue[next]);
        for (auto it = first; it != last; ++it) {
            queue.push_back(it->second);
            found.push_back(it->second);
        }
    }
    return found;
}

} // namespace pgfit::supervise
