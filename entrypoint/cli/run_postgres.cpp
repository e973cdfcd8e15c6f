#include "cli/run_postgres.hpp"

namespace pgfit::cli {

Environment server_environment(Environment environment, const std::string& data_directory,
                               bool data_directory_flag) {
    std::vector<std::string> secrets;
    for (const auto& [name, value] : environment.variables()) {
        if (name.ends_with("_PASSWORD") || name.ends_with("_PASSWORD_FILE") ||
            name == "PGPASSWORD") {
            secrets.push_back(name);
        }
    }
    for (const auto& name : secrets) {
        environment.unset(name);
    }
    if (!data_directory_flag) {
        environment.set("PGDATA", data_directory);
    }
    return environment;
}

} // namespace pgfit::cli
