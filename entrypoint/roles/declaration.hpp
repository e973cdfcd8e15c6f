// The declared databases and roles (PGFIT_DATABASES_FILE, a TOML file, and the widely copied
// POSTGRES_MULTIPLE_DATABASES), checked and expanded into the roles pgfit keeps in step. Pure:
// no I/O. Every database gets three standard roles: its owner (the migrator: owns the database
// and its public schema, runs the DDL), `<db>_rw` (read and write every table, no DDL) and
// `<db>_ro` (read only), with default privileges so tables the owner creates later are covered.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace pgfit::roles {

struct DeclaredDatabase {
    std::string name;
    std::string owner; // default: the database's name
    std::vector<std::string> extensions;

    bool operator==(const DeclaredDatabase&) const = default;
};

struct DeclaredRole {
    std::string name;
    bool login = true;
    std::vector<std::string> member_of;
    int connection_limit = -1;
    // The password comes from this variable or its _FILE (default: <NAME>_PASSWORD).
    std::string password_variable;

    bool operator==(const DeclaredRole&) const = default;
};

struct Declaration {
    std::vector<DeclaredDatabase> databases;
    std::vector<DeclaredRole> roles; // [[roles]]: extra roles

    bool empty() const { return databases.empty() && roles.empty(); }
    bool operator==(const Declaration&) const = default;
};

// A role as pgfit keeps it: the standard roles of each database, then the [[roles]].
struct RoleSpec {
    enum class Kind { owner, read_write, read_only, extra };
    std::string name;
    Kind kind = Kind::extra;
    std::string database; // for the standard roles
    // Whether it may log in: owners and [[roles]] by their declaration; _rw/_ro when they have
    // a password (otherwise they are groups to grant).
    bool login = true;
    std::vector<std::string> member_of;
    int connection_limit = -1;
    std::string password_variable;

    bool operator==(const RoleSpec&) const = default;
};

// A role or database name pgfit accepts: 1 to 63 of a-z, 0-9, _ and -, not starting with a
// digit or '-', not starting with "pg_" (reserved by PostgreSQL).
bool valid_name(std::string_view name);

// "shop-owner" → "SHOP_OWNER_PASSWORD".
std::string default_password_variable(std::string_view role);

// Parses a declaration file: [[databases]] (name, owner, extensions) and [[roles]] (name,
// login, member_of, connection_limit, password_variable). An unknown key, a wrong type, an
// invalid name or a duplicate is an error at `source_name:line:column`.
Result<Declaration> parse_declaration(std::string_view text, const std::string& source_name);

// POSTGRES_MULTIPLE_DATABASES: "a,b, c" (also "a:owner"); each database owned by a role of its
// own name unless one is given. Errors name `variable`.
Result<std::vector<DeclaredDatabase>> parse_database_list(std::string_view list,
                                                          const std::string& variable);

// `declaration` with `more` databases appended; a database declared twice is an error naming
// `variable`.
Result<Declaration> with_databases(Declaration declaration,
                                   const std::vector<DeclaredDatabase>& more,
                                   const std::string& variable);

// Every role the declaration implies, in creation order (owners first). `has_password(name)`
// decides whether a standard _rw/_ro role logs in. A role named twice (a [[roles]] entry that
// is also a standard role) is an error naming `where`.
Result<std::vector<RoleSpec>>
expand_roles(const Declaration& declaration,
             const std::function<bool(const RoleSpec&)>& has_password, const std::string& where);

// A stable text of the expanded roles and databases, hashed to notice a changed declaration.
std::string canonical_text(const Declaration& declaration, const std::vector<RoleSpec>& roles);

} // namespace pgfit::roles
