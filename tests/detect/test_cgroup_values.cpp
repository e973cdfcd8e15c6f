#include <string>

#include <doctest/doctest.h>

#include "detect/cgroup_values.hpp"

using namespace pgfit::detect;

namespace {

template <typename T>
std::string error_of(const pgfit::Result<T>& result) {
    REQUIRE_FALSE(result.has_value());
    return result.error().to_string();
}

} // namespace

TEST_SUITE("detect::parse_memory_limit") {
    TEST_CASE("a byte count, trimmed") {
        CHECK(*parse_memory_limit("536870912\n", "m") == ByteLimit{536870912});
        CHECK(*parse_memory_limit("  536870912  \n", "m") == ByteLimit{536870912});
        CHECK(*parse_memory_limit("1", "m") == ByteLimit{1});
    }

    TEST_CASE("max and every v1 unlimited sentinel mean no limit") {
        CHECK(*parse_memory_limit("max\n", "m") == ByteLimit{});
        CHECK(*parse_memory_limit("9223372036854771712\n", "m") == ByteLimit{}); // 4 KiB pages
        CHECK(*parse_memory_limit("9223372036854759424", "m") == ByteLimit{});   // 16 KiB
        CHECK(*parse_memory_limit("9223372036854710272", "m") == ByteLimit{});   // 64 KiB
        CHECK(*parse_memory_limit("9223372036854775807", "m") == ByteLimit{});   // old kernels
        CHECK(*parse_memory_limit("9223372036854710271", "m") == ByteLimit{9223372036854710271U});
    }

    TEST_CASE("empty, garbage, negative, zero and overflow are errors naming the file") {
        const std::string file = "/sys/fs/cgroup/memory.max";
        CHECK(error_of(parse_memory_limit("", file)) ==
              "/sys/fs/cgroup/memory.max: is empty; expected a byte count or max");
        CHECK(error_of(parse_memory_limit(" \n", file)) ==
              "/sys/fs/cgroup/memory.max: is empty; expected a byte count or max");
        CHECK(error_of(parse_memory_limit("abc\n", file)) ==
              "/sys/fs/cgroup/memory.max: \"abc\" is not a byte count or max");
        CHECK(error_of(parse_memory_limit("512M", file)) ==
              "/sys/fs/cgroup/memory.max: \"512M\" is not a byte count or max");
        CHECK(error_of(parse_memory_limit("-1", file)) ==
              "/sys/fs/cgroup/memory.max: \"-1\" is negative; expected a byte count or max");
        CHECK(error_of(parse_memory_limit("0\n", file)) ==
              "/sys/fs/cgroup/memory.max: \"0\" is zero; expected a byte count or max");
        CHECK(error_of(parse_memory_limit("18446744073709551616", file)) ==
              "/sys/fs/cgroup/memory.max: \"18446744073709551616\" is out of range; expected a "
              "byte count or max");
        CHECK(error_of(parse_memory_limit("9223372036854775808", file)) ==
              "/sys/fs/cgroup/memory.max: \"9223372036854775808\" is out of range; expected a "
              "byte count or max");
        CHECK(error_of(parse_memory_limit("+5", file)) ==
              "/sys/fs/cgroup/memory.max: \"+5\" is not a byte count or max");
        CHECK(error_of(parse_memory_limit("1 2", file)) ==
              "/sys/fs/cgroup/memory.max: \"1 2\" is not a byte count or max");
    }

    TEST_CASE("control characters and long garbage are quoted safely") {
        CHECK(error_of(parse_memory_limit("a\x01z", "m")) ==
              "m: \"a\\x01z\" is not a byte count or max");
        CHECK(error_of(parse_memory_limit(std::string(100, 'x'), "m")) ==
              "m: \"" + std::string(40, 'x') + "\"... is not a byte count or max");
    }
}

TEST_SUITE("detect::parse_hugetlb_limit") {
    TEST_CASE("zero is a real limit, max is none") {
        CHECK(*parse_hugetlb_limit("0\n", "h") == ByteLimit{0});
        CHECK(*parse_hugetlb_limit("max\n", "h") == ByteLimit{});
        CHECK(*parse_hugetlb_limit("2097152", "h") == ByteLimit{2097152});
        CHECK(error_of(parse_hugetlb_limit("-2", "h")) ==
              "h: \"-2\" is negative; expected a byte count or max");
    }
}

TEST_SUITE("detect::parse_hierarchical_memory_limit") {
    TEST_CASE("the hierarchical_memory_limit line of memory.stat") {
        const std::string stat = "cache 0\nrss 0\nhierarchical_memory_limit 536870912\n"
                                 "hierarchical_memsw_limit 9223372036854771712\ntotal_cache 0\n";
        CHECK(*parse_hierarchical_memory_limit(stat, "s") == ByteLimit{536870912});
        CHECK(*parse_hierarchical_memory_limit("hierarchical_memory_limit 9223372036854771712\n",
                                               "s") == ByteLimit{});
    }

    TEST_CASE("a missing or bad line is an error naming file and key") {
        CHECK(error_of(parse_hierarchical_memory_limit("cache 0\n", "/m/memory.stat")) ==
              "/m/memory.stat: has no hierarchical_memory_limit line");
        CHECK(error_of(parse_hierarchical_memory_limit("hierarchical_memory_limit x\n",
                                                       "/m/memory.stat")) ==
              "/m/memory.stat hierarchical_memory_limit: \"x\" is not a byte count or max");
        CHECK(error_of(parse_hierarchical_memory_limit("hierarchical_memsw_limit 5\n",
                                                       "/m/memory.stat")) ==
              "/m/memory.stat: has no hierarchical_memory_limit line");
    }
}

TEST_SUITE("detect::parse_cpu_max") {
    TEST_CASE("quota and period") {
        const auto quota = *parse_cpu_max("150000 100000\n", "c");
        REQUIRE(quota);
        CHECK(*quota == CpuQuota{150000, 100000});
        CHECK(quota->cpus() == 1.5);
        CHECK((*parse_cpu_max("1000 100000", "c"))->cpus() == 0.01);
    }

    TEST_CASE("max with or without a period is no limit") {
        CHECK_FALSE(*parse_cpu_max("max 100000\n", "c"));
        CHECK_FALSE(*parse_cpu_max("max", "c"));
    }

    TEST_CASE("bad forms are errors") {
        const std::string expected_tail = " is not QUOTA PERIOD or max PERIOD (microseconds > 0)";
        CHECK(error_of(parse_cpu_max("150000 0", "/c/cpu.max")) ==
              "/c/cpu.max: \"150000 0\"" + expected_tail);
        CHECK(error_of(parse_cpu_max("150000", "/c/cpu.max")) ==
              "/c/cpu.max: \"150000\"" + expected_tail);
        CHECK(error_of(parse_cpu_max("0 100000", "/c/cpu.max")) ==
              "/c/cpu.max: \"0 100000\"" + expected_tail);
        CHECK(error_of(parse_cpu_max("-1 100000", "/c/cpu.max")) ==
              "/c/cpu.max: \"-1 100000\"" + expected_tail);
        CHECK(error_of(parse_cpu_max("1 2 3", "/c/cpu.max")) ==
              "/c/cpu.max: \"1 2 3\"" + expected_tail);
        CHECK(error_of(parse_cpu_max("max -5", "/c/cpu.max")) ==
              "/c/cpu.max: \"max -5\"" + expected_tail);
        CHECK(error_of(parse_cpu_max("", "/c/cpu.max")) == "/c/cpu.max: \"\"" + expected_tail);
    }
}

TEST_SUITE("detect::parse_cfs_quota") {
    TEST_CASE("-1 is no limit, a positive count is the quota") {
        CHECK_FALSE(*parse_cfs_quota("-1\n", "q"));
        CHECK(*parse_cfs_quota("150000\n", "q") == std::optional<std::uint64_t>{150000});
    }

    TEST_CASE("zero, other negatives and garbage are errors") {
        CHECK(error_of(parse_cfs_quota("0", "q")) ==
              "q: \"0\" is zero; expected microseconds > 0 or -1");
        CHECK(error_of(parse_cfs_quota("-2", "q")) ==
              "q: \"-2\" is negative; expected microseconds > 0 or -1");
        CHECK(error_of(parse_cfs_quota("x", "q")) == "q: \"x\" is not microseconds > 0 or -1");
    }

    TEST_CASE("cfs_period_us must be positive") {
        CHECK(*parse_cfs_period("100000\n", "p") == 100000U);
        CHECK(error_of(parse_cfs_period("0", "p")) ==
              "p: \"0\" is zero; expected microseconds > 0");
        CHECK(error_of(parse_cfs_period("", "p")) == "p: is empty; expected microseconds > 0");
    }
}
