// parse_mountinfo and mount choice must never crash on any text, and keep their invariants:
// every non-empty line becomes a mount or a note, unescaping never lengthens a field.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detect/hierarchy.hpp"
#include "detect/mountinfo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pgfit::detect;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = parse_mountinfo(text, "/proc/self/mountinfo");
    std::size_t lines = 1;
    for (const char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    if (parsed.mounts.size() + parsed.notes.size() > lines) {
        std::abort();
    }
    for (const auto& mount : parsed.mounts) {
        if (mount.fstype.empty() || mount.root.size() > text.size() ||
            mount.mount_point.size() > text.size()) {
            std::abort();
        }
        (void)translate_cgroup_path(mount.root, mount.mount_point);
    }
    for (const auto* controller : {"memory", "cpu", "hugetlb"}) {
        const Mount* v1 = choose_mount(parsed, CgroupVersion::v1, controller);
        if (v1 != nullptr && (v1->fstype != "cgroup" || !v1->has_super_option(controller))) {
            std::abort();
        }
        const Mount* v2 = choose_mount(parsed, CgroupVersion::v2, controller);
        if (v2 != nullptr && v2->fstype != "cgroup2") {
            std::abort();
        }
    }
    if (unescape_mount_field(text).size() > text.size()) {
        std::abort();
    }
    return 0;
}
