// Inputs for tuner tests: a container with `memory` and `cpus`, the default preload list.
#pragma once

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "tune/inputs.hpp"
#include "tune/plan.hpp"

namespace pgfit::tune::testing {

inline Inputs container(Bytes memory, unsigned cpus, Profile profile = Profile::mixed,
                        unsigned major = 15) {
    Inputs inputs;
    inputs.memory = sourced(memory, OriginKind::flag, "--memory");
    inputs.cpus = sourced(cpus, OriginKind::flag, "--cpus");
    inputs.profile = sourced(profile, OriginKind::built_in);
    inputs.storage = sourced(Storage::ssd, OriginKind::built_in);
    inputs.pg_major = sourced(major, OriginKind::built_in);
    inputs.shm = Bytes::gib(1);
    inputs.preload_libraries = sourced(
        std::vector<std::string>{"pg_stat_statements", "pg_cron", "pgaudit", "auto_explain"},
        OriginKind::built_in);
    inputs.cron_database = sourced(std::string("postgres"), OriginKind::built_in);
    inputs.replication = sourced(false, OriginKind::built_in);
    return inputs;
}

inline std::string value_of(const Plan& plan, std::string_view name) {
    const auto* setting = plan.find(name);
    return setting ? setting->value : std::string("(absent)");
}

// A setting's value in its base unit (kB, 8 kB blocks, MB, or a plain number).
inline double numeric_value(const Plan& plan, std::string_view name) {
    const std::string text = value_of(plan, name);
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) ||
                                    text[digits] == '.' || text[digits] == '-')) {
        ++digits;
    }
    const double number = std::stod(text.substr(0, digits));
    const std::string unit = text.substr(digits);
    double bytes_per_unit = 1;
    if (unit == "kB") {
        bytes_per_unit = 1024.0;
    } else if (unit == "MB") {
        bytes_per_unit = 1024.0 * 1024;
    } else if (unit == "GB") {
        bytes_per_unit = 1024.0 * 1024 * 1024;
    } else if (unit == "TB") {
        bytes_per_unit = 1024.0 * 1024 * 1024 * 1024;
    } else {
        REQUIRE_MESSAGE(unit.empty(), name, " has unit ", unit);
        return number;
    }
    const auto* known = find_known_guc(name);
    REQUIRE(known != nullptr);
    const double base = known->unit == GucUnit::kb      ? 1024.0
                        : known->unit == GucUnit::block ? 8192.0
                        : known->unit == GucUnit::mb    ? 1024.0 * 1024
                                                        : 1.0;
    return number * bytes_per_unit / base;
}

} // namespace pgfit::tune::testing
