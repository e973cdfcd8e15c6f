#include "util/bytes.hpp"

#include <array>
#include <limits>

#include "util/strings.hpp"

namespace pgfit {

namespace {

struct Unit {
    std::string_view name;
    std::uint64_t factor;
};

constexpr std::array k_pg_units{Unit{"TB", k_tib}, Unit{"GB", k_gib}, Unit{"MB", k_mib},
                                Unit{"kB", k_kib}};

constexpr std::array k_size_suffixes{
    Unit{"b", 1},       Unit{"k", k_kib},   Unit{"kb", k_kib},  Unit{"kib", k_kib},
    Unit{"m", k_mib},   Unit{"mb", k_mib},  Unit{"mib", k_mib}, Unit{"g", k_gib},
    Unit{"gb", k_gib},  Unit{"gib", k_gib}, Unit{"t", k_tib},   Unit{"tb", k_tib},
    Unit{"tib", k_tib},
};

constexpr std::string_view k_accepted_forms =
    "use a number of MiB (512) or a number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB";

} // namespace

std::string to_pg_units(Bytes bytes) {
    for (const auto& unit : k_pg_units) {
        if (bytes.count != 0 && bytes.count % unit.factor == 0) {
            return fmt::format("{}{}", bytes.count / unit.factor, unit.name);
        }
    }
    return fmt::format("{}B", bytes.count);
}

std::string to_human(Bytes bytes) {
    constexpr std::array units{Unit{"TiB", k_tib}, Unit{"GiB", k_gib}, Unit{"MiB", k_mib},
                               Unit{"KiB", k_kib}};
    for (const auto& unit : units) {
        if (bytes.count >= unit.factor) {
            // Rounded to tenths (half up) in integers: no floating point, no libm.
            std::uint64_t whole = bytes.count / unit.factor;
            std::uint64_t tenth = (bytes.count % unit.factor * 10 + unit.factor / 2) / unit.factor;
            if (tenth == 10) {
                ++whole;
                tenth = 0;
            }
            if (tenth == 0) {
                return fmt::format("{} {}", whole, unit.name);
            }
            return fmt::format("{}.{} {}", whole, tenth, unit.name);
        }
    }
    return fmt::format("{} B", bytes.count);
}

Result<Bytes> parse_memory_size(std::string_view text, std::string_view where) {
    const std::string_view trimmed = trim(text);
    std::size_t digits_end = 0;
    while (digits_end < trimmed.size() &&
           (is_ascii_digit(trimmed[digits_end]) || trimmed[digits_end] == '.')) {
        ++digits_end;
    }
    const std::string_view number = trimmed.substr(0, digits_end);
    const std::string suffix = to_lower(trim(trimmed.substr(digits_end)));

    std::uint64_t factor = k_mib;
    if (!suffix.empty()) {
        factor = 0;
        for (const auto& unit : k_size_suffixes) {
            if (unit.name == suffix) {
                factor = unit.factor;
            }
        }
    }
    const auto value = parse_decimal(number);
    if (number.empty() || factor == 0 || !value) {
        return bad_input(std::string(where), "\"{}\" is not a memory size; {}", text,
                         k_accepted_forms);
    }
    const double bytes = *value * static_cast<double>(factor);
    if (bytes >= static_cast<double>(std::numeric_limits<std::int64_t>::max())) {
        return bad_input(std::string(where), "\"{}\" is too large; {}", text, k_accepted_forms);
    }
    if (bytes < 1.0) {
        return bad_input(std::string(where), "\"{}\" must be greater than zero; {}", text,
                         k_accepted_forms);
    }
    return Bytes{static_cast<std::uint64_t>(bytes)};
}

} // namespace pgfit
