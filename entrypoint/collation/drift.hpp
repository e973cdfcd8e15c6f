// Databases whose default collation was recorded (pg_database.datcollversion) under another
// version of the C library or ICU than the server's now, e.g. a cluster made on bookworm's glibc
// 2.36 and started on trixie's 2.41. Their text indexes may be sorted in an order the library
// no longer produces: lookups miss rows, unique indexes admit duplicates. The fix is to rebuild
// the indexes and then record the library's version.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgfit::collation {

struct DatabaseCollation {
    std::string name;
    std::string recorded; // datcollversion
    std::string actual;   // pg_database_collation_actual_version(oid)
    bool connectable = true;
};

// The catalog query whose rows `parse_databases` reads (PostgreSQL 15+): name, recorded
// version, the library's version, datallowconn; only databases with a recorded version.
extern const char* const k_databases_query;

// Rows of k_databases_query; a row of another shape is skipped.
std::vector<DatabaseCollation>
parse_databases(const std::vector<std::vector<std::optional<std::string>>>& rows);

// The databases whose recorded version differs from the library's.
std::vector<DatabaseCollation> drifted(const std::vector<DatabaseCollation>& databases);

// `name` as an SQL identifier: double-quoted (a keyword or mixed case stays itself).
std::string quote_identifier(std::string_view name);

// What fixes one database, in order: REINDEX DATABASE (run while connected to it; a database
// that allows no connections has no user tables to rebuild), then ALTER DATABASE ... REFRESH
// COLLATION VERSION.
std::string reindex_command(const DatabaseCollation& database);
std::string refresh_command(const DatabaseCollation& database);

// One warning line for a drifted database, naming both versions and the commands.
std::string drift_warning(const DatabaseCollation& database);

} // namespace pgfit::collation
