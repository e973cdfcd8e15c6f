// Of the settings pgfit may emit, which a server knows and the bounds it accepts. The server's
// own catalog comes from `postgres --describe-config` (read by the config stage); the built-in
// table describes every setting pgfit may emit for the majors it supports, and its base unit,
// which the server's catalog does not say.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pgfit::tune {

enum class GucType { boolean, integer, real, string, enumeration };

// Unit of an integer setting as postgres stores it (and as its bounds are written).
enum class GucUnit { none, kb, block, mb };

inline constexpr unsigned k_block_size = 8192;

// Bytes in one `unit`; 0 for a setting without a memory unit.
constexpr std::uint64_t unit_bytes(GucUnit unit) {
    switch (unit) {
    case GucUnit::kb:
        return 1024;
    case GucUnit::block:
        return k_block_size;
    case GucUnit::mb:
        return 1024 * 1024;
    case GucUnit::none:
        return 0;
    }
    return 0;
}

struct GucBounds {
    GucType type = GucType::string;
    // Numeric bounds in the setting's base unit; meaningful for integer and real only.
    double min = 0;
    double max = 0;

    bool operator==(const GucBounds&) const = default;
};

using Catalog = std::map<std::string, GucBounds, std::less<>>;

struct KnownGuc {
    std::string_view name;
    GucType type;
    GucUnit unit;
    double min;
    double max;
    unsigned since_major; // first major that has it
};

// The built-in entry for `name`, or nullptr when pgfit never emits it.
const KnownGuc* find_known_guc(std::string_view name);

// The built-in table as a catalog of what `major` accepts.
Catalog builtin_catalog(unsigned major);

// Parses `postgres --describe-config` output (one setting per line, tab-separated: name,
// context, group, type, reset value, min, max, descriptions) for the settings of the built-in
// table. Other lines, and lines that do not have that shape, are skipped; nullopt when no line
// is kept.
std::optional<Catalog> parse_describe_config(std::string_view text);

// The lines of `postgres --describe-config` output that parse_describe_config reads: what a
// cache of it needs to hold (a tenth of the server's 350-odd settings).
std::string describe_config_for_plan(std::string_view text);

} // namespace pgfit::tune
