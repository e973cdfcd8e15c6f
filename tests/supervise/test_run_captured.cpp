// run_captured against real children, in this test process: signals are blocked as in pgfit's
// main, and "docker stop" is a signal this process sends itself.
#include <doctest/doctest.h>

#include "supervise/run_captured.hpp"
#include "supervise_test_support.hpp"

using namespace pgfit;
using namespace pgfit::supervise;
using namespace pgfit::supervise::testing;
using namespace std::chrono_literals;

TEST_SUITE("supervise::run_captured") {
    TEST_CASE("stdout and stderr are captured apart, with the exit code") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        const auto ran =
            run_captured(supervisor, shell("printf 'out\\n'; printf 'err\\n' >&2; exit 3"), 10s);
        REQUIRE(ran);
        CHECK(ran->out == "out\n");
        CHECK(ran->err == "err\n");
        CHECK(ran->exit.exit_code() == 3);
        CHECK(describe_exit(ran->exit) == "exit code 3");
    }

    TEST_CASE("an output larger than a pipe's buffer does not block the child") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        const auto ran = run_captured(supervisor, shell("head -c 1000000 /dev/zero"), 10s);
        REQUIRE(ran);
        CHECK(ran->out.size() == 1000000);
        CHECK(ran->exit.exit_code() == 0);
    }

    TEST_CASE("stdin is /dev/null, and a signal death is a value") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        const auto ran = run_captured(supervisor, shell("cat; kill -KILL $$"), 10s);
        REQUIRE(ran);
        CHECK(ran->out.empty());
        CHECK(ran->exit.exit_code() == 137);
        CHECK(describe_exit(ran->exit) == "killed by SIGKILL");
    }

    TEST_CASE("a child that runs too long is stopped, its process group included") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        ScratchDirectory scratch;
        const auto pid_file = scratch.file("background.pid");
        const auto started = std::chrono::steady_clock::now();
        const auto ran =
            run_captured(supervisor, shell("sleep 60 & echo $! > " + pid_file + "; wait"), 1000ms);
        REQUIRE_FALSE(ran);
        CHECK(ran.error().to_string() == "/bin/sh: did not finish within 1000 ms");
        CHECK(std::chrono::steady_clock::now() - started < 10s);
        const auto written = read_or_empty(pid_file);
        REQUIRE_FALSE(written.empty());
        const pid_t background = std::stoi(written);
        // SIGTERM went to the whole group: the background sleep ends too (reaped here, as this
        // process is its subreaper once the shell is gone).
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (::kill(background, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
            supervisor.check_stop_requested();
            std::this_thread::sleep_for(10ms);
        }
        CHECK(::kill(background, 0) != 0);
    }

    TEST_CASE("a stop signal ends the child and is reported") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        signal_self(SIGTERM);
        const auto ran = run_captured(supervisor, shell("sleep 60"), 60s);
        REQUIRE_FALSE(ran);
        CHECK(ran.error().to_string() == "/bin/sh: stopped by SIGTERM");
        CHECK(supervisor.check_stop_requested() == SIGTERM);
    }
}
