#include "util/strings.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

namespace pgfit {

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_ascii_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string to_lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return lower;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            fields.push_back(text.substr(start));
            return fields;
        }
        fields.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

std::optional<std::uint64_t> parse_uint64(std::string_view text) {
    if (text.empty() || !is_ascii_digit(text.front())) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
    const std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
    if (digits.empty() || !is_ascii_digit(digits.front())) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_decimal(std::string_view text) {
    std::size_t dots = 0;
    std::size_t digits = 0;
    for (const char c : text) {
        if (c == '.') {
            ++dots;
        } else if (is_ascii_digit(c)) {
            ++digits;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || dots > 1 || text.size() > 64) {
        return std::nullopt;
    }
    // strtod, not std::from_chars: libstdc++'s floating from_chars needs libm (fesetround), the
    // only reason pgfit would load it. pgfit never sets a locale, so the decimal point is '.'.
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace pgfit
