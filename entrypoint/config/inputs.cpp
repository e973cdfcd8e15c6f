#include "config/inputs.hpp"

#include <cmath>

#include "util/strings.hpp"

namespace pgfit::config {

namespace {

// The first of `names` that is set and non-empty, with its name.
std::optional<std::pair<std::string, std::string>>
first_set(const Environment& environment, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (auto value = environment.get_non_empty(name)) {
            return std::pair{std::string(name), *value};
        }
    }
    return std::nullopt;
}

// Flag, else the first set variable of `names`: the text and where it came from.
std::optional<std::pair<std::string, Origin>> pick(const std::optional<std::string>& flag,
                                                   std::string_view flag_name,
                                                   const Environment& environment,
                                                   std::initializer_list<const char*> names) {
    if (flag) {
        return std::pair{*flag, Origin{OriginKind::flag, std::string(flag_name)}};
    }
    if (auto found = first_set(environment, names)) {
        return std::pair{found->second, Origin{OriginKind::env, found->first}};
    }
    return std::nullopt;
}

template <typename T, typename Parse>
Result<std::optional<Sourced<T>>> resolve(const std::optional<std::pair<std::string, Origin>>& text,
                                          Parse parse) {
    if (!text) {
        return std::optional<Sourced<T>>{};
    }
    auto value = parse(text->first, text->second.detail);
    if (!value) {
        return Unexpected{value.error()};
    }
    return std::optional<Sourced<T>>{Sourced<T>{*value, text->second}};
}

Result<tune::Inputs> resolve_choices(const Flags& flags, const Environment& environment,
                                     const TomlSettings& toml, tune::Inputs inputs) {
    auto profile = resolve<tune::Profile>(pick(flags.profile, "--profile", environment,
                                               {"POSTGRES_WORKLOAD", "POSTGRES_WORKLOAD_TYPE"}),
                                          parse_profile_input);
    if (!profile) {
        return Unexpected{profile.error()};
    }
    inputs.profile = profile->value_or(
        toml.profile.value_or(sourced(tune::Profile::mixed, OriginKind::built_in)));

    auto storage = resolve<tune::Storage>(pick(flags.storage, "--storage", environment,
                                               {"POSTGRES_STORAGE", "POSTGRES_STORAGE_TYPE"}),
                                          parse_storage_input);
    if (!storage) {
        return Unexpected{storage.error()};
    }
    inputs.storage =
        storage->value_or(toml.storage.value_or(sourced(tune::Storage::ssd, OriginKind::built_in)));

    auto connections = resolve<unsigned>(
        pick(flags.max_connections, "--max-connections", environment, {"POSTGRES_MAX_CONNECTIONS"}),
        parse_max_connections);
    if (!connections) {
        return Unexpected{connections.error()};
    }
    inputs.max_connections = *connections ? *connections : toml.max_connections;
    return inputs;
}

Result<Sourced<bool>> resolve_replication(const Environment& environment) {
    if (auto role = environment.get_non_empty("POSTGRES_REPLICATION_ROLE")) {
        if (*role != "primary" && *role != "replica") {
            return fail("POSTGRES_REPLICATION_ROLE",
                        "\"{}\" is not a replication role; use primary or replica", *role);
        }
        return sourced(true, OriginKind::env, "POSTGRES_REPLICATION_ROLE=" + *role);
    }
    if (auto mode = environment.get_non_empty("POSTGRESQL_REPLICATION_MODE")) {
        if (*mode != "master" && *mode != "slave") {
            return fail("POSTGRESQL_REPLICATION_MODE",
                        "\"{}\" is not a replication mode; use master or slave", *mode);
        }
        return sourced(true, OriginKind::env, "POSTGRESQL_REPLICATION_MODE=" + *mode);
    }
    for (const char* name :
         {"POSTGRES_REPLICATION_PASSWORD", "POSTGRES_REPLICATION_PASSWORD_FILE"}) {
        if (environment.get_non_empty(name)) {
            return sourced(true, OriginKind::env, std::string(name) + " is set");
        }
    }
    return sourced(false, OriginKind::built_in);
}

Sourced<std::string> resolve_cron_database(const Environment& environment) {
    if (auto found =
            first_set(environment, {"POSTGRES_CRON_DATABASE", "POSTGRES_DB", "POSTGRES_USER"})) {
        return sourced(found->second, OriginKind::env, found->first);
    }
    return sourced(std::string("postgres"), OriginKind::built_in);
}

} // namespace

Result<unsigned> parse_cpus(std::string_view text, std::string_view where) {
    const auto value = parse_decimal(trim(text));
    if (!value || *value <= 0 || *value > 100000) {
        return fail(std::string(where),
                    "\"{}\" is not a number of CPUs; use a number greater than 0, e.g. 2 or 1.5",
                    text);
    }
    return static_cast<unsigned>(std::ceil(*value));
}

Result<unsigned> parse_max_connections(std::string_view text, std::string_view where) {
    const auto value = parse_uint64(trim(text));
    if (!value || *value < 1 || *value > 262143) {
        return fail(std::string(where),
                    "\"{}\" is not a number of connections; use a whole number from 1 to 262143",
                    text);
    }
    return static_cast<unsigned>(*value);
}

Result<tune::Profile> parse_profile_input(std::string_view text, std::string_view where) {
    const auto profile = tune::parse_profile(to_lower(trim(text)));
    if (!profile) {
        return fail(std::string(where), "\"{}\" is not a profile; use one of {}", text,
                    tune::profile_names());
    }
    return *profile;
}

Result<tune::Storage> parse_storage_input(std::string_view text, std::string_view where) {
    const std::string name = to_lower(trim(text));
    // PGTune's and aza-pg's names for the same kinds.
    const std::string canonical = name == "san" ? "network" : name == "nvme" ? "ssd" : name;
    const auto storage = tune::parse_storage(canonical);
    if (!storage) {
        return fail(std::string(where),
                    "\"{}\" is not a storage kind; use one of {} (san and nvme are accepted as "
                    "network and ssd)",
                    text, tune::storage_names());
    }
    return *storage;
}

Result<unsigned> parse_pg_version(std::string_view text, std::string_view where) {
    const auto value = parse_uint64(trim(text));
    if (!value || *value < tune::k_oldest_major || *value > tune::k_newest_major) {
        return fail(std::string(where),
                    "\"{}\" is not a supported PostgreSQL major version; use {} to {}", text,
                    tune::k_oldest_major, tune::k_newest_major);
    }
    return static_cast<unsigned>(*value);
}

Result<std::vector<std::string>> parse_library_list(std::string_view text, std::string_view where) {
    std::vector<std::string> names;
    for (const auto field : split(text, ',')) {
        const auto name = trim(field);
        if (name.empty()) {
            continue;
        }
        for (const char c : name) {
            const bool ok = is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            c == '_' || c == '-' || c == '.' || c == '/' || c == '$';
            if (!ok) {
                return fail(std::string(where),
                            "\"{}\" is not a library name; use a comma list of names such as "
                            "pg_stat_statements,pg_cron",
                            name);
            }
        }
        names.emplace_back(name);
    }
    return names;
}

Result<tune::Inputs> resolve_inputs(const Flags& flags, const Environment& environment,
                                    const TomlSettings& toml, const detect::Resources& resources) {
    tune::Inputs inputs;
    inputs.coefficients = toml.coefficients;

    auto memory = resolve<Bytes>(pick(flags.memory, "--memory", environment, {"POSTGRES_MEMORY"}),
                                 [](std::string_view text, std::string_view where) {
                                     return parse_memory_size(text, where);
                                 });
    if (!memory) {
        return Unexpected{memory.error()};
    }
    inputs.memory = memory->value_or(toml.memory.value_or(resources.memory));

    auto cpus =
        resolve<unsigned>(pick(flags.cpus, "--cpus", environment, {"POSTGRES_CPUS"}), parse_cpus);
    if (!cpus) {
        return Unexpected{cpus.error()};
    }
    if (*cpus) {
        inputs.cpus = **cpus;
    } else if (toml.cpus) {
        inputs.cpus = Sourced<unsigned>{static_cast<unsigned>(std::ceil(toml.cpus->value)),
                                        toml.cpus->origin};
    } else {
        inputs.cpus = resources.cpus;
    }
    inputs.shm = resources.shm;
    inputs.huge_pages_available = resources.huge_pages_available;

    auto replication = resolve_replication(environment);
    if (!replication) {
        return Unexpected{replication.error()};
    }
    inputs.replication = *replication;
    inputs.cron_database = resolve_cron_database(environment);
    inputs.pg_major = sourced(tune::k_newest_major, OriginKind::built_in);
    return resolve_choices(flags, environment, toml, std::move(inputs));
}

} // namespace pgfit::config
