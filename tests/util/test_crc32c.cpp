#include <doctest/doctest.h>

#include "util/crc32c.hpp"

TEST_SUITE("crc32c") {

    TEST_CASE("the Castagnoli check value, and the empty input") {
        CHECK(pgfit::crc32c("123456789") == 0xE3069283U);
        CHECK(pgfit::crc32c("") == 0U);
    }

    TEST_CASE("every byte counts, zero bytes too") {
        CHECK(pgfit::crc32c(std::string_view("\0", 1)) !=
              pgfit::crc32c(std::string_view("\0\0", 2)));
        CHECK(pgfit::crc32c("abc") != pgfit::crc32c("abd"));
    }
}
