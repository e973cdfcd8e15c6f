// The psql variables bound for init SQL files (the contract README.md "Init scripts" documents),
// defined in one place: the documented table below is reproduced in README and always bound (""
// when unset), every POSTGRES_*/PGFIT_*/PGBOUNCER_* variable is bound under its own name except
// secrets, and each secret X_PASSWORD becomes X_PASSWORD_SCRAM, a SCRAM-SHA-256 verifier computed
// client-side. The plain passwords are never bound.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "psql/variable_substitution.hpp"
#include "util/result.hpp"

namespace pgfit::initdb {

using VariableMap = psql::VariableMap;

struct DocumentedVariable {
    const char* name;
    const char* description; // one line, for README
};

// The always-bound names, in README order.
const std::vector<DocumentedVariable>& documented_variables();

// Everything but the verifiers: the environment's bound variables, then the documented names
// with their defaults (a default applies when the variable is unset or empty).
VariableMap plain_script_variables(const config::BootstrapSettings& settings);

// Adds X_PASSWORD_SCRAM for every secret in `settings.secrets`, using `scram(password)`.
Result<void>
add_scram_verifiers(VariableMap& variables, const config::BootstrapSettings& settings,
                    const std::function<Result<std::string>(const std::string&)>& scram);

// True when a replication password was given (replication is then set up at init).
bool replication_enabled(const config::BootstrapSettings& settings);

} // namespace pgfit::initdb
