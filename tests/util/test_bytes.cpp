#include <doctest/doctest.h>

#include "util/bytes.hpp"

using pgfit::Bytes;
using pgfit::parse_memory_size;

TEST_SUITE("util::Bytes") {
    TEST_CASE("PostgreSQL units use the largest exact unit") {
        CHECK(pgfit::to_pg_units(Bytes::mib(256)) == "256MB");
        CHECK(pgfit::to_pg_units(Bytes::kib(7864)) == "7864kB");
        CHECK(pgfit::to_pg_units(Bytes::gib(2)) == "2GB");
        CHECK(pgfit::to_pg_units(Bytes{1024ULL * pgfit::k_gib}) == "1TB");
        CHECK(pgfit::to_pg_units(Bytes{1500}) == "1500B");
        CHECK(pgfit::to_pg_units(Bytes{0}) == "0B");
    }

    TEST_CASE("human units keep one decimal") {
        CHECK(pgfit::to_human(Bytes::mib(512)) == "512 MiB");
        CHECK(pgfit::to_human(Bytes::mib(1536)) == "1.5 GiB");
        CHECK(pgfit::to_human(Bytes{700}) == "700 B");
    }

    TEST_CASE("human units round to the nearest tenth") {
        CHECK(pgfit::to_human(Bytes::mib(1535)) == "1.5 GiB"); // 1.499
        CHECK(pgfit::to_human(Bytes::mib(1484)) == "1.4 GiB"); // 1.449
        CHECK(pgfit::to_human(Bytes{2 * pgfit::k_gib - 1}) == "2 GiB");
        CHECK(pgfit::to_human(Bytes::mib(10188)) == "9.9 GiB"); // 9.949
        CHECK(pgfit::to_human(Bytes::mib(10189)) == "10 GiB");  // 9.950
        CHECK(pgfit::to_human(Bytes{1024ULL * pgfit::k_tib}) == "1024 TiB");
    }
}

TEST_SUITE("util::parse_memory_size") {
    TEST_CASE("a bare number is MiB") {
        CHECK(parse_memory_size("512", "X").value() == Bytes::mib(512));
    }

    TEST_CASE("every documented unit form") {
        CHECK(parse_memory_size("512M", "X").value() == Bytes::mib(512));
        CHECK(parse_memory_size("2G", "X").value() == Bytes::gib(2));
        CHECK(parse_memory_size("2GiB", "X").value() == Bytes::gib(2));
        CHECK(parse_memory_size("1536MB", "X").value() == Bytes::mib(1536));
        CHECK(parse_memory_size("1.5GB", "X").value() == Bytes::mib(1536));
        CHECK(parse_memory_size("1.5 gb", "X").value() == Bytes::mib(1536));
        CHECK(parse_memory_size(" 64kB\n", "X").value() == Bytes::kib(64));
        CHECK(parse_memory_size("1T", "X").value() == Bytes{pgfit::k_tib});
    }

    TEST_CASE("bad values name the input and the accepted forms") {
        const auto result = parse_memory_size("abc", "POSTGRES_MEMORY");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().to_string() ==
              "POSTGRES_MEMORY: \"abc\" is not a memory size; use a number of MiB (512) or a "
              "number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB");
        for (const char* bad : {"", "-1", "1..5G", "2X", "0x10", "1e9", "G", "2 G B"}) {
            CAPTURE(bad);
            CHECK_FALSE(parse_memory_size(bad, "X").has_value());
        }
    }

    TEST_CASE("zero and overflow are rejected") {
        CHECK(parse_memory_size("0", "X").error().message.find("greater than zero") !=
              std::string::npos);
        CHECK(parse_memory_size("0.0001K", "X").error().message.find("greater than zero") !=
              std::string::npos);
        CHECK(parse_memory_size("99999999999T", "X").error().message.find("too large") !=
              std::string::npos);
        CHECK(parse_memory_size("18446744073709551616", "X").error().message.find("too large") !=
              std::string::npos);
    }
}
