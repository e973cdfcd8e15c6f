// Every file the detect stage reads goes through RootFs, so a fixture tree can stand in for
// the machine. Paths given to it are the paths as seen inside the container
// (`/sys/fs/cgroup/memory.max`); RootFs prefixes its root to open them, and errors name the
// inside path so messages and sources do not depend on where a fixture lives.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::detect {

class RootFs {
public:
    explicit RootFs(std::string root);

    // True for "/": the real machine, where syscalls (sched_getaffinity) may stand in for files.
    bool is_real_root() const { return m_root.empty(); }
    // Where `path` (absolute, as seen inside) is on this machine.
    std::string outside(std::string_view path) const;

    // The whole file. Error: where = `path`, message `cannot read: <strerror>`, sys_errno set.
    Result<std::string> read(std::string_view path) const;
    bool is_directory(std::string_view path) const;
    bool exists(std::string_view path) const;

private:
    std::string m_root; // without trailing slash; empty for "/"
};

// `directory` + `/` + `relative` without doubled slashes; `relative` "/" or "" is `directory`.
std::string join_path(std::string_view directory, std::string_view relative);

} // namespace pgfit::detect
