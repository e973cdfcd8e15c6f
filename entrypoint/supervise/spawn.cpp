#include "supervise/spawn.hpp"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "supervise/signals.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::supervise {

namespace {

// Everything the child needs, built before fork: between fork and exec only async-signal-safe
// calls are allowed, so no allocation happens there.
struct ExecPlan {
    std::string name;
    ResolvedCommand resolved;
    std::vector<std::string> shell_prefix; // /bin/sh <path>, for scripts without #!
    std::vector<std::string> environment;
    std::vector<char*> argv;
    std::vector<char*> shell_argv;
    std::vector<char*> envp;
    std::string working_directory;
    int redirects[3] = {-1, -1, -1};
    std::optional<ChildSpec::Identity> identity;
    bool take_terminal = false;
    std::vector<int> open_descriptors; // fallback when close_range is missing
};

enum class FailedStep : int { lookup = 1, redirect, working_directory, identity, exec };

struct ChildFailure {
    FailedStep step;
    int error;
};

std::vector<int> list_open_descriptors() {
    std::vector<int> descriptors;
    DIR* directory = ::opendir("/proc/self/fd");
    if (directory == nullptr) {
        return descriptors;
    }
    while (const dirent* entry = ::readdir(directory)) {
        if (const auto fd = parse_uint64(entry->d_name); fd && *fd >= 3) {
            descriptors.push_back(static_cast<int>(*fd));
        }
    }
    ::closedir(directory);
    return descriptors;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    result.reserve(strings.size() + 1);
    for (auto& text : strings) {
        result.push_back(text.data());
    }
    result.push_back(nullptr);
    return result;
}

ExecPlan make_plan(const ChildSpec& spec, std::vector<std::string>& argv) {
    ExecPlan plan;
    plan.name = argv.empty() ? std::string{} : argv.front();
    plan.resolved = resolve_command(plan.name, spec.environment);
    plan.environment = spec.environment.to_strings();
    plan.argv = pointers(argv);
    plan.shell_prefix = {"/bin/sh", plan.resolved.path};
    plan.shell_prefix.insert(plan.shell_prefix.end(), argv.begin() + (argv.empty() ? 0 : 1),
                             argv.end());
    plan.shell_argv = pointers(plan.shell_prefix);
    plan.envp = pointers(plan.environment);
    plan.working_directory = spec.working_directory;
    plan.redirects[0] = spec.stdin_fd;
    plan.redirects[1] = spec.stdout_fd;
    plan.redirects[2] = spec.stderr_fd;
    plan.identity = spec.identity;
    // Only hand the terminal over when pgfit's group holds it: never steal it from a shell.
    plan.take_terminal = ::isatty(STDIN_FILENO) == 1 && ::tcgetpgrp(STDIN_FILENO) == ::getpgrp();
    return plan;
}

// The child through posix_spawn, which shares pgfit's memory until the exec (CLONE_VFORK): no
// page table is copied and no page is faulted in again, 0.1-0.2 ms off a start. It cannot change
// the user or hand the terminal over, and reports only that something failed: then nullopt,
// and the fork path does it (and says what failed, and exits like a shell).
std::optional<pid_t> spawn_sharing_memory(const ExecPlan& plan) {
    if (plan.identity || plan.take_terminal || plan.resolved.path.empty()) {
        return std::nullopt;
    }
    // glibc's init functions cannot fail; the others fail only without memory.
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attributes);
    bool prepared = true;
    for (int target = 0; target < 3; ++target) {
        const int source = plan.redirects[target];
        if (source >= 0 && source != target) {
            prepared =
                prepared && ::posix_spawn_file_actions_adddup2(&actions, source, target) == 0;
        }
    }
    if (!plan.working_directory.empty()) {
        prepared = prepared && ::posix_spawn_file_actions_addchdir_np(
                                   &actions, plan.working_directory.c_str()) == 0;
    }
    prepared = prepared && ::posix_spawn_file_actions_addclosefrom_np(&actions, 3) == 0;
    sigset_t every_signal;
    sigset_t no_signal;
    ::sigfillset(&every_signal);
    ::sigemptyset(&no_signal);
    ::posix_spawnattr_setsigdefault(&attributes, &every_signal);
    ::posix_spawnattr_setsigmask(&attributes, &no_signal);
    ::posix_spawnattr_setpgroup(&attributes, 0);
    ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
                                                POSIX_SPAWN_SETPGROUP);
    pid_t pid = 0;
    const bool spawned =
        prepared && ::posix_spawn(&pid, plan.resolved.path.c_str(), &actions, &attributes,
                                  plan.argv.data(), plan.envp.data()) == 0;
    ::posix_spawnattr_destroy(&attributes);
    ::posix_spawn_file_actions_destroy(&actions);
    return spawned ? std::optional(pid) : std::nullopt;
}

// Descriptors above 2 must not reach the child; close-on-exec rather than close so the failure
// pipe stays usable until exec succeeds.
void mark_descriptors_close_on_exec(const std::vector<int>& fallback) {
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) {
        return;
    }
    for (const int fd : fallback) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
}

[[noreturn]] void report_and_exit(int report_fd, FailedStep step, int error, int exit_code) {
    const ChildFailure failure{step, error};
    [[maybe_unused]] const auto written = ::write(report_fd, &failure, sizeof failure);
    ::_exit(exit_code);
}

[[noreturn]] void run_child(const ExecPlan& plan, int report_fd) {
    ::setpgid(0, 0);
    if (plan.take_terminal) {
        // SIGTTOU is still blocked here, so a background group may take the terminal.
        ::tcsetpgrp(STDIN_FILENO, ::getpid());
    }
    for (int target = 0; target < 3; ++target) {
        const int source = plan.redirects[target];
        if (source >= 0 && source != target && ::dup2(source, target) < 0) {
            report_and_exit(report_fd, FailedStep::redirect, errno, k_exit_setup_failed);
        }
    }
    if (!plan.working_directory.empty() && ::chdir(plan.working_directory.c_str()) != 0) {
        report_and_exit(report_fd, FailedStep::working_directory, errno, k_exit_setup_failed);
    }
    if (plan.identity && (::setgroups(0, nullptr) != 0 || ::setgid(plan.identity->gid) != 0 ||
                          ::setuid(plan.identity->uid) != 0)) {
        report_and_exit(report_fd, FailedStep::identity, errno, k_exit_not_executable);
    }
    mark_descriptors_close_on_exec(plan.open_descriptors);
    if (plan.resolved.path.empty()) {
        report_and_exit(report_fd, FailedStep::lookup, plan.resolved.error, k_exit_not_found);
    }
    reset_signal_state_for_exec();
    ::execve(plan.resolved.path.c_str(), plan.argv.data(), plan.envp.data());
    if (errno == ENOEXEC) {
        // A script without #!: run it with sh, as execvp and the official image do.
        ::execve(plan.shell_argv.front(), plan.shell_argv.data(), plan.envp.data());
    }
    const int error = errno;
    report_and_exit(report_fd, FailedStep::exec, error, exit_code_for_exec_error(error));
}

std::string describe_failure(const ExecPlan& plan, const ChildSpec& spec,
                             const ChildFailure& failure) {
    const std::string reason = std::strerror(failure.error);
    switch (failure.step) {
    case FailedStep::lookup:
        return fmt::format("cannot run command '{}': not found in PATH '{}'", plan.name,
                           spec.environment.get("PATH").value_or(k_default_path));
    case FailedStep::redirect:
        return fmt::format("cannot run command '{}': cannot redirect its standard streams: {}",
                           plan.name, reason);
    case FailedStep::working_directory:
        return fmt::format("cannot run command '{}': cannot enter working directory '{}': {}",
                           plan.name, plan.working_directory, reason);
    case FailedStep::identity:
        return fmt::format("cannot run command '{}' as uid {}: {}", plan.name,
                           plan.identity ? plan.identity->uid : 0, reason);
    case FailedStep::exec:
        break;
    }
    return fmt::format("cannot run command '{}': {}", plan.name, reason);
}

// Blocks until the child has exec'ed (EOF) or reported a failure.
std::optional<ChildFailure> read_failure(int report_fd) {
    ChildFailure failure{};
    for (;;) {
        const ssize_t got = ::read(report_fd, &failure, sizeof failure);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got == static_cast<ssize_t>(sizeof failure)) {
            return failure;
        }
        return std::nullopt;
    }
}

} // namespace

ResolvedCommand resolve_command(const std::string& name, const Environment& environment) {
    if (name.empty()) {
        return {"", ENOENT};
    }
    if (name.find('/') != std::string::npos) {
        return {name, 0};
    }
    const auto search_path = environment.get("PATH").value_or(k_default_path);
    std::string first_denied;
    for (const auto directory : split(search_path, ':')) {
        const std::string candidate =
            fmt::format("{}/{}", directory.empty() ? "." : directory, name);
        struct stat info {};
        if (::stat(candidate.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
            continue;
        }
        if (::access(candidate.c_str(), X_OK) == 0) {
            return {candidate, 0};
        }
        if (first_denied.empty()) {
            first_denied = candidate;
        }
    }
    if (!first_denied.empty()) {
        return {first_denied, EACCES};
    }
    return {"", ENOENT};
}

int exit_code_for_exec_error(int error) {
    return error == ENOENT || error == ENOTDIR ? k_exit_not_found : k_exit_not_executable;
}

Result<pid_t> spawn_process(const ChildSpec& spec) {
    auto argv = spec.argv;
    ExecPlan plan = make_plan(spec, argv);
    if (const auto pid = spawn_sharing_memory(plan)) {
        return *pid;
    }
    plan.open_descriptors = list_open_descriptors();
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        return fail(Error{
            "spawn",
            fmt::format("cannot start command '{}': pipe: {}", plan.name, std::strerror(errno)),
            errno});
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int error = errno;
        ::close(report[0]);
        ::close(report[1]);
        return fail(Error{
            "spawn",
            fmt::format("cannot start command '{}': fork: {}", plan.name, std::strerror(error)),
            error});
    }
    if (pid == 0) {
        ::close(report[0]);
        run_child(plan, report[1]);
    }
    ::close(report[1]);
    const auto failure = read_failure(report[0]);
    ::close(report[0]);
    if (failure) {
        log::error("{}", describe_failure(plan, spec, *failure));
    }
    return pid;
}

Error exec_process(const ChildSpec& spec) {
    const std::string name = spec.argv.empty() ? std::string{} : spec.argv.front();
    const auto resolved = resolve_command(name, spec.environment);
    if (resolved.path.empty()) {
        return Error{"exec",
                     fmt::format("cannot run command '{}': not found in PATH '{}'", name,
                                 spec.environment.get("PATH").value_or(k_default_path)),
                     ENOENT};
    }
    if (!spec.working_directory.empty() && ::chdir(spec.working_directory.c_str()) != 0) {
        const int error = errno;
        return Error{"exec",
                     fmt::format("cannot run command '{}': cannot enter working directory '{}': {}",
                                 name, spec.working_directory, std::strerror(error)),
                     error};
    }
    auto argv_strings = spec.argv;
    auto environment = spec.environment.to_strings();
    auto argv = pointers(argv_strings);
    auto envp = pointers(environment);
    mark_descriptors_close_on_exec(list_open_descriptors());
    sigset_t blocked;
    ::sigprocmask(SIG_SETMASK, nullptr, &blocked);
    reset_signal_state_for_exec();
    ::execve(resolved.path.c_str(), argv.data(), envp.data());
    const int error = errno;
    // Still pgfit: take the signals back so the caller can exit cleanly.
    ::sigprocmask(SIG_SETMASK, &blocked, nullptr);
    return Error{"exec", fmt::format("cannot run command '{}': {}", name, std::strerror(error)),
                 error};
}

} // namespace pgfit::supervise
