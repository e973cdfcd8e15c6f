#include "config/roles_variables.hpp"

#include <algorithm>

#include "config/secrets.hpp"
#include "config/values.hpp"
#include "util/file.hpp"

namespace pgfit::config {

namespace {

// X or the content of X_FILE; nullopt when neither is set. A file that cannot be read or is
// empty is an error naming X_FILE and the path.
Result<std::optional<roles::RolePassword>>
read_role_secret(const Environment& environment, const std::string& role,
                 const std::string& variable, bool strip_all_newlines) {
    const std::string file_variable = variable + "_FILE";
    const auto value = environment.get_non_empty(variable);
    const auto file = environment.get_non_empty(file_variable);
    if (value && file) {
        return bad_input(variable, "both {} and {} are set (but are exclusive)", variable,
                         file_variable);
    }
    if (file) {
        PGFIT_TRY_ASSIGN(auto content, read_secret_file(file_variable, *file, strip_all_newlines));
        if (content.empty()) {
            return bad_input(file_variable, "secret file '{}' is empty", *file);
        }
        return std::optional<roles::RolePassword>{
            roles::RolePassword{role, file_variable, std::move(content)}};
    }
    if (!value) {
        return std::optional<roles::RolePassword>{};
    }
    return std::optional<roles::RolePassword>{roles::RolePassword{role, variable, *value}};
}

void add_once(roles::Wanted& wanted, std::optional<roles::RolePassword> entry) {
    if (!entry) {
        return;
    }
    const bool known = std::any_of(wanted.passwords.begin(), wanted.passwords.end(),
                                   [&](const auto& other) { return other.role == entry->role; });
    if (!known) {
        wanted.passwords.push_back(std::move(*entry));
    }
}

// The image's own roles, created by initdb.d at the first start: role variable, its default,
// the password variable.
struct ImageRole {
    const char* user_variable;
    const char* fallback; // "" = no role unless the variable is set
    const char* password_variable;
};

constexpr ImageRole k_image_roles[] = {
    {"POSTGRES_APP_USER", "", "POSTGRES_APP_PASSWORD"},
    {"POSTGRES_MONITOR_USER", "postgres_exporter", "POSTGRES_MONITOR_PASSWORD"},
    {"POSTGRES_REPLICATION_USER", "replicator", "POSTGRES_REPLICATION_PASSWORD"},
    {"PGBOUNCER_AUTH_USER", "pgbouncer_auth", "PGBOUNCER_AUTH_PASSWORD"},
};

Result<roles::Declaration> read_declaration(const Environment& environment) {
    roles::Declaration declaration;
    if (const auto path = environment.get_non_empty("PGFIT_DATABASES_FILE")) {
        auto text = read_file(*path);
        if (!text) {
            return bad_input("PGFIT_DATABASES_FILE", "cannot read '{}': {}", *path,
                             text.error().message);
        }
        PGFIT_TRY_ASSIGN(declaration, roles::parse_declaration(*text, *path));
    }
    if (const auto list = environment.get_non_empty("POSTGRES_MULTIPLE_DATABASES")) {
        PGFIT_TRY_ASSIGN(const auto databases,
                         roles::parse_database_list(*list, "POSTGRES_MULTIPLE_DATABASES"));
        PGFIT_TRY_ASSIGN(declaration, roles::with_databases(std::move(declaration), databases,
                                                            "POSTGRES_MULTIPLE_DATABASES"));
    }
    return declaration;
}

} // namespace

Result<roles::Wanted> read_wanted_roles(const Environment& environment,
                                        const std::string& superuser) {
    roles::Wanted wanted;
    // The official image strips every trailing newline of POSTGRES_PASSWORD_FILE.
    PGFIT_TRY_ASSIGN(auto super,
                     read_role_secret(environment, superuser, "POSTGRES_PASSWORD", true));
    add_once(wanted, std::move(super));
    for (const auto& image_role : k_image_roles) {
        const auto user = environment.get_non_empty(image_role.user_variable)
                              .value_or(image_role.fallback);
        PGFIT_TRY_ASSIGN(auto entry, read_role_secret(environment, user,
                                                      image_role.password_variable, false));
        if (!user.empty()) {
            add_once(wanted, std::move(entry));
        }
    }
    PGFIT_TRY_ASSIGN(wanted.declaration, read_declaration(environment));
    const std::string where = environment.get_non_empty("PGFIT_DATABASES_FILE")
                                  .value_or("POSTGRES_MULTIPLE_DATABASES");
    PGFIT_TRY_ASSIGN(wanted.roles,
                     roles::expand_roles(
                         wanted.declaration,
                         [&](const roles::RoleSpec& role) {
                             return environment.get_non_empty(role.password_variable) ||
                                    environment.get_non_empty(role.password_variable + "_FILE");
                         },
                         where));
    for (const auto& role : wanted.roles) {
        PGFIT_TRY_ASSIGN(auto entry,
                         read_role_secret(environment, role.name, role.password_variable, false));
        add_once(wanted, std::move(entry));
    }
    return wanted;
}

Result<bool> read_superuser_local_only(const Environment& environment) {
    return read_switch(environment, "POSTGRES_SUPERUSER_LOCAL_ONLY");
}

} // namespace pgfit::config
