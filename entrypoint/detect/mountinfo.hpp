// Parser for /proc/self/mountinfo, keeping what cgroup resolution needs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgfit::detect {

struct Mount {
    std::string root;        // the directory of the filesystem seen at the mount point
    std::string mount_point; // where it is mounted
    std::string fstype;      // `cgroup` (v1), `cgroup2`, `tmpfs`, ...
    std::vector<std::string> super_options; // v1 cgroup mounts list their controllers here

    bool has_super_option(std::string_view option) const;
};

struct Mountinfo {
    std::vector<Mount> mounts; // in file order: a later mount shadows an earlier one
    std::vector<std::string> notes;
};

// Splits each line at the ` - ` separator (the optional fields before it vary in number),
// unescapes the octal escapes of ROOT and MOUNTPOINT (`\040` space, `\011` tab, `\012` newline,
// `\134` backslash) and takes the super options from the rest of the line, which may contain
// unescaped spaces (WSL). Lines that do not parse are skipped with a note naming `origin` and
// the line number; one bad line never spoils the others.
Mountinfo parse_mountinfo(std::string_view text, std::string_view origin);

// Replaces every `\ooo` (three octal digits, value < 256) with its byte; other backslashes stay.
std::string unescape_mount_field(std::string_view field);

} // namespace pgfit::detect
