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

// What kind of failure an error is; only cli/ turns a kind into an exit code.
enum class ErrorKind {
    failed,    // a runtime failure (exit 1)
    bad_input, // a malformed variable, flag or file: the error names it (exit 2)
    not_found, // a program that is not installed (exit 127, as a shell)
    stopped,   // a stop signal arrived before the work finished (exit 128 + signal)
};

// What went wrong and where: a variable name, `file:line:column`, a path. The layer that knows
// the position fills `where`; `sys_errno` keeps the errno of a failed system call (0 otherwise).
// `verbatim` errors are the official image's own texts, printed exactly as they are.
struct Error {
    std::string where;
    std::string message;
    int sys_errno = 0;
    ErrorKind kind = ErrorKind::failed;
    int signal = 0; // the stop signal, for ErrorKind::stopped
    bool verbatim = false;

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

// A malformed input named by `where` (exit 2).
template <typename... Args>
Unexpected bad_input(std::string where, fmt::format_string<Args...> format, Args&&... args) {
    auto unexpected = fail(std::move(where), format, std::forward<Args>(args)...);
    unexpected.error.kind = ErrorKind::bad_input;
    return unexpected;
}

// The official image's message, printed as it is (exit 1 unless `kind` says otherwise).
inline Unexpected official(std::string text, ErrorKind kind = ErrorKind::failed) {
    Error error{"", std::move(text)};
    error.kind = kind;
    error.verbatim = true;
    return Unexpected{std::move(error)};
}

// A stop signal ended the work (exit 128 + signal).
inline Unexpected stopped(int signal, std::string message) {
    Error error{"", std::move(message)};
    error.kind = ErrorKind::stopped;
    error.signal = signal;
    return Unexpected{std::move(error)};
}

template <typename T>
class [[nodiscard]] Result {
public:
    using value_type = T;

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

// `result`, with its error (if any) marked as bad input: for parsers that do not know that
// their text came from the operator.
template <typename T>
Result<T> as_bad_input(Result<T> result) {
    if (result) {
        return result;
    }
    Error error = result.error();
    error.kind = ErrorKind::bad_input;
    return Unexpected{std::move(error)};
}

// Returns early from the enclosing function with the error of `expr`, if any.
#define PGFIT_TRY(expr)                                                                            \
    do {                                                                                           \
        if (auto pgfit_try_result = (expr); !pgfit_try_result) {                                   \
            return ::pgfit::Unexpected{pgfit_try_result.error()};                                  \
        }                                                                                          \
    } while (false)

#define PGFIT_CONCAT_INNER(a, b) a##b
#define PGFIT_CONCAT(a, b) PGFIT_CONCAT_INNER(a, b)

// `PGFIT_TRY_ASSIGN(const auto port, read_port(environment));` declares `port` from the value
// of `expr`, or returns early from the enclosing function with its error.
#define PGFIT_TRY_ASSIGN(declaration, expr)                                                        \
    auto PGFIT_CONCAT(pgfit_try_assign_, __LINE__) = (expr);                                       \
    if (!PGFIT_CONCAT(pgfit_try_assign_, __LINE__)) {                                              \
        return ::pgfit::Unexpected{PGFIT_CONCAT(pgfit_try_assign_, __LINE__).error()};             \
    }                                                                                              \
    declaration = std::move(*PGFIT_CONCAT(pgfit_try_assign_, __LINE__))

} // namespace pgfit
