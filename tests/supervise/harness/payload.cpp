// pgfit_test_payload MODE [ARG...] — a child that reports what reached it.
//
//   signals FILE   appends "ready pid=N" to FILE, then one line per signal received (its
//                  abbreviation: HUP, USR1, ...); on TERM, INT or QUIT it writes the line and
//                  dies of that signal, so its parent sees 128 + n. Every catchable signal
//                  except CHLD is caught.
//   state          prints SigBlk, SigIgn, its descriptors, whether it leads its process group,
//                  and its parent PID, one "key: value" line each.
//   exit N         exits with code N.   raise SIG   dies of SIG (TERM, KILL, ...).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <signal.h>
#include <string>
#include <string_view>
#include <unistd.h>

#include "signal_names.hpp"

namespace {

void append(const std::string& path, const std::string& line) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const std::string text = line + "\n";
    [[maybe_unused]] const auto written = ::write(fd, text.data(), text.size());
    ::close(fd);
}

[[noreturn]] void die_of(int signal) {
    ::signal(signal, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal);
    ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
    ::raise(signal);
    std::_Exit(1);
}

int record_signals(const std::string& path) {
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &all, nullptr);
    append(path, "ready pid=" + std::to_string(::getpid()));
    for (;;) {
        const int signal = ::sigwaitinfo(&all, nullptr);
        if (signal <= 0) {
            continue;
        }
        append(path, ::sigabbrev_np(signal));
        if (signal == SIGTERM || signal == SIGINT || signal == SIGQUIT) {
            die_of(signal);
        }
    }
}

std::string status_line(const char* key) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key, 0) == 0) {
            return line.substr(line.find_first_not_of(" \t", std::strlen(key)));
        }
    }
    return "?";
}

int print_state() {
    std::set<int> descriptors;
    if (DIR* directory = ::opendir("/proc/self/fd")) {
        const int own = ::dirfd(directory);
        while (const dirent* entry = ::readdir(directory)) {
            if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != own) {
                descriptors.insert(std::atoi(entry->d_name));
            }
        }
        ::closedir(directory);
    }
    std::printf("SigBlk: %s\n", status_line("SigBlk:").c_str());
    std::printf("SigIgn: %s\n", status_line("SigIgn:").c_str());
    std::printf("fds:");
    for (const int fd : descriptors) {
        std::printf(" %d", fd);
    }
    std::printf("\ngroup leader: %s\n", ::getpgrp() == ::getpid() ? "yes" : "no");
    std::printf("ppid: %d\n", static_cast<int>(::getppid()));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string_view mode = argc > 1 ? argv[1] : "";
    if (mode == "signals" && argc == 3) {
        return record_signals(argv[2]);
    }
    if (mode == "state") {
        return print_state();
    }
    if (mode == "exit" && argc == 3) {
        return std::atoi(argv[2]);
    }
    if (mode == "raise" && argc == 3 && pgfit::testing::signal_number(argv[2]) != 0) {
        die_of(pgfit::testing::signal_number(argv[2]));
    }
    std::fprintf(stderr, "usage: pgfit_test_payload signals FILE | state | exit N | raise SIG\n");
    return 2;
}
