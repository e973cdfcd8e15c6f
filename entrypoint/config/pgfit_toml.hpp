// pgfit.toml: the tuner's coefficients and the operator's default inputs. Every key is known
// and checked; an unknown key, a wrong type or a value out of range is an error at
// `file:line:column`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tune/coefficients.hpp"
#include "util/result.hpp"
#include "util/sourced.hpp"

namespace pgfit::config {

struct TomlSettings {
    std::string path; // the file read; empty when none was (built-in values only)
    tune::Coefficients coefficients;
    // [inputs]: below flags and environment, above detection and built-in defaults.
    std::optional<Sourced<Bytes>> memory;
    std::optional<Sourced<double>> cpus;
    std::optional<Sourced<tune::Profile>> profile;
    std::optional<Sourced<tune::Storage>> storage;
    std::optional<Sourced<unsigned>> max_connections;
};

// Parses `text`; positions in errors and origins are `source_name:line:column`.
Result<TomlSettings> parse_pgfit_toml(std::string_view text, const std::string& source_name);

// `configured` (PGFIT_CONFIG; it must exist), else /etc/pgfit/pgfit.toml when it exists, else
// built-in values only.
Result<TomlSettings> load_pgfit_toml(const std::optional<std::string>& configured);

inline constexpr std::string_view k_system_config_path = "/etc/pgfit/pgfit.toml";

} // namespace pgfit::config
