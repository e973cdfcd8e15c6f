#include "initdb/catalog_hints.hpp"

#include "util/log.hpp"

namespace pgfit::initdb {

namespace {

// A count(*) over a catalog whose visibility map says all-visible would be an index-only scan,
// which never looks at the rows.
constexpr const char* k_sequential_scans_only =
    "SELECT set_config('enable_indexonlyscan', 'off', false), "
    "set_config('enable_indexscan', 'off', false), "
    "set_config('enable_bitmapscan', 'off', false)";

// What a login reads before its first statement: the role, its memberships and settings, and the
// database (shared catalogs) ...
constexpr const char* k_shared_catalogs = "SELECT (SELECT count(*) FROM pg_catalog.pg_authid) "
                                          "+ (SELECT count(*) FROM pg_catalog.pg_auth_members) "
                                          "+ (SELECT count(*) FROM pg_catalog.pg_db_role_setting) "
                                          "+ (SELECT count(*) FROM pg_catalog.pg_database)";

// ... and, in its database, what the relation cache is built from, with the name lookups of
// almost any first statement.
constexpr const char* k_database_catalogs = "SELECT (SELECT count(*) FROM pg_catalog.pg_class) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_attribute) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_index) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_opclass) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_amproc) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_am) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_namespace) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_type) "
                                            "+ (SELECT count(*) FROM pg_catalog.pg_proc)";

// A session whose counts read every row.
Result<psql::SqlSession> open_for_scans(const psql::ConnectionTarget& target) {
    PGFIT_TRY_ASSIGN(auto session, psql::SqlSession::open(target));
    PGFIT_TRY(session.query_value(k_sequential_scans_only));
    return session;
}

Result<void> scan_catalogs(const psql::ConnectionTarget& server) {
    PGFIT_TRY_ASSIGN(auto first, open_for_scans(server));
    PGFIT_TRY(first.query_value(k_shared_catalogs));
    PGFIT_TRY(first.query_value(k_database_catalogs));
    PGFIT_TRY_ASSIGN(const auto databases,
                     first.query_rows("SELECT datname FROM pg_catalog.pg_database "
                                      "WHERE datallowconn AND datname <> current_database()"));
    for (const auto& row : databases) {
        auto target = server;
        target.database = row.at(0).value_or("");
        PGFIT_TRY_ASSIGN(auto session, open_for_scans(target));
        PGFIT_TRY(session.query_value(k_database_catalogs));
    }
    return {};
}

} // namespace

void set_catalog_hint_bits(const psql::ConnectionTarget& server) {
    if (auto scanned = scan_catalogs(server); !scanned) {
        log::warning("the catalogs' hint bits are left to the server's first logins: {}",
                     scanned.error().to_string());
    }
}

} // namespace pgfit::initdb
