// pg_controldata, the installed server's view of a cluster's pg_control: run under the
// supervisor in the C locale (its labels are translated otherwise), and its lines looked up by
// label. Used by replica/ (the primary's minimums, the system identifier of a clone) and initdb/
// (where the template's identity sits in its pg_control).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::server {

// `<bindir>/pg_controldata -D pgdata`: its output. Error (where = pg_controldata): it could not
// run, or failed (its first line of stderr).
Result<std::string> run_controldata(supervise::Supervisor& supervisor, const std::string& bindir,
                                    const std::string& pgdata, const Environment& environment);

// The value after "<label>:" in pg_controldata's output, trimmed; nullopt when no line has it.
std::optional<std::string_view> controldata_field(std::string_view output, std::string_view label);

} // namespace pgfit::server
