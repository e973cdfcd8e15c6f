// The entrypoint's argument rules (the official image's docker-entrypoint.sh) and what the
// operator's postgres arguments set.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgfit::settings {

// No arguments → `postgres`; a first argument starting with '-' → `postgres` prepended.
std::vector<std::string> normalize_arguments(std::vector<std::string> args);

// Setup runs only for `postgres` itself (not a path to it) without --help, -?,
// --describe-config, -V or --version anywhere; anything else runs unchanged.
bool is_server_command(const std::vector<std::string>& args);

// A setting the operator chose, with where it was written, e.g. name "shared_buffers", value
// "1GB", source "command line '-c shared_buffers=1GB'".
struct OperatorSetting {
    std::string name; // normalised: see normalize_setting_name
    std::string value;
    std::string source;

    bool operator==(const OperatorSetting&) const = default;
};

// As postgres compares names: ASCII lower case, '-' read as '_'.
std::string normalize_setting_name(std::string_view name);

struct PostgresArguments {
    std::vector<OperatorSetting> settings;     // in command-line order
    std::optional<std::string> data_directory; // -D
};

// What postgres's own option parser would set from `args` (the arguments after "postgres"):
// `-c name=value`, `-cname=value`, `--name=value`, and the short options that are settings
// (-B shared_buffers, -N max_connections, -S work_mem, -p port, -h/-i listen_addresses,
// -k unix_socket_directories, -F fsync, -l ssl), attached or separate values alike.
PostgresArguments parse_postgres_arguments(const std::vector<std::string>& args);

} // namespace pgfit::settings
