#include "detect/overrides.hpp"

#include "util/strings.hpp"

namespace pgfit::detect {

Result<double> parse_cpu_count(std::string_view text, std::string_view where) {
    const auto value = parse_decimal(trim(text));
    if (!value || *value <= 0 || *value > k_max_cpus) {
        return fail(std::string(where),
                    "\"{}\" is not a CPU count; use a number greater than 0 and at most {}, "
                    "such as 2 or 1.5",
                    text, k_max_cpus);
    }
    return *value;
}

Result<Overrides> read_overrides(const Environment& environment) {
    Overrides overrides;
    if (const auto memory = environment.get_non_empty("POSTGRES_MEMORY")) {
        auto parsed = parse_memory_size(*memory, "POSTGRES_MEMORY");
        if (!parsed) {
            return Unexpected{parsed.error()};
        }
        overrides.memory = *parsed;
    }
    if (const auto cpus = environment.get_non_empty("POSTGRES_CPUS")) {
        auto parsed = parse_cpu_count(*cpus, "POSTGRES_CPUS");
        if (!parsed) {
            return Unexpected{parsed.error()};
        }
        overrides.cpus = *parsed;
    }
    return overrides;
}

} // namespace pgfit::detect
