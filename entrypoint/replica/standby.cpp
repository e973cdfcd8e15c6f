#include "replica/standby.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "replica/clone.hpp"
#include "server/controldata.hpp"
#include "util/fd.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::replica {

namespace {

struct ControlField {
    const char* label; // pg_controldata's label, without the trailing ':'
    const char* setting;
    long long builtin;
};

constexpr std::array<ControlField, 5> k_fields = {
    ControlField{"max_connections setting", "max_connections", 100},
    ControlField{"max_worker_processes setting", "max_worker_processes", 8},
    ControlField{"max_wal_senders setting", "max_wal_senders", 10},
    ControlField{"max_prepared_xacts setting", "max_prepared_transactions", 0},
    ControlField{"max_locks_per_xact setting", "max_locks_per_transaction", 64},
};

} // namespace

Result<std::vector<PrimaryMinimum>> parse_controldata(std::string_view output) {
    std::vector<PrimaryMinimum> minimums;
    for (const auto& field : k_fields) {
        const auto text = server::controldata_field(output, field.label);
        if (!text) {
            return fail("pg_controldata", "no '{}:' line in its output", field.label);
        }
        const auto value = parse_int64(*text);
        if (!value || *value < 0) {
            return fail("pg_controldata", "'{}:' is '{}', not a number", field.label, *text);
        }
        minimums.push_back({field.setting, *value});
    }
    return minimums;
}

std::optional<std::string> system_identifier(std::string_view controldata_output) {
    const auto value = server::controldata_field(controldata_output, "Database system identifier");
    return value ? std::optional<std::string>(*value) : std::nullopt;
}

Result<std::vector<PrimaryMinimum>> read_primary_minimums(supervise::Supervisor& supervisor,
                                                          const std::string& bindir,
                                                          const std::string& pgdata,
                                                          const Environment& environment) {
    PGFIT_TRY_ASSIGN(const auto output,
                     server::run_controldata(supervisor, bindir, pgdata, environment));
    return parse_controldata(output);
}

long long builtin_value(std::string_view setting) {
    for (const auto& field : k_fields) {
        if (setting == field.setting) {
            return field.builtin;
        }
    }
    return 0;
}

std::vector<Raise>
raises_needed(const std::vector<PrimaryMinimum>& minimums,
              const std::function<std::optional<StandbyValue>(const std::string&)>& current) {
    std::vector<Raise> raises;
    for (const auto& minimum : minimums) {
        auto value = current(minimum.setting);
        if (!value) {
            value = StandbyValue{std::to_string(builtin_value(minimum.setting)),
                                 "PostgreSQL default", false};
        }
        const auto number = parse_int64(trim(value->text));
        if (number && *number >= minimum.value) {
            continue;
        }
        raises.push_back(
            {minimum.setting, value->text, minimum.value, value->source, value->by_operator});
    }
    return raises;
}

std::string describe_raise(const Raise& raise) {
    return fmt::format("standby: {} raised from {} ({}) to {}, the primary's value: a hot "
                       "standby refuses to start with less than its primary",
                       raise.setting, raise.from, raise.source, raise.to);
}

std::optional<std::string> read_primary_libraries(const std::string& pgdata) {
    auto content = read_file(pgdata + "/" + k_primary_libraries_name);
    if (!content) {
        return std::nullopt;
    }
    return std::string(trim(*content));
}

Result<void> record_primary_libraries(const std::string& pgdata,
                                      const std::optional<std::string>& libraries) {
    const std::string path = pgdata + "/" + k_primary_libraries_name;
    if (!libraries) {
        if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
            return fail(path, "cannot remove: {}", std::strerror(errno));
        }
        return {};
    }
    if (read_primary_libraries(pgdata) == trim(*libraries)) {
        return {};
    }
    return write_file_atomic(path, std::string(trim(*libraries)) + "\n", 0600);
}

std::vector<std::string> library_names(std::string_view value) {
    std::vector<std::string> names;
    for (const auto entry : split(value, ',')) {
        const auto name = trim(entry);
        if (!name.empty()) {
            names.emplace_back(name);
        }
    }
    return names;
}

std::string union_libraries(std::string_view primary, std::string_view replica) {
    std::vector<std::string> names = library_names(primary);
    for (auto& name : library_names(replica)) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
        }
    }
    std::string joined;
    for (const auto& name : names) {
        joined += joined.empty() ? name : "," + name;
    }
    return joined;
}

} // namespace pgfit::replica
