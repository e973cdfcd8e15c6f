#include "config/planner.hpp"

#include "server/server.hpp"
#include "tune/tuner.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

// The major the plan is for: --pg-version, else the binary's, else the newest supported.
Result<void> resolve_major(const Flags& flags, const std::string& cache_dir, PlanOutcome& outcome,
                           std::optional<unsigned>& binary_major) {
    if (!outcome.postgres_binary.empty()) {
        auto major = server::postgres_major(outcome.postgres_binary, cache_dir, outcome.notes);
        if (major) {
            binary_major = *major;
        } else {
            outcome.notes.push_back(major.error().to_string());
        }
    }
    if (flags.pg_version) {
        auto major = parse_pg_version(*flags.pg_version, "--pg-version");
        if (!major) {
            return Unexpected{major.error()};
        }
        outcome.inputs.pg_major = sourced(*major, OriginKind::flag, "--pg-version");
    } else if (binary_major) {
        auto major = parse_pg_version(std::to_string(*binary_major), outcome.postgres_binary);
        if (!major) {
            return Unexpected{major.error()};
        }
        outcome.inputs.pg_major =
            sourced(*major, OriginKind::detected, outcome.postgres_binary + " --version");
    }
    return {};
}

Result<void> resolve_preload(const Environment& environment, PlanOutcome& outcome) {
    const auto& candidates = outcome.inputs.coefficients.preload_candidates;
    if (auto text = environment.get("POSTGRES_SHARED_PRELOAD_LIBRARIES")) {
        auto libraries = parse_library_list(*text, "POSTGRES_SHARED_PRELOAD_LIBRARIES");
        if (!libraries) {
            return Unexpected{libraries.error()};
        }
        outcome.inputs.preload_libraries =
            sourced(*libraries, OriginKind::env, "POSTGRES_SHARED_PRELOAD_LIBRARIES");
        return {};
    }
    if (outcome.postgres_binary.empty()) {
        outcome.inputs.preload_libraries =
            sourced(std::vector<std::string>{}, OriginKind::built_in);
        return {};
    }
    const std::string pkglibdir = server::server_pkglibdir(outcome.postgres_binary, environment);
    outcome.inputs.preload_libraries =
        sourced(server::available_libraries(pkglibdir, candidates), OriginKind::detected,
                "the .so files in " + pkglibdir);
    return {};
}

bool holds_cluster_of(const std::string& data_dir, unsigned major) {
    if (data_dir.empty()) {
        return false;
    }
    auto version = read_file(data_dir + "/PG_VERSION");
    return version && parse_uint64(trim(*version)) == major;
}

} // namespace

Result<PlanOutcome> build_plan(const Flags& flags, const Environment& environment,
                               const detect::Resources& resources,
                               const std::string& postgres_binary, const std::string& data_dir) {
    auto toml = load_pgfit_toml(environment);
    if (!toml) {
        return Unexpected{toml.error()};
    }
    auto inputs = resolve_inputs(flags, environment, *toml, resources);
    if (!inputs) {
        return Unexpected{inputs.error()};
    }
    PlanOutcome outcome;
    outcome.inputs = std::move(*inputs);
    outcome.postgres_binary = postgres_binary;
    if (outcome.postgres_binary.empty()) {
        const auto found = server::find_postgres_binary(environment);
        outcome.postgres_binary = found ? *found : "";
    }

    const std::string cache_dir = server::cache_directory(environment);
    std::optional<unsigned> binary_major;
    PGFIT_TRY(resolve_major(flags, cache_dir, outcome, binary_major));
    PGFIT_TRY(resolve_preload(environment, outcome));

    const unsigned major = outcome.inputs.pg_major.value;
    if (binary_major == major) {
        outcome.inputs.catalog =
            server::server_catalog(outcome.postgres_binary, cache_dir, outcome.notes);
    }
    outcome.plan = tune::make_plan(outcome.inputs);

    if (binary_major == major && major >= 15 && holds_cluster_of(data_dir, major)) {
        const auto measured = server::measured_shared_memory(
            outcome.postgres_binary, data_dir, outcome.plan.settings, cache_dir, outcome.notes);
        if (measured) {
            outcome.inputs.shared_measurement =
                tune::Inputs::SharedMeasurement{*measured, outcome.plan.budget.shared};
            outcome.plan = tune::make_plan(outcome.inputs);
        }
    }
    return outcome;
}

} // namespace pgfit::config
