// Where a controller's limit files for this process are: which hierarchy (v1 or v2) holds the
// controller, which mount shows it, and the process's cgroup directory in that mount (the
// cgroup path translated through the mount's root), with its parents up to the mount point.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/mountinfo.hpp"
#include "detect/proc_cgroup.hpp"
#include "detect/resources.hpp"
#include "detect/root_fs.hpp"

namespace pgfit::detect {

struct ControllerLocation {
    CgroupVersion version = CgroupVersion::v2;
    std::string mount_point;
    // The process's cgroup directory first, then each parent up to the mount point inclusive.
    std::vector<std::string> levels;
    // The mount shows a subtree of its hierarchy (mount root is not "/"), so the cgroups
    // above the mount point cannot be read.
    bool subtree_mount = false;
};

enum class PathMapping {
    inside,            // the cgroup is the mount root or below it: `relative` locates it
    outside_namespace, // a `..` component: the cgroup cannot be located in this mount
    unrelated,         // the cgroup is not below the mount root (the process was moved)
};

struct TranslatedPath {
    PathMapping mapping = PathMapping::inside;
    std::string relative; // "/" or "/a/b"; for `unrelated`, the whole cgroup path
};

// Maps a cgroup path of /proc/self/cgroup into a mount whose mountinfo root is `mount_root`,
// comparing whole components (root `/fo` is not a prefix of `/foo/bar`).
TranslatedPath translate_cgroup_path(std::string_view mount_root, std::string_view cgroup_path);

// The mount that shows `controller` in hierarchy `version`: mounts under /sys/fs/cgroup
// first, and among those the last one listed (it shadows earlier mounts on the same point).
const Mount* choose_mount(const Mountinfo& mountinfo, CgroupVersion version,
                          std::string_view controller);

// v1 when a v1 mount lists `controller` and /proc/self/cgroup has a v1 path for it; else v2
// when there is a cgroup2 mount, a `0::` line, and the mount's cgroup.controllers (if
// readable) lists `controller`; else nullopt. When the cgroup cannot be located exactly the
// mount point (or the deepest existing directory) is used, and a note says so.
std::optional<ControllerLocation> locate_controller(std::string_view controller,
                                                    const ProcCgroup& proc_cgroup,
                                                    const Mountinfo& mountinfo, const RootFs& fs,
                                                    std::vector<std::string>& notes);

} // namespace pgfit::detect
