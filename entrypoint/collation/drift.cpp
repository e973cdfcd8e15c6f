#include "collation/drift.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pgfit::collation {

const char* const k_databases_query =
    "SELECT datname, datcollversion, pg_database_collation_actual_version(oid), datallowconn "
    "FROM pg_database WHERE datcollversion IS NOT NULL ORDER BY datname";

std::vector<DatabaseCollation>
parse_databases(const std::vector<std::vector<std::optional<std::string>>>& rows) {
    std::vector<DatabaseCollation> databases;
    for (const auto& row : rows) {
        if (row.size() != 4 || !row[0] || !row[1] || !row[3]) {
            continue;
        }
        // A library that reports no version (the C and POSIX locales) cannot drift.
        databases.push_back({*row[0], *row[1], row[2].value_or(*row[1]), *row[3] == "t"});
    }
    return databases;
}

std::vector<DatabaseCollation> drifted(const std::vector<DatabaseCollation>& databases) {
    std::vector<DatabaseCollation> result;
    std::copy_if(databases.begin(), databases.end(), std::back_inserter(result),
                 [](const auto& database) { return database.recorded != database.actual; });
    return result;
}

std::string quote_identifier(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

std::string reindex_command(const DatabaseCollation& database) {
    return "REINDEX DATABASE " + quote_identifier(database.name);
}

std::string refresh_command(const DatabaseCollation& database) {
    return "ALTER DATABASE " + quote_identifier(database.name) + " REFRESH COLLATION VERSION";
}

std::string drift_warning(const DatabaseCollation& database) {
    const auto fix = database.connectable
                         ? fmt::format("connected to it, {}; then {};", reindex_command(database),
                                       refresh_command(database))
                         : fmt::format("{}; (it allows no connections, so it has no indexes of "
                                       "its own to rebuild)",
                                       refresh_command(database));
    return fmt::format("database {}: its collation version {} was recorded under another C or "
                       "ICU library, which now reports {}; indexes on text may be corrupt (rows "
                       "not found, duplicates in unique indexes). Fix: {} or start once with "
                       "PGFIT_REFRESH_COLLATION=reindex, which does it before accepting "
                       "connections",
                       quote_identifier(database.name), database.recorded, database.actual, fix);
}

} // namespace pgfit::collation
