#include "server/run_process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervise/signals.hpp"
#include "util/fd.hpp"
#include "util/strings.hpp"

namespace pgfit::server {

namespace {

[[noreturn]] void exec_child(const std::vector<std::string>& argv, int out_fd, int err_fd,
                             std::optional<RunAs> run_as) {
    supervise::reset_signal_state_for_exec();
    if (dup2(out_fd, STDOUT_FILENO) < 0 || dup2(err_fd, STDERR_FILENO) < 0) {
        _exit(127);
    }
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
        dup2(null_fd, STDIN_FILENO);
    }
    if (run_as &&
        (setgroups(0, nullptr) != 0 || setgid(run_as->gid) != 0 || setuid(run_as->uid) != 0)) {
        _exit(126);
    }
    if (chdir("/") != 0) {
        _exit(126);
    }
    std::vector<char*> pointers;
    for (const auto& arg : argv) {
        pointers.push_back(const_cast<char*>(arg.c_str()));
    }
    pointers.push_back(nullptr);
    execv(pointers[0], pointers.data());
    _exit(errno == ENOENT ? 127 : 126);
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) {
        return fmt::format("exit code {}", WEXITSTATUS(status));
    }
    return fmt::format("signal {}", WTERMSIG(status));
}

} // namespace

Result<std::string> run_and_capture(const std::vector<std::string>& argv,
                                    std::optional<RunAs> run_as) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return fail(argv[0], "cannot create a pipe: {}", std::strerror(errno));
    }
    UniqueFd read_end(pipe_fds[0]);
    UniqueFd write_end(pipe_fds[1]);
    // Standard error goes to an anonymous file, read only when the command fails.
    UniqueFd err_file(memfd_create("pgfit-stderr", MFD_CLOEXEC));
    if (!err_file.valid()) {
        return fail(argv[0], "cannot create a file for standard error: {}", std::strerror(errno));
    }
    const pid_t pid = fork();
    if (pid < 0) {
        return fail(argv[0], "cannot fork: {}", std::strerror(errno));
    }
    if (pid == 0) {
        exec_child(argv, write_end.get(), err_file.get(), run_as);
    }
    write_end.reset();
    std::string output = read_all(read_end.get());
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return output;
    }
    lseek(err_file.get(), 0, SEEK_SET);
    const std::string errors = read_all(err_file.get());
    const auto first_line = trim(split(errors, '\n').front());
    return fail(argv[0], "failed with {}{}{}", describe_status(status),
                first_line.empty() ? "" : ": ", first_line);
}

} // namespace pgfit::server
