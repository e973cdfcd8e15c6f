#include "config/planner.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "config/values.hpp"
#include "server/server.hpp"
#include "tune/tuner.hpp"

namespace pgfit::config {

namespace {

// The major the plan is for: --pg-version, else the binary's, else the newest supported.
Result<void> resolve_major(supervise::Supervisor& supervisor, const TuningChoices& choices,
                           PlanOutcome& outcome) {
    if (!outcome.postgres_binary.empty()) {
        auto major = server::postgres_major(supervisor, outcome.postgres_binary,
                                            choices.cache_directory, outcome.notes);
        if (major) {
            outcome.binary_major = *major;
        } else {
            outcome.notes.push_back(major.error().to_string());
        }
    }
    if (choices.pg_version) {
        outcome.inputs.pg_major = *choices.pg_version;
    } else if (outcome.binary_major) {
        auto major =
            parse_pg_version(std::to_string(*outcome.binary_major), outcome.postgres_binary);
        if (!major) {
            return Unexpected{major.error()};
        }
        outcome.inputs.pg_major =
            sourced(*major, OriginKind::detected, outcome.postgres_binary + " --version");
    }
    return {};
}

// The installed candidates; pg_cron too when the operator or the cluster asks for it.
void resolve_preload(supervise::Supervisor& supervisor, const TuningChoices& choices,
                     const Environment& environment, PlanOutcome& outcome) {
    if (choices.preload_libraries) {
        outcome.inputs.preload_libraries = *choices.preload_libraries;
        return;
    }
    if (outcome.postgres_binary.empty()) {
        outcome.inputs.preload_libraries =
            sourced(std::vector<std::string>{}, OriginKind::built_in);
        return;
    }
    const std::string pkglibdir =
        server::server_pkglibdir(supervisor, outcome.postgres_binary, environment);
    auto candidates = outcome.inputs.coefficients.preload_candidates;
    std::string origin = "the .so files in " + pkglibdir;
    if (choices.cron_scheduler.value &&
        std::find(candidates.begin(), candidates.end(), tune::k_cron_library) == candidates.end()) {
        candidates.emplace_back(tune::k_cron_library);
        origin += fmt::format(" ({}: {})", tune::k_cron_library,
                              choices.cron_scheduler.origin.to_string());
    }
    outcome.inputs.preload_libraries = sourced(server::available_libraries(pkglibdir, candidates),
                                               OriginKind::detected, std::move(origin));
}

} // namespace

Result<PlanOutcome> build_plan(supervise::Supervisor& supervisor, const TuningChoices& choices,
                               const Environment& environment, const detect::Resources& resources,
                               const std::string& postgres_binary) {
    PGFIT_TRY_ASSIGN(const auto toml, load_pgfit_toml(choices.config_file));
    PlanOutcome outcome;
    outcome.inputs = resolve_inputs(choices, toml, resources);
    outcome.postgres_binary = postgres_binary;
    if (outcome.postgres_binary.empty()) {
        const auto found = server::find_postgres_binary(environment);
        outcome.postgres_binary = found ? *found : "";
    }

    const std::string& cache_dir = choices.cache_directory;
    PGFIT_TRY(resolve_major(supervisor, choices, outcome));
    resolve_preload(supervisor, choices, environment, outcome);

    const unsigned major = outcome.inputs.pg_major.value;
    if (outcome.binary_major == major) {
        outcome.inputs.catalog =
            server::server_catalog(supervisor, outcome.postgres_binary, cache_dir, outcome.notes);
    }
    outcome.plan = tune::make_plan(outcome.inputs);
    return outcome;
}

} // namespace pgfit::config
