#include "detect/proc_files.hpp"

#include <limits>

#include "util/strings.hpp"

namespace pgfit::detect {

namespace {

// Far above any real machine; keeps the count of a hostile list from overflowing.
constexpr std::uint64_t k_max_cpu_count = 1U << 20;

// `   24682416 kB` → bytes; `  0` (no unit) → the number itself.
std::optional<std::uint64_t> meminfo_value(std::string_view text) {
    text = trim(text);
    std::uint64_t factor = 1;
    if (text.ends_with(" kB")) {
        text = trim(text.substr(0, text.size() - 3));
        factor = 1024;
    }
    const auto value = parse_uint64(text);
    if (!value || *value > std::numeric_limits<std::uint64_t>::max() / factor) {
        return std::nullopt;
    }
    return *value * factor;
}

} // namespace

Meminfo parse_meminfo(std::string_view text) {
    Meminfo meminfo;
    for (const auto line : split(text, '\n')) {
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        const std::string_view name = line.substr(0, colon);
        const auto value = meminfo_value(line.substr(colon + 1));
        if (name == "MemTotal") {
            meminfo.mem_total_bytes = value;
        } else if (name == "HugePages_Free") {
            meminfo.huge_pages_free = value;
        } else if (name == "Hugepagesize") {
            meminfo.huge_page_size_bytes = value;
        }
    }
    return meminfo;
}

Result<unsigned> parse_cpu_list(std::string_view text, std::string_view origin) {
    const std::string_view list = trim(text);
    const auto bad = [&] {
        return fail(std::string(origin), "{:?} is not a CPU list such as 0-3,8",
                    list.substr(0, 40));
    };
    if (list.empty()) {
        return bad();
    }
    std::uint64_t count = 0;
    for (const auto item : split(list, ',')) {
        const auto dash = item.find('-');
        const auto first = parse_uint64(item.substr(0, dash));
        const auto last =
            dash == std::string_view::npos ? first : parse_uint64(item.substr(dash + 1));
        if (!first || !last || *last < *first || *last - *first >= k_max_cpu_count) {
            return bad();
        }
        count += *last - *first + 1;
        if (count > k_max_cpu_count) {
            return bad();
        }
    }
    return static_cast<unsigned>(count);
}

Result<unsigned> parse_status_cpus_allowed(std::string_view status, std::string_view origin) {
    constexpr std::string_view key = "Cpus_allowed_list:";
    for (const auto line : split(status, '\n')) {
        if (line.starts_with(key)) {
            return parse_cpu_list(line.substr(key.size()), origin);
        }
    }
    return fail(std::string(origin), "has no Cpus_allowed_list line");
}

} // namespace pgfit::detect
