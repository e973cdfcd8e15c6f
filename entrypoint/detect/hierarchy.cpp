#include "detect/hierarchy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace pgfit::detect {

namespace {

constexpr std::string_view k_cgroup_mount_area = "/sys/fs/cgroup";

std::vector<std::string_view> components(std::string_view path) {
    std::vector<std::string_view> parts;
    for (const auto part : split(path, '/')) {
        if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
    }
    return parts;
}

bool has_parent_component(const std::vector<std::string_view>& parts) {
    return std::find(parts.begin(), parts.end(), "..") != parts.end();
}

std::string join_components(std::vector<std::string_view>::const_iterator begin,
                            std::vector<std::string_view>::const_iterator end) {
    std::string path;
    for (auto it = begin; it != end; ++it) {
        path.push_back('/');
        path.append(*it);
    }
    return path.empty() ? "/" : path;
}

bool under_cgroup_mount_area(std::string_view mount_point) {
    return mount_point == k_cgroup_mount_area || (mount_point.starts_with(k_cgroup_mount_area) &&
                                                  mount_point[k_cgroup_mount_area.size()] == '/');
}

bool lists_controller(std::string_view controllers, std::string_view controller) {
    for (const auto line : split(controllers, '\n')) {
        for (const auto name : split(trim(line), ' ')) {
            if (name == controller) {
                return true;
            }
        }
    }
    return false;
}

// "/a/b" → "/a", "/a" → "/", "a" → "" (so walks always end).
std::string parent_directory(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) {
        return "";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

// The process's cgroup directory in `mount` (a path seen inside), noting any uncertainty.
std::string cgroup_directory(std::string_view controller, const Mount& mount,
                             std::string_view cgroup_path, const RootFs& fs,
                             std::vector<std::string>& notes) {
    const auto translated = translate_cgroup_path(mount.root, cgroup_path);
    const auto& mp = mount.mount_point;
    if (translated.mapping == PathMapping::outside_namespace) {
        notes.push_back(fmt::format(
            "{}: cgroup '{}' (mount root '{}') lies outside this cgroup namespace; limits "
            "read at {} only may not be this process's",
            controller, cgroup_path, mount.root, mp));
        return mp;
    }
    if (translated.mapping == PathMapping::inside) {
        const std::string directory = join_path(mp, translated.relative);
        if (fs.is_directory(directory)) {
            return directory;
        }
        // Gone (or never created here): the limits of the ancestors that exist still apply.
        std::string ancestor = parent_directory(directory);
        while (ancestor.size() > mp.size() && !fs.is_directory(ancestor)) {
            ancestor = parent_directory(ancestor);
        }
        notes.push_back(fmt::format("{}: {} does not exist; limits read from {} upwards",
                                    controller, directory, ancestor));
        return ancestor;
    }
    // The process was moved out of the mounted subtree: the deepest existing directory named
    // by a tail of its path is the best guess (as the JDK does), else the mount point.
    const auto parts = components(translated.relative);
    std::string directory = mp;
    for (auto begin = parts.begin(); begin != parts.end(); ++begin) {
        const std::string candidate = join_path(mp, join_components(begin, parts.end()));
        if (fs.is_directory(candidate)) {
            directory = candidate;
            break;
        }
    }
    notes.push_back(fmt::format("{}: cgroup '{}' is not below '{}', the root of {}; limits read "
                                "at {} may not be this process's",
                                controller, cgroup_path, mount.root, mp, directory));
    return directory;
}

std::vector<std::string> levels_up_to(const std::string& directory, const std::string& top) {
    std::vector<std::string> levels{directory};
    while (levels.back().size() > top.size()) {
        levels.push_back(parent_directory(levels.back()));
    }
    return levels;
}

} // namespace

TranslatedPath translate_cgroup_path(std::string_view mount_root, std::string_view cgroup_path) {
    const auto root = components(mount_root);
    const auto path = components(cgroup_path);
    if (has_parent_component(root) || has_parent_component(path)) {
        return {PathMapping::outside_namespace, "/"};
    }
    if (path.size() >= root.size() && std::equal(root.begin(), root.end(), path.begin())) {
        return {PathMapping::inside,
                join_components(path.begin() + static_cast<long>(root.size()), path.end())};
    }
    return {PathMapping::unrelated, join_components(path.begin(), path.end())};
}

const Mount* choose_mount(const Mountinfo& mountinfo, CgroupVersion version,
                          std::string_view controller) {
    const Mount* chosen = nullptr;
    for (const auto& mount : mountinfo.mounts) {
        const bool matches = version == CgroupVersion::v1
                                 ? mount.fstype == "cgroup" && mount.has_super_option(controller)
                                 : mount.fstype == "cgroup2";
        if (!matches) {
            continue;
        }
        const bool preferred = under_cgroup_mount_area(mount.mount_point);
        if (chosen == nullptr || preferred || !under_cgroup_mount_area(chosen->mount_point)) {
            chosen = &mount;
        }
    }
    return chosen;
}

std::optional<ControllerLocation> locate_controller(std::string_view controller,
                                                    const ProcCgroup& proc_cgroup,
                                                    const Mountinfo& mountinfo, const RootFs& fs,
                                                    std::vector<std::string>& notes) {
    const Mount* mount = nullptr;
    std::string_view cgroup_path;
    CgroupVersion version = CgroupVersion::v1;
    const auto v1_path = proc_cgroup.controller_paths.find(controller);
    if (v1_path != proc_cgroup.controller_paths.end()) {
        mount = choose_mount(mountinfo, CgroupVersion::v1, controller);
        cgroup_path = v1_path->second;
    }
    if (mount == nullptr && proc_cgroup.unified_path) {
        mount = choose_mount(mountinfo, CgroupVersion::v2, controller);
        cgroup_path = *proc_cgroup.unified_path;
        version = CgroupVersion::v2;
        if (mount != nullptr) {
            const auto available = fs.read(join_path(mount->mount_point, "cgroup.controllers"));
            if (available && !lists_controller(*available, controller)) {
                mount = nullptr;
            }
        }
    }
    if (mount == nullptr) {
        return std::nullopt;
    }
    ControllerLocation location;
    location.version = version;
    location.mount_point = mount->mount_point;
    location.subtree_mount = !components(mount->root).empty();
    const std::string directory = cgroup_directory(controller, *mount, cgroup_path, fs, notes);
    location.levels = levels_up_to(directory, mount->mount_point);
    return location;
}

} // namespace pgfit::detect
