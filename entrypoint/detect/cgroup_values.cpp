#include "detect/cgroup_values.hpp"

#include <limits>

#include "util/strings.hpp"

namespace pgfit::detect {

namespace {

constexpr std::uint64_t k_long_max = std::numeric_limits<std::int64_t>::max();
// LONG_MAX rounded down to a 64 KiB page: every "unlimited" v1 value is at or above it.
constexpr std::uint64_t k_smallest_sentinel = k_long_max & ~std::uint64_t{0xFFFF};
constexpr std::size_t k_quoted_limit = 40;

// The text for a message: quoted and escaped, cut short when long.
std::string quoted(std::string_view text) {
    if (text.size() > k_quoted_limit) {
        return fmt::format("{:?}...", text.substr(0, k_quoted_limit));
    }
    return fmt::format("{:?}", text);
}

Unexpected bad_value(std::string_view origin, std::string_view text, std::string_view problem) {
    return fail(std::string(origin), "{} {}", quoted(text), problem);
}

// A positive or zero count of up to LONG_MAX; `what` names the accepted form for messages.
Result<std::uint64_t> parse_count(std::string_view text, std::string_view origin,
                                  std::string_view what) {
    if (text.empty()) {
        return fail(std::string(origin), "is empty; expected {}", what);
    }
    if (text.starts_with('-') && parse_int64(text)) {
        return bad_value(origin, text, fmt::format("is negative; expected {}", what));
    }
    const auto value = parse_uint64(text);
    if (!value) {
        const bool digits_only = text.find_first_not_of("0123456789") == std::string_view::npos;
        if (digits_only) {
            return bad_value(origin, text, fmt::format("is out of range; expected {}", what));
        }
        return bad_value(origin, text, fmt::format("is not {}", what));
    }
    if (*value > k_long_max) {
        return bad_value(origin, text, fmt::format("is out of range; expected {}", what));
    }
    return *value;
}

Result<ByteLimit> parse_byte_limit(std::string_view text, std::string_view origin,
                                   bool zero_allowed) {
    constexpr std::string_view what = "a byte count or max";
    const std::string_view value_text = trim(text);
    if (value_text == "max") {
        return ByteLimit{};
    }
    const auto value = parse_count(value_text, origin, what);
    if (!value) {
        return Unexpected{value.error()};
    }
    if (*value == 0 && !zero_allowed) {
        return bad_value(origin, value_text, "is zero; expected a byte count or max");
    }
    if (*value >= k_smallest_sentinel) {
        return ByteLimit{};
    }
    return ByteLimit{*value};
}

} // namespace

Result<ByteLimit> parse_memory_limit(std::string_view text, std::string_view origin) {
    return parse_byte_limit(text, origin, false);
}

Result<ByteLimit> parse_hugetlb_limit(std::string_view text, std::string_view origin) {
    return parse_byte_limit(text, origin, true);
}

Result<ByteLimit> parse_hierarchical_memory_limit(std::string_view memory_stat,
                                                  std::string_view origin) {
    constexpr std::string_view key = "hierarchical_memory_limit ";
    for (const auto line : split(memory_stat, '\n')) {
        if (line.starts_with(key)) {
            return parse_memory_limit(line.substr(key.size()),
                                      fmt::format("{} hierarchical_memory_limit", origin));
        }
    }
    return fail(std::string(origin), "has no hierarchical_memory_limit line");
}

Result<std::optional<CpuQuota>> parse_cpu_max(std::string_view text, std::string_view origin) {
    constexpr std::string_view what = "QUOTA PERIOD or max PERIOD (microseconds > 0)";
    const std::string_view value_text = trim(text);
    if (value_text == "max") {
        return std::optional<CpuQuota>{};
    }
    const auto fields = split(value_text, ' ');
    const auto period = fields.size() == 2 ? parse_uint64(fields[1]) : std::nullopt;
    if (!period || *period == 0 || *period > k_long_max) {
        return bad_value(origin, value_text, fmt::format("is not {}", what));
    }
    if (fields[0] == "max") {
        return std::optional<CpuQuota>{};
    }
    const auto quota = parse_uint64(fields[0]);
    if (!quota || *quota == 0 || *quota > k_long_max) {
        return bad_value(origin, value_text, fmt::format("is not {}", what));
    }
    return std::optional<CpuQuota>{CpuQuota{*quota, *period}};
}

Result<std::optional<std::uint64_t>> parse_cfs_quota(std::string_view text,
                                                     std::string_view origin) {
    constexpr std::string_view what = "microseconds > 0 or -1";
    const std::string_view value_text = trim(text);
    if (value_text == "-1") {
        return std::optional<std::uint64_t>{};
    }
    const auto quota = parse_count(value_text, origin, what);
    if (!quota) {
        return Unexpected{quota.error()};
    }
    if (*quota == 0) {
        return bad_value(origin, value_text, fmt::format("is zero; expected {}", what));
    }
    return std::optional<std::uint64_t>{*quota};
}

Result<std::uint64_t> parse_cfs_period(std::string_view text, std::string_view origin) {
    constexpr std::string_view what = "microseconds > 0";
    const std::string_view value_text = trim(text);
    const auto period = parse_count(value_text, origin, what);
    if (period && *period == 0) {
        return bad_value(origin, value_text, fmt::format("is zero; expected {}", what));
    }
    return period;
}

} // namespace pgfit::detect
