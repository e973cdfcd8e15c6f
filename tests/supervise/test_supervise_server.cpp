// The stop sequence against a stub "postmaster": a shell that writes down every signal it gets
// and exits only where the scenario says. "docker stop" is a signal this test process sends
// itself (from a helper thread when it must first wait for the stub).
#include <condition_variable>
#include <mutex>
#include <thread>

#include <doctest/doctest.h>

#include "supervise/reap.hpp"
#include "supervise/supervisor.hpp"
#include "supervise_test_support.hpp"

using namespace pgfit;
using namespace pgfit::supervise;
using namespace pgfit::supervise::testing;
using namespace std::chrono_literals;

namespace {

// What the stub does on a signal: write its name down, then `then` (e.g. "exit 3"); "ignore"
// ignores the signal without writing anything.
struct Reaction {
    std::string signal;
    std::string then;
};

class Stub {
public:
    explicit Stub(const std::vector<Reaction>& reactions) {
        std::string traps;
        for (const auto& reaction : reactions) {
            traps +=
                reaction.then == "ignore"
                    ? fmt::format("trap '' {}; ", reaction.signal)
                    : fmt::format("trap 'echo {} >> {}; {}' {}; ", reaction.signal, m_out,
                                  reaction.then.empty() ? ":" : reaction.then, reaction.signal);
        }
        const auto started = m_supervisor.spawn(
            shell(traps + "echo ready >> " + m_out + "; while :; do sleep 0.05; done"));
        REQUIRE(started);
        m_pid = *started;
        REQUIRE(m_supervisor
                    .wait_for(
                        m_pid, [&] { return signals() == "ready\n"; }, 20000ms)
                    .why == Waited::Why::condition_met);
        // A broken stop sequence must fail the test, not hang it: after 60 s the stub dies of
        // SIGKILL, which no scenario expects.
        m_watchdog = std::thread([this] {
            std::unique_lock lock(m_mutex);
            if (!m_done.wait_for(lock, 60s, [this] { return m_finished; })) {
                ::kill(-m_pid, SIGKILL);
            }
        });
    }
    Stub(const Stub&) = delete;
    Stub& operator=(const Stub&) = delete;
    ~Stub() {
        {
            std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_done.notify_one();
        if (m_watchdog.joinable()) {
            m_watchdog.join();
        }
    }

    Supervisor& supervisor() { return m_supervisor; }
    pid_t pid() const { return m_pid; }
    std::string signals() const { return read_or_empty(m_out); }
    const std::string& out() const { return m_out; }

private:
    SignalsBlocked m_blocked;
    ScratchDirectory m_scratch;
    Supervisor m_supervisor = Supervisor::create().value();
    std::string m_out = m_scratch.file("signals");
    pid_t m_pid = 0;
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::thread m_watchdog;
};

// Sends `signal` to this process once the stub has written `text`.
std::thread signal_after(const std::string& out, const std::string& text, int signal) {
    return std::thread([=] {
        if (wait_for_text(out, text)) {
            signal_self(signal);
        }
    });
}

} // namespace

TEST_SUITE("supervise::supervise_server") {
    TEST_CASE("SIGHUP is forwarded; SIGTERM without a smart phase is a fast shutdown") {
        Stub stub(std::vector<Reaction>{{"HUP", ""}, {"INT", "exit 0"}});
        signal_self(SIGHUP);
        auto stop = signal_after(stub.out(), "HUP\n", SIGTERM);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}) == 0);
        stop.join();
        CHECK(stub.signals() == "ready\nHUP\nINT\n");
    }

    TEST_CASE("USR1, USR2 and WINCH reach postmaster unchanged, exactly once") {
        Stub stub(
            std::vector<Reaction>{{"USR1", ""}, {"USR2", ""}, {"WINCH", ""}, {"INT", "exit 0"}});
        signal_self(SIGUSR1);
        auto second = signal_after(stub.out(), "USR1\n", SIGUSR2);
        auto third = signal_after(stub.out(), "USR2\n", SIGWINCH);
        auto stop = signal_after(stub.out(), "WINCH\n", SIGINT);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}) == 0);
        second.join();
        third.join();
        stop.join();
        CHECK(stub.signals() == "ready\nUSR1\nUSR2\nWINCH\nINT\n");
    }

    TEST_CASE("SIGTERM with a smart phase: smart first, fast when it runs out") {
        Stub stub(std::vector<Reaction>{{"TERM", ""}, {"INT", "exit 0"}});
        signal_self(SIGTERM);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {300ms, 20000ms}) == 0);
        CHECK(stub.signals() == "ready\nTERM\nINT\n");
    }

    TEST_CASE("SIGQUIT is an immediate shutdown") {
        Stub stub(std::vector<Reaction>{{"QUIT", "exit 0"}});
        signal_self(SIGQUIT);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}) == 0);
        CHECK(stub.signals() == "ready\nQUIT\n");
    }

    TEST_CASE("a second stop signal moves up one step") {
        Stub stub(std::vector<Reaction>{{"INT", ""}, {"QUIT", "exit 3"}});
        signal_self(SIGTERM);
        auto again = signal_after(stub.out(), "INT\n", SIGTERM);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}) == 3);
        again.join();
        CHECK(stub.signals() == "ready\nINT\nQUIT\n");
    }

    TEST_CASE("fast shutdown that outlasts the stop timeout becomes immediate") {
        Stub stub(std::vector<Reaction>{{"INT", ""}, {"QUIT", "exit 3"}});
        signal_self(SIGTERM);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 300ms}) == 3);
        CHECK(stub.signals() == "ready\nINT\nQUIT\n");
    }

    TEST_CASE("a postmaster that exits on its own: its code, no stop signal") {
        Stub stub(std::vector<Reaction>{{"USR1", "exit 7"}});
        signal_self(SIGUSR1);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}) == 7);
        CHECK(stub.supervisor().check_stop_requested() == 0);
    }

    TEST_CASE("the companion's reload runs before SIGHUP reaches postgres") {
        Stub stub(std::vector<Reaction>{{"HUP", ""}, {"INT", "exit 0"}});
        std::string seen_at_reload = "(not called)";
        const ServerCompanion companion{[&] { seen_at_reload = stub.signals(); }, {}};
        signal_self(SIGHUP);
        auto stop = signal_after(stub.out(), "HUP\n", SIGTERM);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}, companion) == 0);
        stop.join();
        CHECK(seen_at_reload == "ready\n");
        CHECK(stub.signals() == "ready\nHUP\nINT\n");
    }

    TEST_CASE("a child the companion's tick spawns is handed back by take_exit") {
        Stub stub(std::vector<Reaction>{{"INT", "exit 0"}});
        std::optional<pid_t> job;
        std::optional<ChildExit> job_exit;
        const ServerCompanion companion{{}, [&](Supervisor& supervisor) {
                                            if (!job) {
                                                job = supervisor.spawn(shell("exit 5")).value();
                                            } else if (!job_exit) {
                                                job_exit = supervisor.take_exit(*job);
                                                if (job_exit) {
                                                    signal_self(SIGTERM);
                                                }
                                            }
                                        }};
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}, companion) == 0);
        REQUIRE(job_exit);
        CHECK(job_exit->exit_code() == 5);
    }

    TEST_CASE("leftovers get SIGTERM once postmaster has exited") {
        Stub stub(std::vector<Reaction>{{"INT", "sleep 300 & exit 0"}});
        signal_self(SIGINT);
        CHECK(stub.supervisor().supervise_server(stub.pid(), {0ms, 20000ms}) == 0);
        CHECK_FALSE(has_children());
        CHECK(descendants_of(::getpid()).empty());
    }
}

TEST_SUITE("supervise::stop_server") {
    TEST_CASE("fast, then immediate, then SIGKILL, each after the timeout") {
        Stub stub(std::vector<Reaction>{{"INT", "ignore"}, {"QUIT", "ignore"}});
        const auto exit = stub.supervisor().stop_server(stub.pid(), StopMode::fast, 300ms);
        CHECK(exit.signaled());
        CHECK(exit.signal() == SIGKILL);
        CHECK(exit.exit_code() == 137);
    }

    TEST_CASE("a stop signal meanwhile moves up one step and is remembered") {
        Stub stub(std::vector<Reaction>{{"INT", ""}, {"QUIT", "exit 3"}});
        auto again = signal_after(stub.out(), "INT\n", SIGTERM);
        const auto exit = stub.supervisor().stop_server(stub.pid(), StopMode::fast, 20000ms);
        again.join();
        CHECK(exit.exit_code() == 3);
        CHECK(stub.signals() == "ready\nINT\nQUIT\n");
        CHECK(stub.supervisor().check_stop_requested() == SIGTERM);
    }
}

TEST_SUITE("supervise::supervise_command") {
    TEST_CASE("stop signals are forwarded to the command like any other") {
        Stub stub(std::vector<Reaction>{{"TERM", "exit 5"}});
        signal_self(SIGTERM);
        CHECK(stub.supervisor().supervise_command(stub.pid()) == 5);
        CHECK(stub.signals() == "ready\nTERM\n");
    }

    TEST_CASE("leftovers that ignore SIGTERM get SIGKILL after the grace period") {
        SignalsBlocked blocked;
        auto supervisor = Supervisor::create().value();
        ScratchDirectory scratch;
        const auto ignoring = scratch.file("ignoring");
        // The parent exits only once its child ignores SIGTERM, so the KILL step is needed.
        const auto pid = supervisor.spawn(shell("(trap '' TERM; touch " + ignoring +
                                                "; exec sleep 300) & until [ -e " + ignoring +
                                                " ]; do sleep 0.01; done; exit 4"));
        REQUIRE(pid);
        CHECK(supervisor.supervise_command(*pid) == 4);
        CHECK_FALSE(has_children());
    }
}
