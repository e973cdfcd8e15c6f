// The statements that bring a server from what exists to what is wanted. Pure: the caller
// queries what exists, computes the SCRAM verifiers, and runs the plan. Roles first (one
// transaction: every password changes together or none does), then CREATE DATABASE (which
// cannot run in a transaction), then one transaction per declared database (extensions,
// privileges, default privileges). Nothing is ever dropped or revoked from a role.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "roles/state.hpp"
#include "roles/wanted.hpp"

namespace pgfit::roles {

struct Existing {
    std::set<std::string> roles;
    std::map<std::string, std::string> database_owners; // database → owner
};

struct DatabaseStatements {
    std::string database;
    std::vector<std::string> statements;
};

struct Plan {
    std::vector<std::string> role_statements;     // hold verifiers: never logged
    std::vector<std::string> database_statements; // each on its own
    std::vector<DatabaseStatements> per_database;
    std::vector<std::string> actions; // one line per change, without secrets, for the log
    std::vector<std::string> notes;   // warnings: managed roles that do not exist, ...
    std::set<std::string> passwords_not_set; // roles whose password could not be set

    std::size_t statement_count() const;
};

// `verifiers`: role → SCRAM verifier, for every role in `changes.passwords`.
Plan make_plan(const Wanted& wanted, const Changes& changes, const Existing& existing,
               const std::map<std::string, std::string>& verifiers);

// "name" with embedded quotes doubled; 'text' likewise.
std::string quote_identifier(std::string_view name);
std::string quote_literal(std::string_view text);

} // namespace pgfit::roles
