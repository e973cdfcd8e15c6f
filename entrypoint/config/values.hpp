// One parser per kind of value pgfit reads, shared by every flag, variable and pgfit.toml key
// that holds that kind, so the same text is accepted or refused the same way wherever it is
// typed. Errors are ErrorKind::bad_input, name `where` (the flag, variable or position) and
// say which forms are accepted.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "tune/profile.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

inline constexpr double k_max_cpus = 4096;

// true/false, 1/0, yes/no, on/off (any case, spaces around ignored).
Result<bool> parse_switch(std::string_view text, std::string_view where);

// The switch in variable `name`; `when_unset` when it is unset or empty.
Result<bool> read_switch(const Environment& environment, std::string_view name,
                         bool when_unset = false);

// Seconds as a decimal number ("8", "2.5"), or a number with a unit: ms, s, min ("500ms",
// "8s", "1min"); at most a day.
Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view where);

// A TCP port, 1 to 65535.
Result<int> parse_tcp_port(std::string_view text, std::string_view where);

// A CPU count such as `2`, `1.5` or `0.5`: a decimal > 0 and at most k_max_cpus.
Result<double> parse_cpu_count(std::string_view text, std::string_view where);

// 1 to 262143 (PostgreSQL's MAX_BACKENDS).
Result<unsigned> parse_max_connections(std::string_view text, std::string_view where);

// A workload profile (web, oltp, dw, mixed, desktop; any case).
Result<tune::Profile> parse_profile_input(std::string_view text, std::string_view where);

// A storage kind (ssd, hdd, network; PGTune's san and aza-pg's nvme as network and ssd).
Result<tune::Storage> parse_storage_input(std::string_view text, std::string_view where);

// A supported PostgreSQL major version (tune::k_oldest_major to tune::k_newest_major).
Result<unsigned> parse_pg_version(std::string_view text, std::string_view where);

// A comma list of library names (spaces around names ignored, empty entries dropped).
Result<std::vector<std::string>> parse_library_list(std::string_view text, std::string_view where);

// libpq's sslmode (also PgBouncer's server_tls_sslmode): disable, allow, prefer, require,
// verify-ca or verify-full, any case; returned in lower case.
Result<std::string> parse_sslmode(std::string_view text, std::string_view where);

enum class ReplicationRole { primary, replica };

// POSTGRES_REPLICATION_ROLE's values: primary or replica (any case, spaces around ignored).
Result<ReplicationRole> parse_replication_role(std::string_view text, std::string_view where);

// Bitnami's POSTGRESQL_REPLICATION_MODE: master (a primary) or slave (a replica).
Result<ReplicationRole> parse_replication_mode(std::string_view text, std::string_view where);

// What to do about databases whose recorded collation version differs from the library's.
enum class CollationRefresh { warn, reindex, off };

// PGFIT_REFRESH_COLLATION's values: warn, reindex or off (any case, spaces around ignored).
Result<CollationRefresh> parse_collation_refresh(std::string_view text, std::string_view where);

} // namespace pgfit::config
