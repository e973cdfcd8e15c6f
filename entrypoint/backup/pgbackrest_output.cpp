#include "backup/pgbackrest_output.hpp"

#include <vector>

#include "util/strings.hpp"

namespace pgfit::backup {

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        lines.push_back(trim(text.substr(start, end - start)));
        start = end + 1;
    }
    return lines;
}

} // namespace

std::optional<std::string> backup_size(std::string_view output) {
    constexpr std::string_view marker = "backup size = ";
    for (const auto line : lines_of(output)) {
        const auto at = line.find(marker);
        if (at == std::string_view::npos) {
            continue;
        }
        auto size = line.substr(at + marker.size());
        size = size.substr(0, size.find(','));
        return std::string(trim(size));
    }
    return std::nullopt;
}

std::optional<std::string> stanza_status(std::string_view info_output) {
    constexpr std::string_view label = "status:";
    for (const auto line : lines_of(info_output)) {
        if (line.starts_with(label)) {
            return std::string(trim(line.substr(label.size())));
        }
    }
    return std::nullopt;
}

std::string failure_reason(std::string_view output) {
    std::string_view last;
    std::string_view error;
    for (const auto line : lines_of(output)) {
        if (line.empty()) {
            continue;
        }
        last = line;
        if (const auto at = line.find("ERROR: "); at != std::string_view::npos) {
            error = line.substr(at);
        }
    }
    return std::string(error.empty() ? last : error);
}

} // namespace pgfit::backup
