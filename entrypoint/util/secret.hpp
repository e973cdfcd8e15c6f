// Secrets the Docker way: a variable NAME, or a file named by NAME_FILE (a Docker or Compose
// secret). The value is returned to the caller only; nothing here logs it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit {

// The value of NAME, or the contents of the file named by NAME_FILE with one trailing newline
// removed; nullopt when neither is set (empty counts as unset). Errors: both set (the official
// image's words: "both NAME and NAME_FILE are set (but are exclusive)"), or the file cannot be
// read (where = NAME_FILE).
Result<std::optional<std::string>> read_secret(const Environment& environment,
                                               std::string_view name);

// `environment` without any secret: every NAME ending in _PASSWORD or _PASSWORD_FILE, and
// libpq's PGPASSWORD and PGPASSFILE. For the environment of children that need none.
Environment without_secrets(Environment environment);

} // namespace pgfit
