// Errors as values. `Result<T>` is spelled like C++23's std::expected (has_value, value, error,
// operator*, operator->) so a later switch is mechanical; it exists because the clang 14 fuzz
// build has no <expected>.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace pgfit {

// What went wrong and where: a variable name, `file:line:column`, a path. The layer that knows
// the position fills `where`; `sys_errno` keeps the errno of a failed system call (0 otherwise).
struct Error {
    std::string where;
    std::string message;
    int sys_errno = 0;

    std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

struct Unexpected {
    Error error;
};

inline Unexpected fail(Error error) {
    return Unexpected{std::move(error)};
}

template <typename... Args>
Unexpected fail(std::string where, fmt::format_string<Args...> format, Args&&... args) {
    return Unexpected{Error{std::move(where), fmt::format(format, std::forward<Args>(args)...)}};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Unexpected unexpected) : m_state(std::in_place_index<1>, std::move(unexpected.error)) {}

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { return check(), std::get<0>(m_state); }
    const T& value() const& { return check(), std::get<0>(m_state); }
    T&& value() && { return check(), std::get<0>(std::move(m_state)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(m_state); }

private:
    void check() const {
        if (!has_value()) {
            throw std::logic_error("value() on an error result: " + error().to_string());
        }
    }
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Unexpected unexpected) : m_error(std::move(unexpected.error)) {}

    bool has_value() const { return !m_error.has_value(); }
    explicit operator bool() const { return has_value(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

// Returns early from the enclosing function with the error of `expr`, if any.
#define PGFIT_TRY(expr)                                                                            \
    do {                                                                                           \
        if (auto pgfit_try_result = (expr); !pgfit_try_result) {                                   \
            return ::pgfit::Unexpected{pgfit_try_result.error()};                                  \
        }                                                                                          \
    } while (false)

} // namespace pgfit
