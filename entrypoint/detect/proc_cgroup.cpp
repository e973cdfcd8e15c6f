#include "detect/proc_cgroup.hpp"

#include <fmt/format.h>

#include "detect/line_parser.hpp"
#include "util/strings.hpp"

namespace pgfit::detect {

namespace {

struct CgroupLine {
    std::string_view id;
    std::string_view controllers;
    std::string_view path;
};

std::optional<CgroupLine> split_cgroup_line(std::string_view line) {
    const auto first = line.find(':');
    if (first == std::string_view::npos) {
        return std::nullopt;
    }
    const auto second = line.find(':', first + 1);
    if (second == std::string_view::npos) {
        return std::nullopt;
    }
    return CgroupLine{line.substr(0, first), line.substr(first + 1, second - first - 1),
                      line.substr(second + 1)};
}

// Adds one line's hierarchy to `parsed`; returns what is wrong with the line, if anything.
std::string_view take_line(ProcCgroup& parsed, std::string_view line) {
    const auto fields = split_cgroup_line(line);
    if (!fields) {
        return "not ID:CONTROLLERS:PATH";
    }
    if (!parse_uint64(fields->id)) {
        return "the hierarchy ID is not a number";
    }
    if (!fields->path.starts_with('/')) {
        return "the path is not absolute";
    }
    if (fields->controllers.empty() != (fields->id == "0")) {
        return "only hierarchy 0 may have no controllers";
    }
    if (fields->controllers.empty()) {
        parsed.unified_path = std::string(fields->path);
        return {};
    }
    for (const auto controller : split(fields->controllers, ',')) {
        if (!controller.empty() && !controller.starts_with("name=")) {
            parsed.controller_paths.insert_or_assign(std::string(controller),
                                                     std::string(fields->path));
        }
    }
    return {};
}

} // namespace

ProcCgroup parse_proc_cgroup(std::string_view text, std::string_view origin) {
    ProcCgroup parsed;
    for_each_line(text, origin, parsed.notes,
                  [&](std::string_view line) { return take_line(parsed, line); });
    return parsed;
}

} // namespace pgfit::detect
