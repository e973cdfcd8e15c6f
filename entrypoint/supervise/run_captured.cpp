#include "supervise/run_captured.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "supervise/child_run.hpp"
#include "supervise/stop_ladder.hpp"
#include "util/fd.hpp"

namespace pgfit::supervise {

namespace {

Result<UniqueFd> anonymous_file(const std::string& where, const char* name) {
    UniqueFd fd(::memfd_create(name, MFD_CLOEXEC));
    if (!fd.valid()) {
        return fail(where, "cannot create a file for its {}: {}", name, std::strerror(errno));
    }
    return fd;
}

std::string read_from_start(const UniqueFd& fd) {
    ::lseek(fd.get(), 0, SEEK_SET);
    return read_all(fd.get());
}

} // namespace

Result<Captured> run_captured(Supervisor& supervisor, const ChildSpec& spec,
                              std::chrono::milliseconds timeout) {
    const std::string& where = spec.argv.front();
    auto out = anonymous_file(where, "stdout");
    if (!out) {
        return Unexpected{out.error()};
    }
    auto err = anonymous_file(where, "stderr");
    if (!err) {
        return Unexpected{err.error()};
    }
    UniqueFd null_input(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    ChildSpec captured = spec;
    captured.stdin_fd = null_input.get();
    captured.stdout_fd = out->get();
    captured.stderr_fd = err->get();
    const auto pid = supervisor.spawn(captured);
    PGFIT_TRY(pid);
    const Waited waited = supervisor.wait_for(*pid, {}, timeout);
    if (waited.why == Waited::Why::exited) {
        return Captured{read_from_start(*out), read_from_start(*err), waited.exit};
    }
    stop_child(supervisor, *pid, where, term_then_kill(k_child_kill_grace));
    if (waited.why == Waited::Why::stop_requested) {
        return fail(where, "stopped by {}", signal_name(waited.stop_signal));
    }
    return fail(where, "did not finish within {} ms", timeout.count());
}

} // namespace pgfit::supervise
