#include <doctest/doctest.h>

#include "detect/mountinfo.hpp"

using pgfit::detect::parse_mountinfo;
using pgfit::detect::unescape_mount_field;

TEST_SUITE("detect::parse_mountinfo") {
    TEST_CASE("v1 and v2 cgroup mounts with root, mount point, type and super options") {
        const auto parsed = parse_mountinfo(
            "219 214 0:29 /docker/6558 /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n"
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n",
            "/proc/self/mountinfo");
        REQUIRE(parsed.mounts.size() == 2);
        const auto& memory = parsed.mounts[0];
        CHECK(memory.root == "/docker/6558");
        CHECK(memory.mount_point == "/sys/fs/cgroup/memory");
        CHECK(memory.fstype == "cgroup");
        CHECK(memory.super_options == std::vector<std::string>{"rw", "memory"});
        CHECK(memory.has_super_option("memory"));
        CHECK_FALSE(memory.has_super_option("mem"));
        CHECK(parsed.mounts[1].fstype == "cgroup2");
        CHECK(parsed.notes.empty());
    }

    TEST_CASE("optional fields of any number before the separator") {
        const auto parsed = parse_mountinfo("34 25 0:29 / /sys/fs/cgroup/unified rw,nosuid "
                                            "shared:10 master:1 - cgroup2 cgroup2 rw,nsdelegate\n",
                                            "mi");
        REQUIRE(parsed.mounts.size() == 1);
        CHECK(parsed.mounts[0].mount_point == "/sys/fs/cgroup/unified");
        CHECK(parsed.mounts[0].has_super_option("nsdelegate"));
    }

    TEST_CASE("dashes inside fields are not the separator") {
        const auto parsed = parse_mountinfo(
            "50 40 0:30 /system.slice/docker-654dd.scope /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
            "mi");
        REQUIRE(parsed.mounts.size() == 1);
        CHECK(parsed.mounts[0].root == "/system.slice/docker-654dd.scope");
    }

    TEST_CASE("escaped paths are unescaped") {
        const auto parsed = parse_mountinfo(
            "60 31 0:40 /a\\040b\\011c /sys/fs/cgroup/my\\040dir\\134x rw - cgroup cgroup rw,cpu\n",
            "mi");
        REQUIRE(parsed.mounts.size() == 1);
        CHECK(parsed.mounts[0].root == "/a b\tc");
        CHECK(parsed.mounts[0].mount_point == "/sys/fs/cgroup/my dir\\x");
    }

    TEST_CASE("WSL: unescaped spaces in the super options do not spoil the line") {
        const auto parsed = parse_mountinfo(
            "1391 1160 0:151 / /Docker/host rw,noatime - 9p C:\\134Program\\040Files\\134Docker "
            "rw,dirsync,aname=drvfs;path=C:\\Program Files\\Docker;symlinkroot=/mnt/,mmap\n"
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n",
            "mi");
        REQUIRE(parsed.mounts.size() == 2);
        CHECK(parsed.mounts[0].fstype == "9p");
        CHECK(parsed.mounts[0].has_super_option("mmap"));
        CHECK(parsed.mounts[1].fstype == "cgroup2");
        CHECK(parsed.notes.empty());
    }

    TEST_CASE("unparsable lines are skipped with a note, the others kept in order") {
        const auto parsed = parse_mountinfo("no separator here\n"
                                            "1 2 3 - cgroup cgroup rw,memory\n"
                                            "35 31 0:32 / /sys/fs/cgroup/memory rw - \n"
                                            "36 31 0:33 / /a rw - cgroup x rw,cpu\n"
                                            "37 31 0:34 / /b rw - cgroup\n",
                                            "/proc/self/mountinfo");
        REQUIRE(parsed.mounts.size() == 2);
        CHECK(parsed.mounts[0].mount_point == "/a");
        CHECK(parsed.mounts[1].mount_point == "/b");
        CHECK(parsed.mounts[1].super_options.empty());
        const std::vector<std::string> expected{
            "/proc/self/mountinfo:1: no ' - ' separator; line skipped",
            "/proc/self/mountinfo:2: fewer than 6 fields before ' - '; line skipped",
            "/proc/self/mountinfo:3: no ' - ' separator; line skipped",
        };
        CHECK(parsed.notes == expected);
    }

    TEST_CASE("unescape keeps what is not a three-digit octal escape") {
        CHECK(unescape_mount_field("a\\040b") == "a b");
        CHECK(unescape_mount_field("\\012") == "\n");
        CHECK(unescape_mount_field("\\134") == "\\");
        CHECK(unescape_mount_field("a\\04") == "a\\04");
        CHECK(unescape_mount_field("a\\x2d") == "a\\x2d");
        CHECK(unescape_mount_field("\\400") == "\\400");
        CHECK(unescape_mount_field("\\") == "\\");
        CHECK(unescape_mount_field("") == "");
    }
}
