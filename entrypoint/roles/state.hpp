// PGDATA/pgfit-roles.state: what the roles were last applied from, so a start (or SIGHUP) with
// nothing changed runs no statement at all. Per role, a salted SHA-256 of its password (never
// the password: the salt is random per cluster), the hash of the declaration, and the names
// declared then (to report the ones that left the declaration). Pure except `sha256_hex`.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "roles/wanted.hpp"

namespace pgfit::roles {

inline constexpr const char* k_state_name = "pgfit-roles.state";

struct RolesState {
    std::string salt; // hex
    std::string declaration_hash;
    std::map<std::string, std::string> password_hashes; // role → salted hash
    std::set<std::string> declared_roles;
    std::set<std::string> declared_databases;

    bool operator==(const RolesState&) const = default;
};

// Lowercase hex SHA-256 (OpenSSL's libcrypto, opened on first use; pgfit ends with one line
// naming it when it cannot be loaded).
std::string sha256_hex(std::string_view data);

// nullopt for a text that is not a state file (then everything counts as changed).
std::optional<RolesState> parse_state(std::string_view text);
std::string render_state(const RolesState& state);

// The state `wanted` would leave, with `salt`.
RolesState state_of(const Wanted& wanted, const std::string& salt);

struct Changes {
    std::vector<std::string> passwords; // roles whose password is new or changed
    bool declaration = false;           // the declaration differs
    std::vector<std::string> undeclared_roles;     // declared before, not any more
    std::vector<std::string> undeclared_databases; // idem

    bool any() const { return !passwords.empty() || declaration; }
};

Changes compare(const RolesState& recorded, const RolesState& wanted);

} // namespace pgfit::roles
