// The one place where an error becomes what the user sees and the exit code pgfit ends with:
// ErrorKind::bad_input → 2, not_found → 127, stopped → 128 + signal, failed → 1. The official
// image's own texts (`verbatim`) are printed exactly as they are; everything else is one
// `pgfit: error:` line naming where the error is.
#pragma once

#include "util/result.hpp"

namespace pgfit::cli {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failed = 1;
inline constexpr int k_exit_bad_input = 2;

int exit_code_for(const Error& error);

// Prints `error` and returns its exit code.
int exit_with(const Error& error);

// The value of `result`, or the printed error's exit code.
inline int exit_status(const Result<int>& result) {
    return result ? *result : exit_with(result.error());
}

} // namespace pgfit::cli
