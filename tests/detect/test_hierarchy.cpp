#include <doctest/doctest.h>

#include "detect/hierarchy.hpp"

using namespace pgfit::detect;

namespace {

void check_translation(std::string_view root, std::string_view path, PathMapping mapping,
                       std::string_view relative) {
    const auto translated = translate_cgroup_path(root, path);
    CHECK(translated.mapping == mapping);
    CHECK(translated.relative == relative);
}

} // namespace

TEST_SUITE("detect::translate_cgroup_path") {
    TEST_CASE("mount root / joins the whole path") {
        check_translation("/", "/system.slice/docker-4f.scope", PathMapping::inside,
                          "/system.slice/docker-4f.scope");
        check_translation("/", "/", PathMapping::inside, "/");
    }

    TEST_CASE("root equal to the path is the mount point (v1 cgroupns=host bind mount)") {
        check_translation("/docker/6558", "/docker/6558", PathMapping::inside, "/");
        check_translation("/docker/6558/", "/docker/6558", PathMapping::inside, "/");
    }

    TEST_CASE("a path below the root keeps the remainder") {
        check_translation("/docker/6558", "/docker/6558/worker", PathMapping::inside, "/worker");
    }

    TEST_CASE("prefixes count on component boundaries only") {
        check_translation("/fo", "/foo/bar", PathMapping::unrelated, "/foo/bar");
        check_translation("/docker/6558", "/test", PathMapping::unrelated, "/test");
    }

    TEST_CASE("a .. component in either is outside the namespace") {
        check_translation("/", "/../../fx_other", PathMapping::outside_namespace, "/");
        check_translation("/../..", "/", PathMapping::outside_namespace, "/");
        check_translation("/", "/a/../b", PathMapping::outside_namespace, "/");
    }
}

TEST_SUITE("detect::choose_mount") {
    Mount mount(std::string root, std::string point, std::string type,
                std::vector<std::string> options) {
        return Mount{std::move(root), std::move(point), std::move(type), std::move(options)};
    }

    TEST_CASE("prefers /sys/fs/cgroup over other places, whatever the order") {
        Mountinfo info;
        info.mounts.push_back(mount("/", "/sys/fs/cgroup/cpuset", "cgroup", {"rw", "cpuset"}));
        info.mounts.push_back(mount("/", "/cpusets", "cgroup", {"rw", "cpuset"}));
        const Mount* chosen = choose_mount(info, CgroupVersion::v1, "cpuset");
        REQUIRE(chosen != nullptr);
        CHECK(chosen->mount_point == "/sys/fs/cgroup/cpuset");
    }

    TEST_CASE("the later of two mounts on the same point shadows the earlier") {
        Mountinfo info;
        info.mounts.push_back(mount("/", "/sys/fs/cgroup/memory", "cgroup", {"rw", "memory"}));
        info.mounts.push_back(
            mount("/fx_parent/fx_child", "/sys/fs/cgroup/memory", "cgroup", {"rw", "memory"}));
        CHECK(choose_mount(info, CgroupVersion::v1, "memory")->root == "/fx_parent/fx_child");
    }

    TEST_CASE("controllers match whole options; named hierarchies and other types never match") {
        Mountinfo info;
        info.mounts.push_back(mount("/", "/sys/fs/cgroup/cpuset", "cgroup", {"rw", "cpuset"}));
        info.mounts.push_back(
            mount("/", "/sys/fs/cgroup/systemd", "cgroup", {"rw", "name=systemd"}));
        info.mounts.push_back(mount("/", "/sys/fs/cgroup", "tmpfs", {"rw", "cpu"}));
        CHECK(choose_mount(info, CgroupVersion::v1, "cpu") == nullptr);
        CHECK(choose_mount(info, CgroupVersion::v2, "cpu") == nullptr);
        info.mounts.push_back(mount("/", "/sys/fs/cgroup/unified", "cgroup2", {"rw"}));
        CHECK(choose_mount(info, CgroupVersion::v2, "cpu")->mount_point ==
              "/sys/fs/cgroup/unified");
    }

    TEST_CASE("/sys/fs/cgroupfoo is not under /sys/fs/cgroup") {
        Mountinfo info;
        info.mounts.push_back(mount("/", "/sys/fs/cgroup/cpu", "cgroup", {"cpu"}));
        info.mounts.push_back(mount("/", "/sys/fs/cgroupfoo", "cgroup", {"cpu"}));
        CHECK(choose_mount(info, CgroupVersion::v1, "cpu")->mount_point == "/sys/fs/cgroup/cpu");
    }
}
