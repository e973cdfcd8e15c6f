// What pgfit keeps in step at every start and on SIGHUP, as read by config/roles_variables:
// the password of each role it manages and the declared databases and roles.
#pragma once

#include <string>
#include <vector>

#include "roles/declaration.hpp"

namespace pgfit::roles {

struct RolePassword {
    std::string role;
    std::string source;   // the variable it came from (X_PASSWORD or X_PASSWORD_FILE), for logs
    std::string password; // never logged, never written
};

struct Wanted {
    // POSTGRES_USER, the application, monitoring, replication and PgBouncer auth roles, then
    // the declared roles that have a password; one entry per role.
    std::vector<RolePassword> passwords;
    Declaration declaration;
    std::vector<RoleSpec> roles; // the declaration's roles, expanded
};

} // namespace pgfit::roles
