#include <unistd.h>

#include <doctest/doctest.h>

#include "supervise/reap.hpp"

using namespace pgfit::supervise;

TEST_SUITE("supervise::reap") {
    TEST_CASE("parse_stat_parent reads the field after the last ')'") {
        CHECK(parse_stat_parent("123 (sleep) S 45 123 45 0 -1") == 45);
        // A command name may hold spaces and parentheses of its own.
        CHECK(parse_stat_parent("9 (a) b) (c) R 1 9 9 0") == 1);
        CHECK_FALSE(parse_stat_parent("9 no parenthesis S 1"));
        CHECK_FALSE(parse_stat_parent("9 (x)"));
        CHECK_FALSE(parse_stat_parent("9 (x) S abc"));
    }

    TEST_CASE(
        "descendants_of finds nothing under a fresh leaf process and refuses a foreign /proc") {
        CHECK(descendants_of(::getpid(), "/nonexistent").empty());
        // A /proc whose `self` is not this process would name other processes.
        CHECK(descendants_of(::getpid(), "/tmp").empty());
    }
}
