// Every input pgfit acts on carries where it came from, so every output can say why.
#pragma once

#include <string>
#include <utility>

namespace pgfit {

enum class OriginKind {
    built_in, // pgfit's own default
    toml,     // pgfit.toml; detail = `file:line:column`
    env,      // an environment variable; detail = its name
    flag,     // a command-line flag; detail = the flag
    detected, // read from the system; detail = the file and level, e.g. a cgroup file path
    host,     // the host's own total (no limit found); detail = the source, e.g. /proc/meminfo
};

struct Origin {
    OriginKind kind = OriginKind::built_in;
    std::string detail;

    // `built-in`, or the detail (`POSTGRES_MEMORY`, `--memory`, `conf/pgfit.toml:3:1`, ...).
    std::string to_string() const { return kind == OriginKind::built_in ? "built-in" : detail; }
    bool operator==(const Origin&) const = default;
};

template <typename T>
struct Sourced {
    T value{};
    Origin origin;

    bool operator==(const Sourced&) const = default;
};

template <typename T>
Sourced<T> sourced(T value, OriginKind kind, std::string detail = {}) {
    return Sourced<T>{std::move(value), Origin{kind, std::move(detail)}};
}

} // namespace pgfit
