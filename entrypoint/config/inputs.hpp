// The tuner's inputs from every source, in precedence order: command-line flag > environment
// > pgfit.toml > detected (or the server's facts) > built-in. Each resolved input keeps its
// origin, so the plan can say where a value came from.
#pragma once

#include <optional>
#include <string>

#include "config/pgfit_toml.hpp"
#include "detect/resources.hpp"
#include "tune/inputs.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

// `pgfit plan` flags exactly as typed; nullopt when not given.
struct Flags {
    std::optional<std::string> memory;
    std::optional<std::string> cpus;
    std::optional<std::string> profile;
    std::optional<std::string> storage;
    std::optional<std::string> pg_version;
    std::optional<std::string> max_connections;
};

// Everything but the server's facts (major version, preload libraries, catalog), which
// `server_facts` adds. Errors name the flag, the variable or `file:line:column`.
Result<tune::Inputs> resolve_inputs(const Flags& flags, const Environment& environment,
                                    const TomlSettings& toml, const detect::Resources& resources);

// The parsers behind resolve_inputs, for the flag or variable named `where`.
Result<unsigned> parse_cpus(std::string_view text, std::string_view where);
Result<unsigned> parse_max_connections(std::string_view text, std::string_view where);
Result<tune::Profile> parse_profile_input(std::string_view text, std::string_view where);
Result<tune::Storage> parse_storage_input(std::string_view text, std::string_view where);
Result<unsigned> parse_pg_version(std::string_view text, std::string_view where);
// A comma list of library names (spaces around names ignored, empty entries dropped).
Result<std::vector<std::string>> parse_library_list(std::string_view text, std::string_view where);

} // namespace pgfit::config
