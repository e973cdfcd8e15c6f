// The supervisor against real processes, in this test process: signals are blocked as in
// pgfit's main, and "docker stop" is a signal this process sends itself.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <doctest/doctest.h>

#include "supervise/reap.hpp"
#include "supervise/supervisor.hpp"
#include "supervise_test_support.hpp"
#include "util/strings.hpp"

using namespace pgfit;
using namespace pgfit::supervise;
using namespace pgfit::supervise::testing;
using namespace std::chrono_literals;

namespace {

int run_to_exit(Supervisor& supervisor, const ChildSpec& spec) {
    const auto pid = supervisor.spawn(spec);
    REQUIRE(pid);
    const auto waited = supervisor.wait_for(*pid);
    REQUIRE(waited.why == Waited::Why::exited);
    CHECK(waited.exit.pid == *pid);
    return waited.exit.exit_code();
}

// `status` lines of /proc/self/status as a child sees them, e.g. "SigBlk:\t0000000000000000".
std::string status_field(const std::string& status, const std::string& name) {
    for (const auto line : split(status, '\n')) {
        if (line.starts_with(name + ":")) {
            return std::string(trim(line.substr(name.size() + 1)));
        }
    }
    return {};
}

} // namespace

TEST_SUITE("supervise::Supervisor") {
    TEST_CASE("exit codes: the child's own, or 128 + signal") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        for (const int code : {0, 1, 3, 42, 126, 127, 128, 200, 255}) {
            CAPTURE(code);
            CHECK(run_to_exit(supervisor, shell(fmt::format("exit {}", code))) == code);
        }
        CHECK(run_to_exit(supervisor, shell("kill -TERM $$")) == 143);
        CHECK(run_to_exit(supervisor, shell("kill -KILL $$")) == 137);
    }

    TEST_CASE("127 for a missing command, 126 for a directory or a non-executable file") {
        SignalsBlocked blocked;
        ScratchDirectory scratch;
        REQUIRE(write_file_atomic(scratch.file("plain"), "echo hi\n", 0644));
        auto supervisor = make_supervisor(blocked);
        CHECK(run_to_exit(supervisor,
                          {{"pgfit-no-such-command"}, Environment::from_process(), {}}) == 127);
        CHECK(run_to_exit(supervisor, {{"/no/such/path"}, Environment::from_process(), {}}) == 127);
        CHECK(run_to_exit(supervisor, {{scratch.path()}, Environment::from_process(), {}}) == 126);
        CHECK(run_to_exit(supervisor, {{scratch.file("plain")}, Environment::from_process(), {}}) ==
              126);
    }

    TEST_CASE("a script without #! runs with sh, as execvp would") {
        SignalsBlocked blocked;
        ScratchDirectory scratch;
        REQUIRE(write_file_atomic(scratch.file("script"), "exit 7\n", 0755));
        auto supervisor = make_supervisor(blocked);
        CHECK(run_to_exit(supervisor,
                          {{scratch.file("script")}, Environment::from_process(), {}}) == 7);
    }

    TEST_CASE("the child: clean signal state, no descriptor above 2, own process group") {
        SignalsBlocked blocked;
        ScratchDirectory scratch;
        // What a careless parent could pass on: an ignored SIGINT and an open descriptor 50.
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        struct sigaction previous {};
        ::sigaction(SIGINT, &ignore, &previous);
        const int leaked = ::open("/dev/null", O_RDONLY); // deliberately without O_CLOEXEC
        REQUIRE(::dup2(leaked, 50) == 50);

        auto supervisor = make_supervisor(blocked);
        const auto out = scratch.file("out");
        const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        // cat itself reads its status: a shell in between might reset the mask on its own.
        ChildSpec status{{"cat", "/proc/self/status"}, Environment::from_process(), {}};
        status.stdout_fd = out_fd;
        CHECK(run_to_exit(supervisor, status) == 0);
        ChildSpec spec = shell("echo fds: $(ls /proc/self/fd | tr '\\n' ' '); "
                               "echo pgid: $(ps -o pgid= -p $$) pid: $$; echo cwd: $(pwd)");
        spec.working_directory = scratch.path();
        spec.stdout_fd = out_fd;
        CHECK(run_to_exit(supervisor, spec) == 0);
        ::close(out_fd);
        ::close(leaked);
        ::close(50);
        ::sigaction(SIGINT, &previous, nullptr);

        const auto text = read_or_empty(out);
        CHECK(status_field(text, "SigBlk") == "0000000000000000");
        // posix_spawn leaves the C library's two internal signals (32 and 33, below the SIGRTMIN
        // programs see) ignored, as for any program glibc's posix_spawn starts: glibc sets their
        // handlers itself when it needs them.
        const auto ignored = std::stoull(status_field(text, "SigIgn"), nullptr, 16);
        CHECK((ignored & ~((1ULL << (32 - 1)) | (1ULL << (33 - 1)))) == 0);
        // sh's own `ls` lists 0, 1, 2 and the directory it reads (3).
        CHECK(text.find("fds: 0 1 2 3\n") != std::string::npos);
        const auto pgid_at = text.find("pgid: ");
        REQUIRE(pgid_at != std::string::npos);
        const auto line =
            std::string_view(text).substr(pgid_at, text.find('\n', pgid_at) - pgid_at);
        const auto words = split(line, ' ');
        REQUIRE(words.size() >= 4);
        CHECK(words[1] == words[3]); // pgid == pid
        CHECK(text.find("cwd: " + scratch.path() + "\n") != std::string::npos);
    }

    TEST_CASE("the child's PATH finds the command, not pgfit's") {
        SignalsBlocked blocked;
        ScratchDirectory scratch;
        REQUIRE(write_file_atomic(scratch.file("pgfit-test-tool"), "#!/bin/sh\nexit 9\n", 0755));
        auto supervisor = make_supervisor(blocked);
        auto environment = Environment::from_process();
        environment.set("PATH", scratch.path() + ":/usr/bin:/bin");
        CHECK(run_to_exit(supervisor, {{"pgfit-test-tool"}, environment, {}}) == 9);
    }

    TEST_CASE("orphans are reaped and never taken for the awaited child") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        // The inner sh outlives its parent, becomes this subreaper's orphan and exits 9 while
        // the second child is awaited.
        CHECK(run_to_exit(supervisor, shell("(sleep 0.2; exit 9) & exit 3")) == 3);
        CHECK(run_to_exit(supervisor, shell("sleep 0.6; exit 5")) == 5);
        // Nothing is left, not even a zombie.
        CHECK(descendants_of(::getpid()).empty());
        CHECK_FALSE(has_children());
    }

    TEST_CASE("an exit reaped while awaiting another child is kept for its own wait_for") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        const auto quick = supervisor.spawn(shell("exit 4"));
        const auto slow = supervisor.spawn(shell("sleep 0.3; exit 6"));
        REQUIRE(quick);
        REQUIRE(slow);
        CHECK(supervisor.wait_for(*slow).exit.exit_code() == 6);
        const auto waited = supervisor.wait_for(*quick);
        CHECK(waited.why == Waited::Why::exited);
        CHECK(waited.exit.exit_code() == 4);
    }

    TEST_CASE("wait_for: condition, timeout, and a stop signal returned to the caller") {
        SignalsBlocked blocked;
        ScratchDirectory scratch;
        auto supervisor = make_supervisor(blocked);
        const auto marker = scratch.file("ready");
        const auto pid = supervisor.spawn(shell("touch " + marker + "; exec sleep 30"));
        REQUIRE(pid);
        const auto ready = supervisor.wait_for(
            *pid, [&] { return path_exists(marker); }, 20000ms);
        CHECK(ready.why == Waited::Why::condition_met);
        CHECK(supervisor.wait_for(*pid, {}, 50ms).why == Waited::Why::timed_out);

        CHECK(supervisor.check_stop_requested() == 0);
        signal_self(SIGTERM);
        const auto stopped = supervisor.wait_for(*pid);
        CHECK(stopped.why == Waited::Why::stop_requested);
        CHECK(stopped.stop_signal == SIGTERM);
        CHECK(supervisor.check_stop_requested() == SIGTERM);

        supervisor.signal_group(*pid, SIGKILL);
        CHECK(supervisor.wait_for(*pid).exit.exit_code() == 137);
    }

    TEST_CASE("wait_for forwards other signals to the child's process group") {
        SignalsBlocked blocked;
        ScratchDirectory scratch;
        auto supervisor = make_supervisor(blocked);
        const auto out = scratch.file("out");
        const auto pid =
            supervisor.spawn(shell("trap 'echo USR1 >> " + out + "; exit 0' USR1; echo ready > " +
                                   out + "; while :; do sleep 0.05; done"));
        REQUIRE(pid);
        REQUIRE(supervisor
                    .wait_for(
                        *pid, [&] { return read_or_empty(out) == "ready\n"; }, 20000ms)
                    .why == Waited::Why::condition_met);
        signal_self(SIGUSR1);
        const auto waited = supervisor.wait_for(*pid);
        CHECK(waited.why == Waited::Why::exited);
        CHECK(waited.exit.exit_code() == 0);
        CHECK(read_or_empty(out) == "ready\nUSR1\n");
    }

    TEST_CASE("check_stop_requested sees a stop signal that is still pending") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        signal_self(SIGHUP); // dropped: nothing to forward it to
        signal_self(SIGINT);
        CHECK(supervisor.check_stop_requested() == SIGINT);
        signal_self(SIGTERM);
        CHECK(supervisor.check_stop_requested() == SIGINT); // the first one is kept
    }
}
