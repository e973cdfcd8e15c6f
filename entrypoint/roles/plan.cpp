#include "roles/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pgfit::roles {

namespace {

using Kind = RoleSpec::Kind;

std::string quoted(std::string_view text, char quote) {
    std::string out(1, quote);
    for (const char c : text) {
        out += c;
        if (c == quote) {
            out += quote;
        }
    }
    return out + quote;
}

std::string attributes(const RoleSpec& role) {
    return fmt::format("{} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                       "INHERIT CONNECTION LIMIT {}",
                       role.login ? "LOGIN" : "NOLOGIN", role.connection_limit);
}

const RolePassword* password_of(const Wanted& wanted, const std::string& role) {
    for (const auto& entry : wanted.passwords) {
        if (entry.role == role) {
            return &entry;
        }
    }
    return nullptr;
}

// CREATE ROLE for a declared role that is missing; ALTER ROLE of its attributes when the
// declaration changed.
void plan_declared_role(const RoleSpec& role, const Changes& changes, const Existing& existing,
                        Plan& plan) {
    const auto name = quote_identifier(role.name);
    if (!existing.roles.contains(role.name)) {
        plan.role_statements.push_back(
            fmt::format("CREATE ROLE {} WITH {}", name, attributes(role)));
        plan.actions.push_back(fmt::format("create role {}", name));
    } else if (changes.declaration) {
        plan.role_statements.push_back(
            fmt::format("ALTER ROLE {} WITH {}", name, attributes(role)));
    }
}

void plan_passwords(const Wanted& wanted, const Changes& changes, const Existing& existing,
                    const std::map<std::string, std::string>& verifiers, Plan& plan) {
    std::set<std::string> declared;
    for (const auto& role : wanted.roles) {
        declared.insert(role.name);
    }
    for (const auto& role : changes.passwords) {
        const auto* entry = password_of(wanted, role);
        const auto verifier = verifiers.find(role);
        if (entry == nullptr || verifier == verifiers.end()) {
            continue;
        }
        if (!existing.roles.contains(role) && !declared.contains(role)) {
            plan.notes.push_back(fmt::format(
                "role {} ({}) does not exist, so its password is not set (the image's init "
                "scripts create it at the first start only); create it, or declare it in "
                "PGFIT_DATABASES_FILE",
                quote_identifier(role), entry->source));
            plan.passwords_not_set.insert(role);
            continue;
        }
        plan.role_statements.push_back(fmt::format("ALTER ROLE {} PASSWORD {}",
                                                   quote_identifier(role),
                                                   quote_literal(verifier->second)));
        plan.actions.push_back(
            fmt::format("password of {} from {}", quote_identifier(role), entry->source));
    }
}

void plan_memberships(const Wanted& wanted, Plan& plan) {
    for (const auto& role : wanted.roles) {
        for (const auto& group : role.member_of) {
            plan.role_statements.push_back(fmt::format("GRANT {} TO {}", quote_identifier(group),
                                                       quote_identifier(role.name)));
        }
    }
}

void plan_database(const DeclaredDatabase& database, const Existing& existing, Plan& plan) {
    const auto name = quote_identifier(database.name);
    const auto owner = quote_identifier(database.owner);
    const auto found = existing.database_owners.find(database.name);
    if (found == existing.database_owners.end()) {
        plan.database_statements.push_back(
            fmt::format("CREATE DATABASE {} OWNER {}", name, owner));
        plan.actions.push_back(fmt::format("create database {} owned by {}", name, owner));
    } else if (found->second != database.owner) {
        plan.database_statements.push_back(fmt::format("ALTER DATABASE {} OWNER TO {}", name, owner));
        plan.actions.push_back(fmt::format("database {}: owner {} (was {})", name, owner,
                                           quote_identifier(found->second)));
    }
    const auto rw = quote_identifier(database.name + "_rw");
    const auto ro = quote_identifier(database.name + "_ro");
    DatabaseStatements inside{database.name, {}};
    auto& s = inside.statements;
    for (const auto& extension : database.extensions) {
        s.push_back(
            fmt::format("CREATE EXTENSION IF NOT EXISTS {} CASCADE", quote_identifier(extension)));
    }
    // PostgreSQL 14 and older let every role create in public; the owner alone does DDL.
    s.push_back("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    s.push_back(fmt::format("GRANT ALL ON SCHEMA public TO {}", owner));
    s.push_back(fmt::format("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}", name, rw));
    s.push_back(fmt::format("GRANT CONNECT ON DATABASE {} TO {}", name, ro));
    s.push_back(fmt::format("GRANT USAGE ON SCHEMA public TO {}, {}", rw, ro));
    s.push_back(fmt::format(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}", rw));
    s.push_back(fmt::format("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}",
                            rw));
    s.push_back(fmt::format("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}", ro));
    s.push_back(fmt::format("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {}", ro));
    const auto defaults = fmt::format("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public ", owner);
    s.push_back(defaults +
                fmt::format("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}", rw));
    s.push_back(defaults + fmt::format("GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}", rw));
    s.push_back(defaults + fmt::format("GRANT SELECT ON TABLES TO {}", ro));
    s.push_back(defaults + fmt::format("GRANT SELECT ON SEQUENCES TO {}", ro));
    plan.per_database.push_back(std::move(inside));
}

} // namespace

std::string quote_identifier(std::string_view name) {
    return quoted(name, '"');
}

std::string quote_literal(std::string_view text) {
    return quoted(text, '\'');
}

std::size_t Plan::statement_count() const {
    std::size_t count = role_statements.size() + database_statements.size();
    for (const auto& database : per_database) {
        count += database.statements.size();
    }
    return count;
}

Plan make_plan(const Wanted& wanted, const Changes& changes, const Existing& existing,
               const std::map<std::string, std::string>& verifiers) {
    Plan plan;
    for (const auto& role : wanted.roles) {
        if (changes.declaration || !existing.roles.contains(role.name)) {
            plan_declared_role(role, changes, existing, plan);
        }
    }
    plan_passwords(wanted, changes, existing, verifiers, plan);
    if (changes.declaration) {
        plan_memberships(wanted, plan);
        for (const auto& database : wanted.declaration.databases) {
            plan_database(database, existing, plan);
        }
    }
    for (const auto& role : changes.undeclared_roles) {
        plan.notes.push_back(fmt::format("role {} is no longer declared; it is kept (pgfit never "
                                         "drops a role): drop it by hand when nothing needs it",
                                         quote_identifier(role)));
    }
    for (const auto& database : changes.undeclared_databases) {
        plan.notes.push_back(fmt::format(
            "database {} is no longer declared; it is kept with its data (pgfit never drops a "
            "database): drop it by hand when nothing needs it",
            quote_identifier(database)));
    }
    return plan;
}

} // namespace pgfit::roles
