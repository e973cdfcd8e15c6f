#include "tune/catalog_check.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "util/bytes.hpp"

namespace pgfit::tune {

namespace {

// A value as written (`13653kB`, `1.1`, `200`) in the setting's base unit; nullopt when it is
// not a number pgfit can read.
std::optional<double> in_base_unit(const Setting& setting) {
    char* end = nullptr;
    const double number = std::strtod(setting.value.c_str(), &end);
    if (end == setting.value.c_str()) {
        return std::nullopt;
    }
    const std::string_view unit(end);
    if (unit.empty()) {
        return number;
    }
    const auto* known = find_known_guc(setting.name);
    const std::uint64_t base = known ? unit_bytes(known->unit) : 0;
    const std::uint64_t factor = unit == "kB"   ? k_kib
                                 : unit == "MB" ? k_mib
                                 : unit == "GB" ? k_gib
                                 : unit == "TB" ? k_tib
                                                : 0;
    if (base == 0 || factor == 0) {
        return std::nullopt;
    }
    return number * static_cast<double>(factor) / static_cast<double>(base);
}

std::string render(const Setting& setting, double value) {
    const auto* known = find_known_guc(setting.name);
    const std::uint64_t base = known ? unit_bytes(known->unit) : 0;
    if (base != 0 && value > 0) {
        return to_pg_units(Bytes{static_cast<std::uint64_t>(value) * base});
    }
    return fmt::format("{:g}", value);
}

} // namespace

std::vector<Setting> check_against_catalog(std::vector<Setting> settings, const Catalog& catalog,
                                           std::vector<std::string>& warnings) {
    std::vector<Setting> kept;
    for (auto& setting : settings) {
        const auto found = catalog.find(setting.name);
        if (found == catalog.end()) {
            if (setting.name.find('.') == std::string::npos) {
                warnings.push_back(
                    fmt::format("{} is not a setting of this server; dropped", setting.name));
                continue;
            }
            kept.push_back(std::move(setting));
            continue;
        }
        const auto& bounds = found->second;
        const auto value = in_base_unit(setting);
        if ((bounds.type == GucType::integer || bounds.type == GucType::real) && value &&
            (*value < bounds.min || *value > bounds.max)) {
            const double clamped = std::clamp(*value, bounds.min, bounds.max);
            const std::string rendered = render(setting, clamped);
            warnings.push_back(fmt::format(
                "{} = {} is outside the server's range [{}, {}]; clamped to {}", setting.name,
                setting.value, render(setting, bounds.min), render(setting, bounds.max), rendered));
            setting.value = rendered;
            setting.reason += " (clamped to the server's range)";
        }
        kept.push_back(std::move(setting));
    }
    return kept;
}

} // namespace pgfit::tune
