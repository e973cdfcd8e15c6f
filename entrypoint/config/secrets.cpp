#include "config/secrets.hpp"

#include <cstring>
#include <vector>

#include "util/file.hpp"

extern char** environ;

namespace pgfit::config {

bool is_secret_name(std::string_view name) {
    if (name.starts_with("PGBACKREST_")) {
        // pgBackRest's own secrets: the S3 keys, the token, the repository's cipher passphrase.
        for (const std::string_view secret :
             {"_S3_KEY", "_S3_KEY_SECRET", "_S3_TOKEN", "_CIPHER_PASS"}) {
            if (name.ends_with(secret) ||
                (name.ends_with("_FILE") && name.substr(0, name.size() - 5).ends_with(secret))) {
                return true;
            }
        }
    }
    return name.ends_with("_PASSWORD") || name.ends_with("_PASSWORD_FILE") || name == "PGPASSWORD";
}

Environment without_secrets(Environment environment) {
    std::vector<std::string> secrets;
    for (const auto& [name, value] : environment.variables()) {
        if (is_secret_name(name)) {
            secrets.push_back(name);
        }
    }
    for (const auto& name : secrets) {
        environment.unset(name);
    }
    return environment;
}

Result<std::string> read_secret_file(std::string_view variable, const std::string& path,
                                     bool strip_all_newlines) {
    auto content = read_file(path);
    if (!content) {
        return bad_input(std::string(variable), "cannot read secret file '{}': {}", path,
                         std::strerror(content.error().sys_errno));
    }
    std::string value = std::move(*content);
    if (strip_all_newlines) {
        while (!value.empty() && value.back() == '\n') {
            value.pop_back();
        }
    } else if (!value.empty() && value.back() == '\n') {
        value.pop_back();
    }
    return value;
}

Result<std::optional<std::string>> read_secret(const Environment& environment,
                                               const std::string& name) {
    const std::string file_name = name + "_FILE";
    const auto value = environment.get_non_empty(name);
    const auto file = environment.get_non_empty(file_name);
    if (value && file) {
        return bad_input(name, "both {} and {} are set (but are exclusive)", name, file_name);
    }
    if (!file) {
        return value;
    }
    PGFIT_TRY_ASSIGN(auto content, read_secret_file(file_name, *file, false));
    return std::optional<std::string>{std::move(content)};
}

void wipe_secrets_from_process_environment() {
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        char* equals = std::strchr(*entry, '=');
        if (equals == nullptr) {
            continue;
        }
        if (is_secret_name(std::string_view(*entry, static_cast<std::size_t>(equals - *entry)))) {
            // Same length, so the block's layout (and every other variable) stays intact.
            std::memset(equals + 1, '*', std::strlen(equals + 1));
        }
    }
}

} // namespace pgfit::config
