#include "detect/proc_cgroup.hpp"

#include <fmt/format.h>

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

void add_line(ProcCgroup& parsed, const CgroupLine& line) {
    if (line.controllers.empty()) {
        parsed.unified_path = std::string(line.path);
        return;
    }
    for (const auto controller : split(line.controllers, ',')) {
        if (!controller.empty() && !controller.starts_with("name=")) {
            parsed.controller_paths.insert_or_assign(std::string(controller),
                                                     std::string(line.path));
        }
    }
}

} // namespace

ProcCgroup parse_proc_cgroup(std::string_view text, std::string_view origin) {
    ProcCgroup parsed;
    std::size_t number = 0;
    for (const auto raw : split(text, '\n')) {
        ++number;
        const std::string_view line = trim(raw);
        if (line.empty()) {
            continue;
        }
        const auto fields = split_cgroup_line(line);
        std::string_view problem;
        if (!fields) {
            problem = "not ID:CONTROLLERS:PATH";
        } else if (!parse_uint64(fields->id)) {
            problem = "the hierarchy ID is not a number";
        } else if (!fields->path.starts_with('/')) {
            problem = "the path is not absolute";
        } else if (fields->controllers.empty() != (fields->id == "0")) {
            problem = "only hierarchy 0 may have no controllers";
        }
        if (!problem.empty()) {
            parsed.notes.push_back(fmt::format("{}:{}: {}; line skipped", origin, number, problem));
            continue;
        }
        add_line(parsed, *fields);
    }
    return parsed;
}

} // namespace pgfit::detect
