// The static settings the official image gets from its edited postgresql.conf.sample
// (`listen_addresses = '*'`), appended to PGDATA/postgresql.conf at init. The text is
// /etc/pgfit/postgresql-base.conf when that file exists (operators may mount their own), else
// pgfit's built-in copy of conf/postgresql-base.conf (a unit test keeps the two identical).
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::initdb {

inline constexpr const char* k_base_conf_path = "/etc/pgfit/postgresql-base.conf";

std::string_view builtin_base_conf();

// The file at `path` if it exists, else the built-in text.
Result<std::string> load_base_conf(const std::string& path = k_base_conf_path);

} // namespace pgfit::initdb
