// The official image's paths and pgfit's own, each defined once.
#pragma once

namespace pgfit::config {

inline constexpr const char* k_default_pgdata = "/var/lib/postgresql/data";
inline constexpr const char* k_default_socket_directory = "/var/run/postgresql";
inline constexpr const char* k_user_initdb_directory = "/docker-entrypoint-initdb.d";
inline constexpr const char* k_default_cache_directory = "/var/cache/pgfit";

} // namespace pgfit::config
