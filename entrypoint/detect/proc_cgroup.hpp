// Parser for /proc/self/cgroup: which cgroup each hierarchy puts this process in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgfit::detect {

struct ProcCgroup {
    // The path of the `0::` line (cgroup v2), when there is one.
    std::optional<std::string> unified_path;
    // v1 controller name (`memory`, `cpu`, ...) → path. Named hierarchies (`name=systemd`) are
    // left out: they hold no controller.
    std::map<std::string, std::string, std::less<>> controller_paths;
    // One line per skipped line, e.g. `/proc/self/cgroup:3: no path; line skipped`.
    std::vector<std::string> notes;
};

// Splits each `ID:CONTROLLERS:PATH` line at its first two colons only: the path may contain
// colons (systemd and containerd unit names). Lines without two colons, or whose path is not
// absolute, are skipped with a note naming `origin` and the line number.
ProcCgroup parse_proc_cgroup(std::string_view text, std::string_view origin);

} // namespace pgfit::detect
