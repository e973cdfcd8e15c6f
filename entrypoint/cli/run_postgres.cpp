#include "cli/run_postgres.hpp"

#include <filesystem>
#include <unistd.h>

#include "supervise/spawn.hpp"
#include "util/strings.hpp"

namespace pgfit::cli {

Result<std::string> find_postgres_binary(const Environment& environment, const std::string& root) {
    const auto on_path = supervise::resolve_command("postgres", environment);
    if (on_path.error == 0) {
        // Through links to the installation (e.g. /usr/local/bin/postgres ->
        // /usr/lib/postgresql/15/bin/postgres): its directory also holds initdb, pg_controldata.
        std::error_code error;
        const auto real = std::filesystem::canonical(on_path.path, error);
        return error ? on_path.path : real.string();
    }
    std::string newest;
    double newest_version = -1;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(root, ignored)) {
        const auto version = parse_decimal(entry.path().filename().string());
        const auto candidate = entry.path() / "bin" / "postgres";
        if (version && *version > newest_version && ::access(candidate.c_str(), X_OK) == 0) {
            newest = candidate.string();
            newest_version = *version;
        }
    }
    if (newest.empty()) {
        auto missing =
            fail("postgres", "cannot find the postgres program: not in PATH '{}' nor in {}/*/bin",
                 environment.get("PATH").value_or(supervise::k_default_path), root);
        missing.error.kind = ErrorKind::not_found;
        return missing;
    }
    return newest;
}

} // namespace pgfit::cli
