#include "config/values.hpp"

#include <array>

#include "tune/inputs.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

struct DurationUnit {
    std::string_view suffix;
    double milliseconds;
};

// Longest suffix first, so "ms" and "min" are not read as "s".
constexpr std::array k_duration_units = {DurationUnit{"min", 60000.0}, DurationUnit{"ms", 1.0},
                                         DurationUnit{"s", 1000.0}};

bool is_library_char(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '-' || c == '.' || c == '/' || c == '$';
}

} // namespace

Result<bool> parse_switch(std::string_view text, std::string_view where) {
    const auto lower = to_lower(trim(text));
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
        return true;
    }
    if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
        return false;
    }
    return bad_input(std::string(where),
                     "'{}' is not a switch; use true or false (also 1/0, yes/no, on/off)", text);
}

Result<bool> read_switch(const Environment& environment, std::string_view name,
                         bool when_unset) {
    const auto text = environment.get_non_empty(name);
    return text ? parse_switch(*text, name) : Result<bool>(when_unset);
}

Result<std::chrono::milliseconds> parse_duration(std::string_view text, std::string_view where) {
    const auto trimmed = trim(text);
    std::string_view number = trimmed;
    double scale = 1000.0;
    for (const auto& unit : k_duration_units) {
        if (trimmed.ends_with(unit.suffix)) {
            number = trim(trimmed.substr(0, trimmed.size() - unit.suffix.size()));
            scale = unit.milliseconds;
            break;
        }
    }
    const auto value = parse_decimal(number);
    if (!value || *value * scale > 86400000.0) {
        return bad_input(std::string(where),
                         "'{}' is not a duration; use seconds (8, 2.5) or a number with ms, s or "
                         "min (500ms, 8s, 1min), at most a day",
                         text);
    }
    return std::chrono::round<std::chrono::milliseconds>(
        std::chrono::duration<double, std::milli>(*value * scale));
}

Result<int> parse_tcp_port(std::string_view text, std::string_view where) {
    const auto port = parse_uint64(trim(text));
    if (!port || *port == 0 || *port > 65535) {
        return bad_input(std::string(where),
                         "'{}' is not a TCP port; expected a number from 1 to 65535", text);
    }
    return static_cast<int>(*port);
}

Result<double> parse_cpu_count(std::string_view text, std::string_view where) {
    const auto value = parse_decimal(trim(text));
    if (!value || *value <= 0 || *value > k_max_cpus) {
        return bad_input(std::string(where),
                         "\"{}\" is not a CPU count; use a number greater than 0 and at most {}, "
                         "such as 2 or 1.5",
                         text, k_max_cpus);
    }
    return *value;
}

Result<unsigned> parse_max_connections(std::string_view text, std::string_view where) {
    const auto value = parse_uint64(trim(text));
    if (!value || *value < 1 || *value > 262143) {
        return bad_input(
            std::string(where),
            "\"{}\" is not a number of connections; use a whole number from 1 to 262143", text);
    }
    return static_cast<unsigned>(*value);
}

Result<tune::Profile> parse_profile_input(std::string_view text, std::string_view where) {
    const auto profile = tune::parse_profile(to_lower(trim(text)));
    if (!profile) {
        return bad_input(std::string(where), "\"{}\" is not a profile; use one of {}", text,
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
        return bad_input(std::string(where),
                         "\"{}\" is not a storage kind; use one of {} (san and nvme are accepted "
                         "as network and ssd)",
                         text, tune::storage_names());
    }
    return *storage;
}

Result<unsigned> parse_pg_version(std::string_view text, std::string_view where) {
    const auto value = parse_uint64(trim(text));
    if (!value || *value < tune::k_oldest_major || *value > tune::k_newest_major) {
        return bad_input(std::string(where),
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
            if (!is_library_char(c)) {
                return bad_input(std::string(where),
                                 "\"{}\" is not a library name; use a comma list of names such "
                                 "as pg_stat_statements,pg_cron",
                                 name);
            }
        }
        names.emplace_back(name);
    }
    return names;
}

Result<ReplicationRole> parse_replication_role(std::string_view text, std::string_view where) {
    const auto lower = to_lower(trim(text));
    if (lower == "primary" || lower == "replica") {
        return lower == "replica" ? ReplicationRole::replica : ReplicationRole::primary;
    }
    return bad_input(std::string(where), "\"{}\" is not a replication role; use primary or replica",
                     text);
}

Result<ReplicationRole> parse_replication_mode(std::string_view text, std::string_view where) {
    const auto lower = to_lower(trim(text));
    if (lower == "master" || lower == "slave") {
        return lower == "slave" ? ReplicationRole::replica : ReplicationRole::primary;
    }
    return bad_input(std::string(where), "\"{}\" is not a replication mode; use master or slave",
                     text);
}

Result<CollationRefresh> parse_collation_refresh(std::string_view text, std::string_view where) {
    const auto lower = to_lower(trim(text));
    if (lower == "warn") {
        return CollationRefresh::warn;
    }
    if (lower == "reindex") {
        return CollationRefresh::reindex;
    }
    if (lower == "off") {
        return CollationRefresh::off;
    }
    return bad_input(std::string(where), "\"{}\" is not a choice; use warn, reindex or off", text);
}

Result<std::string> parse_sslmode(std::string_view text, std::string_view where) {
    auto mode = to_lower(trim(text));
    for (const std::string_view known :
         {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
        if (mode == known) {
            return mode;
        }
    }
    return bad_input(std::string(where),
                     "'{}' is not an sslmode; use disable, allow, prefer, require, verify-ca or "
                     "verify-full",
                     text);
}

} // namespace pgfit::config
