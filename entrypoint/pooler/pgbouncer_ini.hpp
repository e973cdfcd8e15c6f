// The values conf/pgbouncer.ini.template is filled with, and the auth_file. Only keys the
// installed PgBouncer accepts are emitted (see pgbouncer_version.hpp).
//
// [databases] entries name host, port and dbname but never user= or password=: PgBouncer then
// logs each client into PostgreSQL as itself, passing its SCRAM secret through (1.14+). The
// auth_file holds one line, the auth user's plain password: PgBouncer needs it in clear text to
// answer the server's SCRAM challenge for the auth_query connection.
#pragma once

#include <string>
#include <string_view>

#include "pooler/pgbouncer_version.hpp"
#include "pooler/pool_sizing.hpp"
#include "pooler/settings.hpp"
#include "pooler/template.hpp"

namespace pgfit::pooler {

// A connection string value: bare when it is only [0-9A-Za-z_.-/], else single-quoted with ''
// for '.
std::string connstring_value(std::string_view value);

// One auth_file line: "user" "password", each with "" for ".
std::string auth_file_line(std::string_view user, std::string_view password);

// Every placeholder of conf/pgbouncer.ini.template.
TemplateValues pgbouncer_ini_values(const PoolerSettings& settings, const PoolSizes& sizes,
                                    const PgBouncerVersion& version,
                                    std::string_view auth_file_path);

} // namespace pgfit::pooler
