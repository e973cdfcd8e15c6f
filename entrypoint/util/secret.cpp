#include "util/secret.hpp"

#include <cstring>
#include <vector>

#include "util/file.hpp"

namespace pgfit {

Result<std::optional<std::string>> read_secret(const Environment& environment,
                                               std::string_view name) {
    const std::string file_name = std::string(name) + "_FILE";
    const auto value = environment.get_non_empty(name);
    const auto file = environment.get_non_empty(file_name);
    if (value && file) {
        return fail(std::string(name), "both {} and {} are set (but are exclusive)", name,
                    file_name);
    }
    if (value) {
        return std::optional<std::string>(*value);
    }
    if (!file) {
        return std::optional<std::string>();
    }
    auto content = read_file(*file);
    if (!content) {
        return fail(file_name, "cannot read '{}': {}", *file,
                    std::strerror(content.error().sys_errno));
    }
    if (!content->empty() && content->back() == '\n') {
        content->pop_back();
    }
    return std::optional<std::string>(std::move(*content));
}

Environment without_secrets(Environment environment) {
    std::vector<std::string> secrets;
    for (const auto& [name, value] : environment.variables()) {
        const std::string_view view(name);
        const auto ends_with = [&](std::string_view suffix) {
            return view.size() >= suffix.size() &&
                   view.substr(view.size() - suffix.size()) == suffix;
        };
        if (ends_with("_PASSWORD") || ends_with("_PASSWORD_FILE") || view == "PGPASSWORD" ||
            view == "PGPASSFILE") {
            secrets.push_back(name);
        }
    }
    for (const auto& name : secrets) {
        environment.unset(name);
    }
    return environment;
}

} // namespace pgfit
