// PGDATA/pgfit-roles.state: what the roles were last applied from, so a start (or SIGHUP) with
// nothing changed runs no statement at all. Per role, a salted hash of its password (never the
// password: the salt is random per cluster), the declaration's canonical text (names and
// attributes, no secret), and the names declared then (to report the ones that left the
// declaration). Pure except `new_salt`.
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
    std::string salt;        // "pbkdf2-sha256$1000$<hex>"; "$5$rounds=1000$<salt>" before
    std::string declaration; // canonical_text (roles/declaration.hpp)
    std::map<std::string, std::string> password_hashes; // role → salted hash
    std::set<std::string> declared_roles;
    std::set<std::string> declared_databases;

    bool operator==(const RolesState&) const = default;
};

// A new random salt, and `secret` hashed with a salt: PBKDF2-HMAC-SHA256 from Nettle, or
// libxcrypt's SHA-256-crypt for a salt of that scheme (states written before); not libcrypto,
// whose loading cost each start several milliseconds.
std::string new_salt();
std::string salted_hash(const std::string& salt, const std::string& secret);

// nullopt for a text that is not a state file (then everything counts as changed).
std::optional<RolesState> parse_state(std::string_view text);
std::string render_state(const RolesState& state);

// The state `wanted` would leave, with `salt`.
RolesState state_of(const Wanted& wanted, const std::string& salt);

struct Changes {
    std::vector<std::string> passwords;            // roles whose password is new or changed
    bool declaration = false;                      // the declaration differs
    std::vector<std::string> undeclared_roles;     // declared before, not any more
    std::vector<std::string> undeclared_databases; // idem

    bool any() const { return !passwords.empty() || declaration; }
};

Changes compare(const RolesState& recorded, const RolesState& wanted);

} // namespace pgfit::roles
