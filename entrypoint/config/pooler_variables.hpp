// `pgfit pgbouncer`'s variables (PGBOUNCER_*, PGFIT_PGBOUNCER_TEMPLATE), read into
// pooler::PoolerSettings. Errors are ErrorKind::bad_input, name the variable and list the
// accepted forms.
#pragma once

#include "pooler/settings.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

Result<pooler::PoolerSettings> read_pooler_settings(const Environment& environment);

} // namespace pgfit::config
