// A byte count, the units PostgreSQL and people write it in, and the parser for memory sizes
// given by operators (POSTGRES_MEMORY, --memory).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit {

inline constexpr std::uint64_t k_kib = 1024;
inline constexpr std::uint64_t k_mib = 1024 * k_kib;
inline constexpr std::uint64_t k_gib = 1024 * k_mib;
inline constexpr std::uint64_t k_tib = 1024 * k_gib;

struct Bytes {
    std::uint64_t count = 0;

    static constexpr Bytes kib(std::uint64_t n) { return {n * k_kib}; }
    static constexpr Bytes mib(std::uint64_t n) { return {n * k_mib}; }
    static constexpr Bytes gib(std::uint64_t n) { return {n * k_gib}; }

    constexpr auto operator<=>(const Bytes&) const = default;
};

// The largest PostgreSQL unit (TB, GB, MB, kB) that divides `bytes` exactly, as postgres
// accepts it with -c: 256MB, 7864kB, 2GB. Values that are not a multiple of 1 kB print as `NB`.
std::string to_pg_units(Bytes bytes);

// For people: `512 MiB`, `1.5 GiB`, `700 B` (at most one decimal, binary units).
std::string to_human(Bytes bytes);

// Parses an operator-given memory size. A bare number means MiB; units (case-insensitive) are
// B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB, all binary as in PostgreSQL and Docker
// (`1536MB` = 1536 MiB, `1.5GB` = 1536 MiB). Zero, negatives, garbage and values that overflow
// are errors naming `where` and listing the accepted forms.
Result<Bytes> parse_memory_size(std::string_view text, std::string_view where);

} // namespace pgfit

template <>
struct fmt::formatter<pgfit::Bytes> : fmt::formatter<std::string> {
    auto format(pgfit::Bytes bytes, fmt::format_context& context) const {
        return fmt::formatter<std::string>::format(pgfit::to_pg_units(bytes), context);
    }
};
