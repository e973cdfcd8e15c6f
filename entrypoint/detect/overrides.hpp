// The operator's overrides of detection: POSTGRES_MEMORY and POSTGRES_CPUS.
#pragma once

#include <optional>
#include <string_view>

#include "util/bytes.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::detect {

inline constexpr double k_max_cpus = 4096;

struct Overrides {
    std::optional<Bytes> memory; // POSTGRES_MEMORY
    std::optional<double> cpus;  // POSTGRES_CPUS
};

// Unset or empty variables give no override; malformed ones are errors naming the variable
// and the accepted forms.
Result<Overrides> read_overrides(const Environment& environment);

// A CPU count such as `2`, `1.5` or `0.5`: a decimal > 0 and at most k_max_cpus.
Result<double> parse_cpu_count(std::string_view text, std::string_view where);

} // namespace pgfit::detect
