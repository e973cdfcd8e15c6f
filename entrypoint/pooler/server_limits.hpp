// Asks the live PostgreSQL server, as the auth user, for the limits the pools must fit in.
#pragma once

#include "pooler/pool_sizing.hpp"
#include "pooler/settings.hpp"
#include "util/result.hpp"

namespace pgfit::pooler {

// Connects over TCP to settings.server_host:server_port, database settings.databases[0], as
// the auth user with its password (passed to libpq as a parameter: never in argv or the
// environment). While the server does not answer or is still starting, retries with a growing
// pause (0.25 s doubling to 2 s) for up to settings.wait_seconds, logging every 10 s. An answer
// that refuses the login (wrong password, no such role, pg_hba) fails at once.
Result<ServerLimits> query_server_limits(const PoolerSettings& settings);

} // namespace pgfit::pooler
