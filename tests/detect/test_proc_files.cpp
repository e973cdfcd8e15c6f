#include <doctest/doctest.h>

#include "detect/proc_files.hpp"

using namespace pgfit::detect;

TEST_SUITE("detect::parse_meminfo") {
    TEST_CASE("MemTotal and huge pages, kB converted to bytes") {
        const auto meminfo = parse_meminfo("MemTotal:       24682416 kB\n"
                                           "MemFree:        1000 kB\n"
                                           "HugePages_Total:      16\n"
                                           "HugePages_Free:       12\n"
                                           "Hugepagesize:       2048 kB\n");
        CHECK(meminfo.mem_total_bytes == 24682416ULL * 1024);
        CHECK(meminfo.huge_pages_free == 12U);
        CHECK(meminfo.huge_page_size_bytes == 2097152U);
    }

    TEST_CASE("missing or malformed lines leave the field empty") {
        const auto meminfo =
            parse_meminfo("MemTotal: lots kB\nHugepagesize: 99999999999999999999 kB\n");
        CHECK_FALSE(meminfo.mem_total_bytes);
        CHECK_FALSE(meminfo.huge_pages_free);
        CHECK_FALSE(meminfo.huge_page_size_bytes);
        CHECK_FALSE(parse_meminfo("MemTotal: 18014398509481984 kB\n").mem_total_bytes);
    }
}

TEST_SUITE("detect::parse_cpu_list") {
    TEST_CASE("single CPUs and ranges are counted") {
        CHECK(*parse_cpu_list("0-1\n", "l") == 2U);
        CHECK(*parse_cpu_list("0-3,8,10-11", "l") == 7U);
        CHECK(*parse_cpu_list("5", "l") == 1U);
        CHECK(*parse_cpu_list("0-1535", "l") == 1536U);
    }

    TEST_CASE("bad lists are errors naming the origin") {
        CHECK(parse_cpu_list("", "/proc/self/status").error().to_string() ==
              "/proc/self/status: \"\" is not a CPU list such as 0-3,8");
        CHECK(parse_cpu_list("3-1", "s").error().to_string() ==
              "s: \"3-1\" is not a CPU list such as 0-3,8");
        CHECK_FALSE(parse_cpu_list("0-", "s"));
        CHECK_FALSE(parse_cpu_list("0,,1", "s"));
        CHECK_FALSE(parse_cpu_list("a", "s"));
        CHECK_FALSE(parse_cpu_list("0-18446744073709551615", "s"));
        CHECK_FALSE(parse_cpu_list("0-1000000,0-1000000", "s"));
    }

    TEST_CASE("Cpus_allowed_list from /proc/self/status") {
        CHECK(*parse_status_cpus_allowed("Name:\tsh\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n",
                                         "s") == 2U);
        CHECK(parse_status_cpus_allowed("Name:\tsh\n", "/proc/self/status").error().to_string() ==
              "/proc/self/status: has no Cpus_allowed_list line");
    }
}
