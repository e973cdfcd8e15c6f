// Small text helpers shared by the parsers. No locale: every comparison is plain ASCII.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgfit {

constexpr bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);

// Splits at every `separator`; empty fields are kept.
std::vector<std::string_view> split(std::string_view text, char separator);

// Whole-string parsers: no sign unless stated, no leading/trailing garbage, no overflow.
std::optional<std::uint64_t> parse_uint64(std::string_view text);
std::optional<std::int64_t> parse_int64(std::string_view text); // optional leading '-'
// Digits with at most one '.', e.g. `1.5`, `2`, `.5`; nothing else (no exponent, no sign).
std::optional<double> parse_decimal(std::string_view text);

} // namespace pgfit
