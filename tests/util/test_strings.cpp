#include <doctest/doctest.h>

#include "util/strings.hpp"

TEST_SUITE("util::strings") {
    TEST_CASE("parse_uint64 takes the whole string or nothing") {
        CHECK(pgfit::parse_uint64("536870912") == 536870912ULL);
        CHECK(pgfit::parse_uint64("18446744073709551615") == 18446744073709551615ULL);
        CHECK_FALSE(pgfit::parse_uint64("18446744073709551616"));
        CHECK_FALSE(pgfit::parse_uint64("-1"));
        CHECK_FALSE(pgfit::parse_uint64("+1"));
        CHECK_FALSE(pgfit::parse_uint64("12 "));
        CHECK_FALSE(pgfit::parse_uint64(""));
    }

    TEST_CASE("parse_int64 accepts one leading minus") {
        CHECK(pgfit::parse_int64("-1") == -1);
        CHECK_FALSE(pgfit::parse_int64("--1"));
        CHECK_FALSE(pgfit::parse_int64("-"));
        CHECK_FALSE(pgfit::parse_int64("9223372036854775808"));
    }

    TEST_CASE("parse_decimal") {
        CHECK(pgfit::parse_decimal("1.5") == 1.5);
        CHECK(pgfit::parse_decimal(".5") == 0.5);
        CHECK(pgfit::parse_decimal("3.") == 3.0);
        CHECK(pgfit::parse_decimal("0.1") == 0.1);
        CHECK(pgfit::parse_decimal("007") == 7.0);
        CHECK_FALSE(pgfit::parse_decimal(""));
        CHECK_FALSE(pgfit::parse_decimal(" 1"));
        CHECK_FALSE(pgfit::parse_decimal("1,5"));
        CHECK_FALSE(pgfit::parse_decimal("0x10"));
        CHECK_FALSE(pgfit::parse_decimal("inf"));
        CHECK_FALSE(pgfit::parse_decimal("1.2.3"));
        CHECK_FALSE(pgfit::parse_decimal("."));
        CHECK_FALSE(pgfit::parse_decimal("1e3"));
    }

    TEST_CASE("split keeps empty fields") {
        const auto fields = pgfit::split("0::/a:b", ':');
        REQUIRE(fields.size() == 4);
        CHECK(fields[1].empty());
        CHECK(fields[3] == "b");
    }
}
