// The postgres program pgfit starts.
#pragma once

#include <string>

#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::cli {

// `postgres` on the PATH of `environment` with symbolic links resolved, else the newest
// `<root>/*/bin/postgres` (Debian and PGDG install each major under /usr/lib/postgresql/<major>).
// Error (ErrorKind::not_found): neither exists.
Result<std::string> find_postgres_binary(const Environment& environment,
                                         const std::string& root = "/usr/lib/postgresql");

} // namespace pgfit::cli
