#include "config/tuning_choices.hpp"

#include "config/backup_variables.hpp"
#include "config/defaults.hpp"
#include "config/replication_role.hpp"
#include "config/values.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

struct Text {
    std::string value;
    Origin origin;
};

// The flag, else the first of `names` that is set and non-empty.
std::optional<Text> pick(const std::optional<std::string>& flag, std::string_view flag_name,
                         const Environment& environment, std::initializer_list<const char*> names) {
    if (flag) {
        return Text{*flag, Origin{OriginKind::flag, std::string(flag_name)}};
    }
    for (const char* name : names) {
        if (auto value = environment.get_non_empty(name)) {
            return Text{*value, Origin{OriginKind::env, name}};
        }
    }
    return std::nullopt;
}

// The parsed value of `text` with its origin; nullopt when nothing was given.
template <typename Parse>
auto parsed(const std::optional<Text>& text, Parse parse) -> Result<std::optional<
    Sourced<typename decltype(parse(std::string_view{}, std::string_view{}))::value_type>>> {
    using T = typename decltype(parse(std::string_view{}, std::string_view{}))::value_type;
    if (!text) {
        return std::optional<Sourced<T>>{};
    }
    PGFIT_TRY_ASSIGN(T value, parse(text->value, text->origin.detail));
    return std::optional<Sourced<T>>{Sourced<T>{std::move(value), text->origin}};
}

Result<Sourced<bool>> read_replication(const Environment& environment) {
    PGFIT_TRY_ASSIGN(const auto role, read_replication_role(environment));
    if (role) {
        return sourced(true, OriginKind::env, role->origin.detail);
    }
    for (const char* name :
         {"POSTGRES_REPLICATION_PASSWORD", "POSTGRES_REPLICATION_PASSWORD_FILE"}) {
        if (environment.get_non_empty(name)) {
            return sourced(true, OriginKind::env, std::string(name) + " is set");
        }
    }
    return sourced(false, OriginKind::built_in);
}

// Not POSTGRES_DB: the scheduler's session would keep the application's database busy, and
// CREATE DATABASE ... TEMPLATE or DROP DATABASE of it would fail.
Sourced<std::string> read_cron_database(const Environment& environment) {
    if (auto value = environment.get_non_empty("POSTGRES_CRON_DATABASE")) {
        return sourced(*value, OriginKind::env, "POSTGRES_CRON_DATABASE");
    }
    return sourced(std::string("postgres"), OriginKind::built_in);
}

Sourced<bool> read_cron_scheduler(const Environment& environment) {
    if (environment.get_non_empty("POSTGRES_CRON_DATABASE")) {
        return sourced(true, OriginKind::env, "POSTGRES_CRON_DATABASE");
    }
    const auto required = environment.get_non_empty("POSTGRES_EXTENSIONS").value_or("");
    for (const auto name : split(required, ',')) {
        if (trim(name) == tune::k_cron_library) {
            return sourced(true, OriginKind::env, "POSTGRES_EXTENSIONS");
        }
    }
    return sourced(false, OriginKind::built_in);
}

} // namespace

Result<TuningChoices> read_tuning_choices(const Flags& flags, const Environment& environment) {
    TuningChoices choices;
    choices.beside_postgres = backup_memory_reserve(environment);
    PGFIT_TRY_ASSIGN(choices.memory,
                     parsed(pick(flags.memory, "--memory", environment, {"POSTGRES_MEMORY"}),
                            [](std::string_view text, std::string_view where) {
                                return parse_memory_size(text, where);
                            }));
    PGFIT_TRY_ASSIGN(
        choices.cpus,
        parsed(pick(flags.cpus, "--cpus", environment, {"POSTGRES_CPUS"}), parse_cpu_count));
    PGFIT_TRY_ASSIGN(choices.profile, parsed(pick(flags.profile, "--profile", environment,
                                                  {"POSTGRES_WORKLOAD", "POSTGRES_WORKLOAD_TYPE"}),
                                             parse_profile_input));
    PGFIT_TRY_ASSIGN(choices.storage, parsed(pick(flags.storage, "--storage", environment,
                                                  {"POSTGRES_STORAGE", "POSTGRES_STORAGE_TYPE"}),
                                             parse_storage_input));
    PGFIT_TRY_ASSIGN(choices.max_connections,
                     parsed(pick(flags.max_connections, "--max-connections", environment,
                                 {"POSTGRES_MAX_CONNECTIONS"}),
                            parse_max_connections));
    PGFIT_TRY_ASSIGN(
        choices.pg_version,
        parsed(pick(flags.pg_version, "--pg-version", Environment{}, {}), parse_pg_version));
    if (const auto text = environment.get("POSTGRES_SHARED_PRELOAD_LIBRARIES")) {
        PGFIT_TRY_ASSIGN(auto libraries,
                         parse_library_list(*text, "POSTGRES_SHARED_PRELOAD_LIBRARIES"));
        choices.preload_libraries =
            sourced(std::move(libraries), OriginKind::env, "POSTGRES_SHARED_PRELOAD_LIBRARIES");
    }
    PGFIT_TRY_ASSIGN(choices.replication, read_replication(environment));
    choices.cron_database = read_cron_database(environment);
    choices.cron_scheduler = read_cron_scheduler(environment);
    choices.config_file = environment.get_non_empty("PGFIT_CONFIG");
    choices.cache_directory =
        environment.get_non_empty("PGFIT_CACHE_DIR").value_or(k_default_cache_directory);
    return choices;
}

detect::DetectOptions detect_options(const TuningChoices& choices) {
    detect::DetectOptions options;
    options.memory = choices.memory;
    options.cpus = choices.cpus;
    return options;
}

} // namespace pgfit::config
