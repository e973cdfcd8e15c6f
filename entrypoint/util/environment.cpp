#include "util/environment.hpp"

extern char** environ;

namespace pgfit {

Environment Environment::from_process() {
    Environment environment;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto equals = text.find('=');
        if (equals == std::string_view::npos) {
            continue;
        }
        environment.m_variables.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return environment;
}

std::optional<std::string> Environment::get(std::string_view name) const {
    const auto found = m_variables.find(name);
    if (found == m_variables.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<std::string> Environment::get_non_empty(std::string_view name) const {
    auto value = get(name);
    if (value && value->empty()) {
        return std::nullopt;
    }
    return value;
}

void Environment::set(std::string name, std::string value) {
    m_variables.insert_or_assign(std::move(name), std::move(value));
}

void Environment::unset(std::string_view name) {
    const auto found = m_variables.find(name);
    if (found != m_variables.end()) {
        m_variables.erase(found);
    }
}

std::vector<std::string> Environment::to_strings() const {
    std::vector<std::string> strings;
    strings.reserve(m_variables.size());
    for (const auto& [name, value] : m_variables) {
        strings.push_back(name + "=" + value);
    }
    return strings;
}

} // namespace pgfit
