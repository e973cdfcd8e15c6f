#include "detect/mountinfo.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "detect/line_parser.hpp"
#include "util/strings.hpp"

namespace pgfit::detect {

namespace {

// ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS, then optional fields, then `-`.
constexpr std::size_t k_fixed_fields = 6;

bool is_octal_digit(char c) {
    return c >= '0' && c <= '7';
}

std::optional<Mount> parse_line(std::string_view line, std::string_view& problem) {
    const auto separator = line.find(" - ");
    if (separator == std::string_view::npos) {
        problem = "no ' - ' separator";
        return std::nullopt;
    }
    const auto left = split(line.substr(0, separator), ' ');
    if (left.size() < k_fixed_fields ||
        std::any_of(left.begin(), left.end(), [](auto field) { return field.empty(); })) {
        problem = "fewer than 6 fields before ' - '";
        return std::nullopt;
    }
    // FSTYPE SOURCE SUPER-OPTIONS; the options are the rest of the line.
    std::string_view right = line.substr(separator + 3);
    const auto fstype_end = right.find(' ');
    Mount mount;
    mount.fstype = std::string(right.substr(0, fstype_end));
    if (mount.fstype.empty()) {
        problem = "no filesystem type after ' - '";
        return std::nullopt;
    }
    mount.root = unescape_mount_field(left[3]);
    mount.mount_point = unescape_mount_field(left[4]);
    if (fstype_end != std::string_view::npos) {
        right = right.substr(fstype_end + 1);
        const auto source_end = right.find(' ');
        if (source_end != std::string_view::npos) {
            for (const auto option : split(right.substr(source_end + 1), ',')) {
                mount.super_options.emplace_back(option);
            }
        }
    }
    return mount;
}

} // namespace

bool Mount::has_super_option(std::string_view option) const {
    return std::find(super_options.begin(), super_options.end(), option) != super_options.end();
}

std::string unescape_mount_field(std::string_view field) {
    std::string out;
    out.reserve(field.size());
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' &&
            field[i + 1] <= '3' && is_octal_digit(field[i + 2]) && is_octal_digit(field[i + 3])) {
            out.push_back(static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 +
                                            (field[i + 3] - '0')));
            i += 3;
        } else {
            out.push_back(field[i]);
        }
    }
    return out;
}

Mountinfo parse_mountinfo(std::string_view text, std::string_view origin) {
    Mountinfo parsed;
    for_each_line(text, origin, parsed.notes, [&](std::string_view line) {
        std::string_view problem;
        if (auto mount = parse_line(line, problem)) {
            parsed.mounts.push_back(std::move(*mount));
        }
        return problem;
    });
    return parsed;
}

} // namespace pgfit::detect
