// The roles pgfit keeps in step (roles/), read from the container's environment at start and
// again on SIGHUP (secret files are read each time, so a rotated file is followed):
// - the passwords of POSTGRES_USER (POSTGRES_PASSWORD[_FILE]), POSTGRES_APP_USER,
//   POSTGRES_MONITOR_USER, POSTGRES_REPLICATION_USER and PGBOUNCER_AUTH_USER (each X_PASSWORD or
//   X_PASSWORD_FILE);
// - the declaration: PGFIT_DATABASES_FILE (TOML, roles/declaration.hpp) and
//   POSTGRES_MULTIPLE_DATABASES; each declared role's password from <NAME>_PASSWORD[_FILE] (or
//   the variable its entry names);
// - POSTGRES_SUPERUSER_LOCAL_ONLY: POSTGRES_USER may log in over the local socket only.
// A secret file that cannot be read or is empty, an unreadable or invalid declaration: an
// ErrorKind::bad_input naming the variable or file.
#pragma once

#include <string>

#include "roles/wanted.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

// `superuser`: POSTGRES_USER as resolved by the bootstrap settings (it may come from a file).
Result<roles::Wanted> read_wanted_roles(const Environment& environment,
                                        const std::string& superuser);

// POSTGRES_SUPERUSER_LOCAL_ONLY (default false).
Result<bool> read_superuser_local_only(const Environment& environment);

} // namespace pgfit::config
