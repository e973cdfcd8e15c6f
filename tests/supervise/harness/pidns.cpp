// pgfit_test_pidns [--pidfile FILE] [--bind SRC:DST]... [--ignore SIG,...] [--block SIG,...]
//                  -- COMMAND [ARG...]
//
// Runs COMMAND as PID 1 of a new PID and mount namespace with its own /proc, as a container
// runtime does, and exits with its exact status: its exit code, or 128 + the signal that killed
// it, after printing "pidns: exited N" or "pidns: signaled N" on stderr (unshare(1) cannot
// report a SIGKILL). --pidfile receives COMMAND's PID as seen from outside, for kill and
// nsenter; it is written as soon as COMMAND exists, so a test that waits for it cannot take
// another process for COMMAND. --bind mounts SRC on DST inside the namespace only (DST is
// created when missing), like a volume such as /docker-entrypoint-initdb.d. --ignore and
// --block set up what COMMAND inherits, like a careless parent would (tini's sigconf test).
// Needs root.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string>
#include <string_view>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "signal_names.hpp"

namespace {

int known_signal(std::string_view name) {
    if (const int signal = pgfit::testing::signal_number(name); signal != 0) {
        return signal;
    }
    std::fprintf(stderr, "pidns: unknown signal '%.*s'\n", static_cast<int>(name.size()),
                 name.data());
    std::exit(2);
}

template <typename Apply>
void for_each_signal(std::string_view list, Apply apply) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        apply(known_signal(list.substr(0, comma)));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
}

int usage() {
    std::fprintf(stderr, "usage: pgfit_test_pidns [--pidfile FILE] [--bind SRC:DST]... "
                         "[--ignore SIG,...] [--block SIG,...] -- COMMAND [ARG...]\n");
    return 2;
}

using Binds = std::vector<std::pair<std::string, std::string>>;

[[noreturn]] void become_init(const Binds& binds, char** command) {
    // If the test (our parent) dies, the whole namespace goes with it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
        std::perror("pidns: mount");
        ::_exit(126);
    }
    for (const auto& [source, target] : binds) {
        if ((::mkdir(target.c_str(), 0755) != 0 && errno != EEXIST) ||
            ::mount(source.c_str(), target.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
            std::fprintf(stderr, "pidns: bind %s on %s: %s\n", source.c_str(), target.c_str(),
                         std::strerror(errno));
            ::_exit(126);
        }
    }
    ::execvp(command[0], command);
    std::fprintf(stderr, "pidns: cannot run '%s': %s\n", command[0], std::strerror(errno));
    ::_exit(errno == ENOENT ? 127 : 126);
}

} // namespace

int main(int argc, char** argv) {
    std::string pidfile;
    Binds binds;
    sigset_t block;
    sigemptyset(&block);
    int at = 1;
    for (; at < argc && std::string_view(argv[at]) != "--"; ++at) {
        const std::string_view option = argv[at];
        if (at + 1 >= argc) {
            return usage();
        }
        const std::string_view value = argv[++at];
        if (option == "--pidfile") {
            pidfile = value;
        } else if (option == "--bind") {
            const auto colon = value.find(':');
            if (colon == std::string_view::npos || colon == 0 || colon + 1 == value.size()) {
                return usage();
            }
            binds.emplace_back(value.substr(0, colon), value.substr(colon + 1));
        } else if (option == "--ignore") {
            for_each_signal(value, [](int signal) { ::signal(signal, SIG_IGN); });
        } else if (option == "--block") {
            for_each_signal(value, [&](int signal) { sigaddset(&block, signal); });
        } else {
            return usage();
        }
    }
    if (at + 1 >= argc) {
        return usage();
    }
    ::sigprocmask(SIG_BLOCK, &block, nullptr);
    if (::unshare(CLONE_NEWPID | CLONE_NEWNS) != 0) {
        std::perror("pidns: unshare");
        return 126;
    }
    const pid_t init = ::fork();
    if (init < 0) {
        std::perror("pidns: fork");
        return 126;
    }
    if (init == 0) {
        become_init(binds, argv + at + 1);
    }
    if (!pidfile.empty()) {
        const std::string text = std::to_string(init) + "\n";
        const std::string temporary = pidfile + ".tmp";
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
            ::close(fd) != 0 || ::rename(temporary.c_str(), pidfile.c_str()) != 0) {
            std::perror("pidns: pidfile");
        }
    }
    int status = 0;
    while (::waitpid(init, &status, 0) < 0) {
        if (errno != EINTR) {
            std::perror("pidns: waitpid");
            return 126;
        }
    }
    if (WIFSIGNALED(status)) {
        std::fprintf(stderr, "pidns: signaled %d\n", WTERMSIG(status));
        return 128 + WTERMSIG(status);
    }
    std::fprintf(stderr, "pidns: exited %d\n", WEXITSTATUS(status));
    return WEXITSTATUS(status);
}
