#include "tune/catalog.hpp"

#include <array>
#include <cstdlib>
#include <limits>

#include "util/strings.hpp"

namespace pgfit::tune {

namespace {

constexpr double k_int_max = 2147483647;
constexpr double k_max_backends = 262143;
constexpr double k_real_max = std::numeric_limits<double>::max();

// Bounds as PostgreSQL 13-18 declare them in guc_tables (the narrowest across those majors).
constexpr std::array k_known_gucs{
    KnownGuc{"max_connections", GucType::integer, GucUnit::none, 1, k_max_backends, 13},
    KnownGuc{"shared_buffers", GucType::integer, GucUnit::block, 16, 1073741823, 13},
    KnownGuc{"effective_cache_size", GucType::integer, GucUnit::block, 1, k_int_max, 13},
    KnownGuc{"work_mem", GucType::integer, GucUnit::kb, 64, k_int_max, 13},
    KnownGuc{"hash_mem_multiplier", GucType::real, GucUnit::none, 1, 1000, 13},
    KnownGuc{"maintenance_work_mem", GucType::integer, GucUnit::kb, 1024, k_int_max, 13},
    KnownGuc{"autovacuum_work_mem", GucType::integer, GucUnit::kb, -1, k_int_max, 13},
    KnownGuc{"autovacuum_max_workers", GucType::integer, GucUnit::none, 1, k_max_backends, 13},
    KnownGuc{"wal_buffers", GucType::integer, GucUnit::block, -1, 262143, 13},
    KnownGuc{"min_wal_size", GucType::integer, GucUnit::mb, 2, k_int_max, 13},
    KnownGuc{"max_wal_size", GucType::integer, GucUnit::mb, 2, k_int_max, 13},
    KnownGuc{"checkpoint_completion_target", GucType::real, GucUnit::none, 0, 1, 13},
    KnownGuc{"random_page_cost", GucType::real, GucUnit::none, 0, k_real_max, 13},
    KnownGuc{"effective_io_concurrency", GucType::integer, GucUnit::none, 0, 1000, 13},
    KnownGuc{"default_statistics_target", GucType::integer, GucUnit::none, 1, 10000, 13},
    KnownGuc{"max_worker_processes", GucType::integer, GucUnit::none, 0, k_max_backends, 13},
    KnownGuc{"max_parallel_workers", GucType::integer, GucUnit::none, 0, 1024, 13},
    KnownGuc{"max_parallel_workers_per_gather", GucType::integer, GucUnit::none, 0, 1024, 13},
    KnownGuc{"max_parallel_maintenance_workers", GucType::integer, GucUnit::none, 0, 1024, 13},
    KnownGuc{"huge_pages", GucType::enumeration, GucUnit::none, 0, 0, 13},
    KnownGuc{"dynamic_shared_memory_type", GucType::enumeration, GucUnit::none, 0, 0, 13},
    KnownGuc{"jit", GucType::boolean, GucUnit::none, 0, 0, 13},
    KnownGuc{"io_method", GucType::enumeration, GucUnit::none, 0, 0, 18},
    KnownGuc{"io_workers", GucType::integer, GucUnit::none, 1, 32, 18},
    KnownGuc{"io_combine_limit", GucType::integer, GucUnit::block, 1, 128, 17},
    KnownGuc{"io_max_combine_limit", GucType::integer, GucUnit::block, 1, 128, 18},
    KnownGuc{"autovacuum_worker_slots", GucType::integer, GucUnit::none, 1, k_max_backends, 18},
    KnownGuc{"shared_preload_libraries", GucType::string, GucUnit::none, 0, 0, 13},
    KnownGuc{"wal_level", GucType::enumeration, GucUnit::none, 0, 0, 13},
    KnownGuc{"max_wal_senders", GucType::integer, GucUnit::none, 0, k_max_backends, 13},
    KnownGuc{"max_replication_slots", GucType::integer, GucUnit::none, 0, k_max_backends, 13},
    KnownGuc{"max_slot_wal_keep_size", GucType::integer, GucUnit::mb, -1, k_int_max, 13},
    KnownGuc{"hot_standby", GucType::boolean, GucUnit::none, 0, 0, 13},
};

std::optional<GucType> parse_guc_type(std::string_view text) {
    if (text == "BOOLEAN") {
        return GucType::boolean;
    }
    if (text == "INTEGER") {
        return GucType::integer;
    }
    if (text == "REAL") {
        return GucType::real;
    }
    if (text == "STRING") {
        return GucType::string;
    }
    if (text == "ENUM") {
        return GucType::enumeration;
    }
    return std::nullopt;
}

std::string_view setting_name(std::string_view describe_config_line) {
    return describe_config_line.substr(0, describe_config_line.find('\t'));
}

std::optional<double> parse_bound(std::string_view text) {
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

const KnownGuc* find_known_guc(std::string_view name) {
    for (const auto& guc : k_known_gucs) {
        if (guc.name == name) {
            return &guc;
        }
    }
    return nullptr;
}

Catalog builtin_catalog(unsigned major) {
    Catalog catalog;
    for (const auto& guc : k_known_gucs) {
        if (major >= guc.since_major) {
            catalog.emplace(std::string(guc.name), GucBounds{guc.type, guc.min, guc.max});
        }
    }
    return catalog;
}

std::optional<Catalog> parse_describe_config(std::string_view text) {
    Catalog catalog;
    for (const auto line : split(text, '\n')) {
        if (find_known_guc(setting_name(line)) == nullptr) {
            continue;
        }
        const auto fields = split(line, '\t');
        if (fields.size() < 7 || fields[0].empty()) {
            continue;
        }
        const auto type = parse_guc_type(fields[3]);
        if (!type) {
            continue;
        }
        GucBounds bounds{*type, 0, 0};
        if (*type == GucType::integer || *type == GucType::real) {
            const auto min = parse_bound(fields[5]);
            const auto max = parse_bound(fields[6]);
            if (!min || !max) {
                continue;
            }
            bounds.min = *min;
            bounds.max = *max;
        }
        catalog.insert_or_assign(std::string(fields[0]), bounds);
    }
    if (catalog.empty()) {
        return std::nullopt;
    }
    return catalog;
}

std::string describe_config_for_plan(std::string_view text) {
    std::string kept;
    for (const auto line : split(text, '\n')) {
        if (find_known_guc(setting_name(line)) != nullptr) {
            kept.append(line);
            kept += '\n';
        }
    }
    return kept;
}

} // namespace pgfit::tune
