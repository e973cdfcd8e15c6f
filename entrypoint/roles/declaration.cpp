#include "roles/declaration.hpp"

#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "util/strings.hpp"

namespace pgfit::roles {

namespace {

std::string position(const toml::source_region& region, const std::string& source_name) {
    return fmt::format("{}:{}:{}", source_name, region.begin.line, region.begin.column);
}

Result<std::string> name_of(const toml::node& node, const std::string& where,
                            std::string_view key) {
    const auto* text = node.as_string();
    if (text == nullptr) {
        return bad_input(where, "'{}' must be a string", key);
    }
    const std::string& value = text->get();
    // member_of may name PostgreSQL's own roles (pg_read_all_data, pg_monitor), extensions
    // are often named pg_* (pg_trgm, pg_stat_statements).
    const bool reserved_ok = (key == "member_of" || key == "extensions") &&
                             value.starts_with("pg_") && valid_name(value.substr(3));
    if (!valid_name(value) && !reserved_ok) {
        return bad_input(where,
                         "invalid {} '{}': expected 1 to 63 of a-z, 0-9, _ and -, starting with "
                         "a letter or _, not with pg_",
                         key == "member_of"    ? "role name"
                         : key == "extensions" ? "extension name"
                                               : key,
                         value);
    }
    return value;
}

Result<std::vector<std::string>> names_of(const toml::node& node, const std::string& where,
                                          std::string_view key) {
    const auto* array = node.as_array();
    if (array == nullptr) {
        return bad_input(where, "'{}' must be an array of strings", key);
    }
    std::vector<std::string> names;
    for (const auto& element : *array) {
        PGFIT_TRY_ASSIGN(auto name, name_of(element, where, key));
        names.push_back(std::move(name));
    }
    return names;
}

Result<DeclaredDatabase> parse_database(const toml::table& table, const std::string& where,
                                        const std::string& source_name) {
    DeclaredDatabase database;
    for (const auto& [key, node] : table) {
        const std::string at = position(node.source(), source_name);
        if (key == "name") {
            PGFIT_TRY_ASSIGN(database.name, name_of(node, at, "database name"));
        } else if (key == "owner") {
            PGFIT_TRY_ASSIGN(database.owner, name_of(node, at, "owner"));
        } else if (key == "extensions") {
            PGFIT_TRY_ASSIGN(database.extensions, names_of(node, at, "extensions"));
        } else {
            return bad_input(position(key.source(), source_name),
                             "unknown key '{}' in [[databases]] (expected name, owner, extensions)",
                             key.str());
        }
    }
    if (database.name.empty()) {
        return bad_input(where, "a [[databases]] entry without 'name'");
    }
    if (database.owner.empty()) {
        database.owner = database.name;
    }
    return database;
}

Result<DeclaredRole> parse_role(const toml::table& table, const std::string& where,
                                const std::string& source_name) {
    DeclaredRole role;
    for (const auto& [key, node] : table) {
        const std::string at = position(node.source(), source_name);
        if (key == "name") {
            PGFIT_TRY_ASSIGN(role.name, name_of(node, at, "role name"));
        } else if (key == "login") {
            const auto* flag = node.as_boolean();
            if (flag == nullptr) {
                return bad_input(at, "'login' must be true or false");
            }
            role.login = flag->get();
        } else if (key == "member_of") {
            PGFIT_TRY_ASSIGN(role.member_of, names_of(node, at, "member_of"));
        } else if (key == "connection_limit") {
            const auto* number = node.as_integer();
            if (number == nullptr || number->get() < -1 || number->get() > 1000000) {
                return bad_input(at, "'connection_limit' must be an integer, -1 (no limit) or more");
            }
            role.connection_limit = static_cast<int>(number->get());
        } else if (key == "password_variable") {
            const auto* text = node.as_string();
            if (text == nullptr || text->get().empty() ||
                text->get().find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
                    std::string::npos) {
                return bad_input(at, "'password_variable' must be a variable name (A-Z, 0-9, _)");
            }
            role.password_variable = text->get();
        } else {
            return bad_input(position(key.source(), source_name),
                             "unknown key '{}' in [[roles]] (expected name, login, member_of, "
                             "connection_limit, password_variable)",
                             key.str());
        }
    }
    if (role.name.empty()) {
        return bad_input(where, "a [[roles]] entry without 'name'");
    }
    if (role.password_variable.empty()) {
        role.password_variable = default_password_variable(role.name);
    }
    return role;
}

// Each entry of the array of tables `key`, parsed by `parse`.
template <typename T, typename Parse>
Result<std::vector<T>> parse_entries(const toml::node& node, const std::string& key,
                                     const std::string& source_name, Parse parse) {
    const auto* array = node.as_array();
    const std::string where = position(node.source(), source_name);
    if (array == nullptr || !array->is_array_of_tables()) {
        return bad_input(where, "'{}' must be an array of tables ([[{}]])", key, key);
    }
    std::vector<T> entries;
    for (const auto& element : *array) {
        PGFIT_TRY_ASSIGN(auto entry, parse(*element.as_table(),
                                           position(element.source(), source_name), source_name));
        entries.push_back(std::move(entry));
    }
    return entries;
}

Result<void> check_unique_databases(const std::vector<DeclaredDatabase>& databases,
                                    const std::string& where) {
    std::set<std::string> seen;
    for (const auto& database : databases) {
        if (!seen.insert(database.name).second) {
            return bad_input(where, "database '{}' is declared twice", database.name);
        }
    }
    return {};
}

} // namespace

bool valid_name(std::string_view name) {
    if (name.empty() || name.size() > 63 || name.starts_with("pg_")) {
        return false;
    }
    if (!(name.front() == '_' || (name.front() >= 'a' && name.front() <= 'z'))) {
        return false;
    }
    return name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") ==
           std::string_view::npos;
}

std::string default_password_variable(std::string_view role) {
    std::string variable;
    for (const char c : role) {
        variable += c == '-' ? '_' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return variable + "_PASSWORD";
}

Result<Declaration> parse_declaration(std::string_view text, const std::string& source_name) {
    auto parsed = toml::parse(text, source_name);
    if (!parsed) {
        return bad_input(position(parsed.error().source(), source_name), "invalid TOML: {}",
                         parsed.error().description());
    }
    Declaration declaration;
    for (const auto& [key, node] : parsed.table()) {
        if (key == "databases") {
            PGFIT_TRY_ASSIGN(declaration.databases,
                             parse_entries<DeclaredDatabase>(node, "databases", source_name,
                                                             parse_database));
        } else if (key == "roles") {
            PGFIT_TRY_ASSIGN(declaration.roles,
                             parse_entries<DeclaredRole>(node, "roles", source_name, parse_role));
        } else {
            return bad_input(position(key.source(), source_name),
                             "unknown key '{}' (expected [[databases]] and [[roles]])", key.str());
        }
    }
    PGFIT_TRY(check_unique_databases(declaration.databases, source_name));
    return declaration;
}

Result<std::vector<DeclaredDatabase>> parse_database_list(std::string_view list,
                                                          const std::string& variable) {
    std::vector<DeclaredDatabase> databases;
    for (const auto& item : split(list, ',')) {
        const auto entry = trim(item);
        if (entry.empty()) {
            continue;
        }
        const auto colon = entry.find(':');
        DeclaredDatabase database{std::string(trim(entry.substr(0, colon))), "", {}};
        database.owner = colon == std::string_view::npos
                             ? database.name
                             : std::string(trim(entry.substr(colon + 1)));
        for (const auto& name : {database.name, database.owner}) {
            if (!valid_name(name)) {
                return bad_input(variable,
                                 "invalid name '{}': expected 1 to 63 of a-z, 0-9, _ and -, "
                                 "starting with a letter or _, not with pg_",
                                 name);
            }
        }
        databases.push_back(std::move(database));
    }
    PGFIT_TRY(check_unique_databases(databases, variable));
    return databases;
}

Result<Declaration> with_databases(Declaration declaration,
                                   const std::vector<DeclaredDatabase>& more,
                                   const std::string& variable) {
    declaration.databases.insert(declaration.databases.end(), more.begin(), more.end());
    PGFIT_TRY(check_unique_databases(declaration.databases, variable));
    return declaration;
}

Result<std::vector<RoleSpec>>
expand_roles(const Declaration& declaration,
             const std::function<bool(const RoleSpec&)>& has_password, const std::string& where) {
    std::vector<RoleSpec> roles;
    std::set<std::string> names;
    const auto add = [&](RoleSpec role) -> Result<void> {
        if (!names.insert(role.name).second) {
            // An owner of several databases is one role.
            if (role.kind == RoleSpec::Kind::owner) {
                return {};
            }
            return bad_input(where, "role '{}' is declared twice (the standard roles of a "
                                    "database are <database>_rw and <database>_ro)",
                             role.name);
        }
        roles.push_back(std::move(role));
        return {};
    };
    for (const auto& database : declaration.databases) {
        RoleSpec owner{database.owner, RoleSpec::Kind::owner, database.name, true, {}, -1,
                       default_password_variable(database.owner)};
        PGFIT_TRY(add(std::move(owner)));
    }
    for (const auto& database : declaration.databases) {
        for (const auto kind : {RoleSpec::Kind::read_write, RoleSpec::Kind::read_only}) {
            RoleSpec role;
            role.name = database.name + (kind == RoleSpec::Kind::read_write ? "_rw" : "_ro");
            if (!valid_name(role.name)) {
                return bad_input(where, "database name '{}' is too long for its role '{}'",
                                 database.name, role.name);
            }
            role.kind = kind;
            role.database = database.name;
            role.password_variable = default_password_variable(role.name);
            role.login = has_password(role);
            PGFIT_TRY(add(std::move(role)));
        }
    }
    for (const auto& declared : declaration.roles) {
        PGFIT_TRY(add(RoleSpec{declared.name, RoleSpec::Kind::extra, "", declared.login,
                               declared.member_of, declared.connection_limit,
                               declared.password_variable}));
    }
    return roles;
}

std::string canonical_text(const Declaration& declaration, const std::vector<RoleSpec>& roles) {
    std::string text;
    for (const auto& database : declaration.databases) {
        text += fmt::format("database {} owner {} extensions {}\n", database.name, database.owner,
                            fmt::join(database.extensions, ","));
    }
    for (const auto& role : roles) {
        text += fmt::format("role {} kind {} database {} login {} limit {} member_of {}\n",
                            role.name, static_cast<int>(role.kind), role.database, role.login,
                            role.connection_limit, fmt::join(role.member_of, ","));
    }
    return text;
}

} // namespace pgfit::roles
