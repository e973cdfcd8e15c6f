// The process environment as a value, so code that reads variables can be given any
// environment in tests, and children can be given a scrubbed copy.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgfit {

class Environment {
public:
    Environment() = default;
    explicit Environment(std::map<std::string, std::string, std::less<>> variables)
        : m_variables(std::move(variables)) {}

    // A copy of this process's `environ`.
    static Environment from_process();

    // The value, or nullopt when unset. An empty value is returned as "".
    std::optional<std::string> get(std::string_view name) const;
    // The value when set and non-empty; the official image treats empty as unset.
    std::optional<std::string> get_non_empty(std::string_view name) const;

    void set(std::string name, std::string value);
    void unset(std::string_view name);

    // NAME=value strings, sorted by name, for execve.
    std::vector<std::string> to_strings() const;
    const std::map<std::string, std::string, std::less<>>& variables() const { return m_variables; }

private:
    std::map<std::string, std::string, std::less<>> m_variables;
};

} // namespace pgfit
