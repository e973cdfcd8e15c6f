// The postgres program pgfit starts and the environment it gets.
#pragma once

#include <string>

#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::cli {

// What the real server gets: `environment` without secrets (every *_PASSWORD and
// *_PASSWORD_FILE variable, PGPASSWORD), with PGDATA set to `data_directory` when
// `data_directory_flag` is false (no -D on the command line).
Environment server_environment(Environment environment, const std::string& data_directory,
                               bool data_directory_flag);

} // namespace pgfit::cli
