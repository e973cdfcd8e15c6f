// stop_child against real children, in this test process: signals are blocked as in pgfit's main.
#include <doctest/doctest.h>

#include "supervise/describe_exit.hpp"
#include "supervise/stop_ladder.hpp"
#include "supervise_test_support.hpp"

using namespace pgfit;
using namespace pgfit::supervise;
using namespace pgfit::supervise::testing;
using namespace std::chrono_literals;

TEST_SUITE("supervise::stop_child") {
    TEST_CASE("the first rung's signal is enough for a child that obeys it") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        ScratchDirectory scratch;
        const auto ready = scratch.file("ready");
        const auto pid = supervisor.spawn(
            shell("trap 'exit 7' INT; touch " + ready + "; while :; do sleep 0.05; done"));
        REQUIRE(pid);
        for (int i = 0; i < 2000 && !std::filesystem::exists(ready); ++i) {
            std::this_thread::sleep_for(10ms);
        }
        REQUIRE(std::filesystem::exists(ready));
        const auto ended = stop_child(supervisor, *pid, "test", {{SIGINT, 20s}, {SIGQUIT, 20s}});
        CHECK(describe_exit(ended) == "exit code 7");
    }

    TEST_CASE("a child that ignores every rung is killed") {
        SignalsBlocked blocked;
        auto supervisor = make_supervisor(blocked);
        ScratchDirectory scratch;
        const auto ready = scratch.file("ready");
        const auto pid = supervisor.spawn(shell("trap '' TERM INT; touch " + ready + "; sleep 60"));
        REQUIRE(pid);
        for (int i = 0; i < 2000 && !std::filesystem::exists(ready); ++i) {
            std::this_thread::sleep_for(10ms);
        }
        REQUIRE(std::filesystem::exists(ready)); // the trap is in place
        const auto started = std::chrono::steady_clock::now();
        const auto ended = stop_child(supervisor, *pid, "test", term_then_kill(200ms));
        CHECK(describe_exit(ended) == "killed by SIGKILL");
        CHECK(std::chrono::steady_clock::now() - started < 10s);
    }
}
