#include "config/pgfit_toml.hpp"

#include <functional>
#include <map>

#include <toml++/toml.h>

#include "config/values.hpp"
#include "util/file.hpp"

namespace pgfit::config {

namespace {

using tune::Coefficients;
using tune::ProfileCoefficients;
using tune::StorageCoefficients;

std::string position(const toml::source_region& region, const std::string& source_name) {
    return fmt::format("{}:{}:{}", source_name, region.begin.line, region.begin.column);
}

// One known key: how to check its node and where to store it.
using Apply = std::function<Result<void>(const toml::node&, const std::string& where,
                                         const std::string& key, TomlSettings&)>;

std::optional<double> number_of(const toml::node& node) {
    if (const auto integer = node.value_exact<std::int64_t>()) {
        return static_cast<double>(*integer);
    }
    return node.value_exact<double>();
}

Apply ratio(std::function<double&(TomlSettings&)> field) {
    return [field](const toml::node& node, const std::string& where, const std::string& key,
                   TomlSettings& out) -> Result<void> {
        const auto value = number_of(node);
        if (!value || !(*value > 0.0 && *value <= 1.0)) {
            return bad_input(where, "{} must be a ratio in (0, 1], e.g. 0.25", key);
        }
        field(out) = *value;
        return {};
    };
}

Apply real_at_least(double minimum, std::function<double&(TomlSettings&)> field) {
    return [minimum, field](const toml::node& node, const std::string& where,
                            const std::string& key, TomlSettings& out) -> Result<void> {
        const auto value = number_of(node);
        if (!value || *value < minimum || (minimum == 0 && *value <= 0)) {
            return bad_input(where, "{} must be a number {} {}", key,
                             minimum == 0 ? ">" : ">=", minimum);
        }
        field(out) = *value;
        return {};
    };
}

Apply size(std::function<Bytes&(TomlSettings&)> field) {
    return [field](const toml::node& node, const std::string& where, const std::string& key,
                   TomlSettings& out) -> Result<void> {
        const auto text = node.value_exact<std::string>();
        if (!text) {
            return bad_input(where, "{} must be a size in quotes, e.g. \"64MiB\"", key);
        }
        auto parsed = parse_memory_size(*text, where);
        if (!parsed) {
            return bad_input(where, "{}: {}", key, parsed.error().message);
        }
        field(out) = *parsed;
        return {};
    };
}

Apply count(unsigned minimum, std::function<unsigned&(TomlSettings&)> field) {
    return [minimum, field](const toml::node& node, const std::string& where,
                            const std::string& key, TomlSettings& out) -> Result<void> {
        const auto value = node.value_exact<std::int64_t>();
        if (!value || *value < minimum || *value > 1'000'000) {
            return bad_input(where, "{} must be a whole number from {} to 1000000", key, minimum);
        }
        field(out) = static_cast<unsigned>(*value);
        return {};
    };
}

Apply boolean(std::function<bool&(TomlSettings&)> field) {
    return [field](const toml::node& node, const std::string& where, const std::string& key,
                   TomlSettings& out) -> Result<void> {
        const auto value = node.value_exact<bool>();
        if (!value) {
            return bad_input(where, "{} must be true or false", key);
        }
        field(out) = *value;
        return {};
    };
}

Apply string_list(std::function<std::vector<std::string>&(TomlSettings&)> field) {
    return [field](const toml::node& node, const std::string& where, const std::string& key,
                   TomlSettings& out) -> Result<void> {
        const auto* array = node.as_array();
        std::vector<std::string> values;
        if (array) {
            for (const auto& element : *array) {
                const auto text = element.value_exact<std::string>();
                if (!text) {
                    array = nullptr;
                    break;
                }
                values.push_back(*text);
            }
        }
        if (!array) {
            return bad_input(where, "{} must be an array of strings, e.g. [\"pg_stat_statements\"]",
                             key);
        }
        field(out) = std::move(values);
        return {};
    };
}

Apply input_memory() {
    return [](const toml::node& node, const std::string& where, const std::string& key,
              TomlSettings& out) -> Result<void> {
        Bytes value;
        PGFIT_TRY(size([&value](TomlSettings&) -> Bytes& { return value; })(node, where, key, out));
        out.memory = sourced(value, OriginKind::toml, where);
        return {};
    };
}

Apply input_cpus() {
    return [](const toml::node& node, const std::string& where, const std::string& key,
              TomlSettings& out) -> Result<void> {
        const auto value = number_of(node);
        if (!value || *value <= 0 || *value > k_max_cpus) {
            return bad_input(where,
                             "{} must be a CPU count greater than 0 and at most {}, e.g. 2 or 1.5",
                             key, k_max_cpus);
        }
        out.cpus = sourced(*value, OriginKind::toml, where);
        return {};
    };
}

Apply input_enum(bool is_profile) {
    return [is_profile](const toml::node& node, const std::string& where, const std::string& key,
                        TomlSettings& out) -> Result<void> {
        const auto text = node.value_exact<std::string>();
        if (is_profile) {
            const auto profile = text ? tune::parse_profile(*text) : std::nullopt;
            if (!profile) {
                return bad_input(where, "{} must be one of {}", key, tune::profile_names());
            }
            out.profile = sourced(*profile, OriginKind::toml, where);
        } else {
            const auto storage = text ? tune::parse_storage(*text) : std::nullopt;
            if (!storage) {
                return bad_input(where, "{} must be one of {}", key, tune::storage_names());
            }
            out.storage = sourced(*storage, OriginKind::toml, where);
        }
        return {};
    };
}

Apply input_connections() {
    return [](const toml::node& node, const std::string& where, const std::string& key,
              TomlSettings& out) -> Result<void> {
        unsigned value = 0;
        PGFIT_TRY(count(1, [&value](TomlSettings&) -> unsigned& { return value; })(node, where, key,
                                                                                   out));
        out.max_connections = sourced(value, OriginKind::toml, where);
        return {};
    };
}

#define PGFIT_FIELD(type, member) [](TomlSettings& s) -> type& { return s.coefficients.member; }

std::map<std::string, Apply, std::less<>> global_keys() {
    std::map<std::string, Apply, std::less<>> keys{
        {"inputs.memory", input_memory()},
        {"inputs.cpus", input_cpus()},
        {"inputs.profile", input_enum(true)},
        {"inputs.storage", input_enum(false)},
        {"inputs.max_connections", input_connections()},
        {"budget.headroom_ratio", ratio(PGFIT_FIELD(double, headroom_ratio))},
        {"budget.headroom_min", size(PGFIT_FIELD(Bytes, headroom_min))},
        {"budget.auxiliary_processes", count(0, PGFIT_FIELD(unsigned, auxiliary_processes))},
        {"budget.page_table_ratio", ratio(PGFIT_FIELD(double, page_table_ratio))},
        {"budget.shared_overhead_per_library",
         size(PGFIT_FIELD(Bytes, shared_overhead_per_library))},
        {"connections.floor", count(1, PGFIT_FIELD(unsigned, connections_floor))},
        {"memory.shared_buffers_reserve", size(PGFIT_FIELD(Bytes, shared_buffers_reserve))},
        {"memory.shared_buffers_floor", size(PGFIT_FIELD(Bytes, shared_buffers_floor))},
        {"memory.work_mem_floor", size(PGFIT_FIELD(Bytes, work_mem_floor))},
        {"memory.work_mem_cap", size(PGFIT_FIELD(Bytes, work_mem_cap))},
        {"memory.hash_mem_multiplier", real_at_least(1, PGFIT_FIELD(double, hash_mem_multiplier))},
        {"memory.maintenance_work_mem_floor", size(PGFIT_FIELD(Bytes, maintenance_work_mem_floor))},
        {"memory.maintenance_work_mem_cap", size(PGFIT_FIELD(Bytes, maintenance_work_mem_cap))},
        {"memory.autovacuum_work_mem_ratio", ratio(PGFIT_FIELD(double, autovacuum_work_mem_ratio))},
        {"memory.autovacuum_work_mem_floor", size(PGFIT_FIELD(Bytes, autovacuum_work_mem_floor))},
        {"autovacuum.max_workers", count(1, PGFIT_FIELD(unsigned, autovacuum_max_workers))},
        {"autovacuum.max_workers_16_cpus",
         count(1, PGFIT_FIELD(unsigned, autovacuum_max_workers_16_cpus))},
        {"autovacuum.max_workers_32_cpus",
         count(1, PGFIT_FIELD(unsigned, autovacuum_max_workers_32_cpus))},
        {"parallel.memory_ratio", ratio(PGFIT_FIELD(double, parallel_memory_ratio))},
        {"parallel.max_workers_cap", count(0, PGFIT_FIELD(unsigned, max_parallel_workers_cap))},
        {"parallel.maintenance_workers_cap",
         count(0, PGFIT_FIELD(unsigned, parallel_maintenance_workers_cap))},
        {"parallel.spare_worker_processes",
         count(0, PGFIT_FIELD(unsigned, spare_worker_processes))},
        {"parallel.shm_slack", size(PGFIT_FIELD(Bytes, shm_slack))},
        {"io.workers_min", count(1, PGFIT_FIELD(unsigned, io_workers_min))},
        {"io.workers_max", count(1, PGFIT_FIELD(unsigned, io_workers_max))},
        {"io.cpus_per_worker", count(1, PGFIT_FIELD(unsigned, cpus_per_io_worker))},
        {"io.memory_per_worker", size(PGFIT_FIELD(Bytes, memory_per_io_worker))},
        {"extensions.preload_candidates",
         string_list(PGFIT_FIELD(std::vector<std::string>, preload_candidates))},
        {"extensions.cron_max_running_jobs",
         count(1, PGFIT_FIELD(unsigned, cron_max_running_jobs))},
        {"replication.max_wal_senders", count(1, PGFIT_FIELD(unsigned, max_wal_senders))},
        {"replication.max_replication_slots",
         count(1, PGFIT_FIELD(unsigned, max_replication_slots))},
        {"replication.max_slot_wal_keep_size", size(PGFIT_FIELD(Bytes, max_slot_wal_keep_size))},
    };
    for (const auto profile : tune::k_profiles) {
        const auto index = static_cast<std::size_t>(profile);
        const auto prefix = fmt::format("profiles.{}.", tune::to_string(profile));
        auto field = [index](auto member) {
            return [ index, member ](TomlSettings & s) -> auto& {
                return s.coefficients.profiles[index].*member;
            };
        };
        keys.emplace(prefix + "max_connections",
                     count(1, field(&ProfileCoefficients::max_connections)));
        keys.emplace(prefix + "shared_buffers_ratio",
                     ratio(field(&ProfileCoefficients::shared_buffers_ratio)));
        keys.emplace(prefix + "effective_cache_size_ratio",
                     ratio(field(&ProfileCoefficients::effective_cache_size_ratio)));
        keys.emplace(prefix + "maintenance_work_mem_ratio",
                     ratio(field(&ProfileCoefficients::maintenance_work_mem_ratio)));
        keys.emplace(prefix + "min_wal_size", size(field(&ProfileCoefficients::min_wal_size)));
        keys.emplace(prefix + "max_wal_size", size(field(&ProfileCoefficients::max_wal_size)));
        keys.emplace(prefix + "default_statistics_target",
                     count(1, field(&ProfileCoefficients::default_statistics_target)));
        keys.emplace(prefix + "parallel_per_gather_cap",
                     count(0, field(&ProfileCoefficients::parallel_per_gather_cap)));
        keys.emplace(prefix + "jit", boolean(field(&ProfileCoefficients::jit)));
    }
    for (const auto& measured : tune::Coefficients{}.measured_majors) {
        const unsigned major = measured.first; // a lambda cannot capture a structured binding
        const auto prefix = fmt::format("budget.pg{}.", major);
        const auto field = [major](auto member) {
            return [major, member](TomlSettings& s) -> auto& {
                return s.coefficients.measured_majors.at(major).*member;
            };
        };
        using tune::MeasuredCoefficients;
        keys.emplace(prefix + "process_bytes", size(field(&MeasuredCoefficients::process_bytes)));
        keys.emplace(prefix + "query_min_bytes",
                     size(field(&MeasuredCoefficients::query_min_bytes)));
        keys.emplace(prefix + "shared_overhead_ratio",
                     ratio(field(&MeasuredCoefficients::shared_overhead_ratio)));
        keys.emplace(prefix + "shared_overhead_fixed",
                     size(field(&MeasuredCoefficients::shared_overhead_fixed)));
        keys.emplace(prefix + "shared_overhead_per_process",
                     size(field(&MeasuredCoefficients::shared_overhead_per_process)));
    }
    for (const auto storage : tune::k_storages) {
        const auto index = static_cast<std::size_t>(storage);
        const auto prefix = fmt::format("storage.{}.", tune::to_string(storage));
        keys.emplace(prefix + "random_page_cost",
                     real_at_least(0, [index](TomlSettings& s) -> double& {
                         return s.coefficients.storages[index].random_page_cost;
                     }));
        keys.emplace(prefix + "effective_io_concurrency",
                     count(0, [index](TomlSettings& s) -> unsigned& {
                         return s.coefficients.storages[index].effective_io_concurrency;
                     }));
        keys.emplace(prefix + "io_combine_limit",
                     size([index](TomlSettings& s) -> Bytes& {
                         return s.coefficients.storages[index].io_combine_limit;
                     }));
    }
    return keys;
}

#undef PGFIT_FIELD

const std::map<std::string, Apply, std::less<>>& known_keys() {
    static const auto keys = global_keys();
    return keys;
}

bool is_key_prefix(std::string_view path) {
    const auto& keys = known_keys();
    const std::string prefix = std::string(path) + ".";
    const auto next = keys.lower_bound(prefix);
    return next != keys.end() && next->first.starts_with(prefix);
}

Result<void> apply_table(const toml::table& table, const std::string& prefix,
                         const std::string& source_name, TomlSettings& out) {
    for (const auto& [key, node] : table) {
        const std::string path =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        const std::string where = position(key.source(), source_name);
        if (const auto* sub = node.as_table()) {
            if (!is_key_prefix(path)) {
                return bad_input(where, "unknown table '{}'", path);
            }
            PGFIT_TRY(apply_table(*sub, path, source_name, out));
            continue;
        }
        const auto found = known_keys().find(path);
        if (found == known_keys().end()) {
            return bad_input(where, "unknown key '{}'", path);
        }
        PGFIT_TRY(found->second(node, position(node.source(), source_name), path, out));
    }
    return {};
}

} // namespace

Result<TomlSettings> parse_pgfit_toml(std::string_view text, const std::string& source_name) {
    auto parsed = toml::parse(text, source_name);
    if (!parsed) {
        const auto& error = parsed.error();
        return bad_input(position(error.source(), source_name), "invalid TOML: {}",
                         error.description());
    }
    TomlSettings settings;
    settings.path = source_name;
    PGFIT_TRY(apply_table(parsed.table(), "", source_name, settings));
    return settings;
}

Result<TomlSettings> load_pgfit_toml(const std::optional<std::string>& configured) {
    std::string path;
    std::string where;
    if (configured) {
        path = *configured;
        where = "PGFIT_CONFIG";
    } else if (path_exists(std::string(k_system_config_path))) {
        path = std::string(k_system_config_path);
        where = path;
    } else {
        return TomlSettings{};
    }
    auto text = read_file(path);
    if (!text) {
        return bad_input(where, "cannot read pgfit configuration '{}': {}", path,
                         text.error().message);
    }
    return parse_pgfit_toml(*text, path);
}

} // namespace pgfit::config
