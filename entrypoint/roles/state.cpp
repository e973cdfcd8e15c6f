#include "roles/state.hpp"

#include <cstdio>
#include <cstdlib>
#include <openssl/evp.h>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace pgfit::roles {

namespace {

constexpr std::string_view k_header =
    "# pgfit: salted hashes of the managed roles' passwords (never a password) and of the "
    "declaration; delete this file to apply everything again at the next start";

} // namespace

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        std::fprintf(stderr, "pgfit: ERROR: EVP_Digest: SHA-256 failed\n");
        std::abort();
    }
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

// Role names may hold spaces (POSTGRES_USER="my user"): each line is "<kind> <value>" or
// "password <hash> <role>", the name being the rest of the line.
std::optional<RolesState> parse_state(std::string_view text) {
    RolesState state;
    for (const auto& raw : split(text, '\n')) {
        const auto line = trim(raw);
        if (line.empty() || line.starts_with("#")) {
            continue;
        }
        const auto space = line.find(' ');
        if (space == std::string_view::npos) {
            return std::nullopt;
        }
        const auto kind = line.substr(0, space);
        const auto value = line.substr(space + 1);
        if (kind == "salt") {
            state.salt = value;
        } else if (kind == "declaration") {
            state.declaration_hash = value;
        } else if (kind == "password" && value.find(' ') != std::string_view::npos) {
            const auto hash_end = value.find(' ');
            state.password_hashes[std::string(value.substr(hash_end + 1))] =
                value.substr(0, hash_end);
        } else if (kind == "declared-role") {
            state.declared_roles.emplace(value);
        } else if (kind == "declared-database") {
            state.declared_databases.emplace(value);
        } else {
            return std::nullopt;
        }
    }
    if (state.salt.empty()) {
        return std::nullopt;
    }
    return state;
}

std::string render_state(const RolesState& state) {
    std::string text = fmt::format("{}\nsalt {}\ndeclaration {}\n", k_header, state.salt,
                                   state.declaration_hash);
    for (const auto& [role, hash] : state.password_hashes) {
        text += fmt::format("password {} {}\n", hash, role);
    }
    for (const auto& role : state.declared_roles) {
        text += fmt::format("declared-role {}\n", role);
    }
    for (const auto& database : state.declared_databases) {
        text += fmt::format("declared-database {}\n", database);
    }
    return text;
}

RolesState state_of(const Wanted& wanted, const std::string& salt) {
    RolesState state;
    state.salt = salt;
    state.declaration_hash = sha256_hex(canonical_text(wanted.declaration, wanted.roles));
    for (const auto& entry : wanted.passwords) {
        // The role's name is hashed too: the same password for two roles gives two hashes.
        state.password_hashes[entry.role] =
            sha256_hex(salt + '\0' + entry.role + '\0' + entry.password);
    }
    for (const auto& role : wanted.roles) {
        state.declared_roles.insert(role.name);
    }
    for (const auto& database : wanted.declaration.databases) {
        state.declared_databases.insert(database.name);
    }
    return state;
}

Changes compare(const RolesState& recorded, const RolesState& wanted) {
    Changes changes;
    for (const auto& [role, hash] : wanted.password_hashes) {
        const auto found = recorded.password_hashes.find(role);
        if (found == recorded.password_hashes.end() || found->second != hash) {
            changes.passwords.push_back(role);
        }
    }
    changes.declaration = recorded.declaration_hash != wanted.declaration_hash;
    for (const auto& role : recorded.declared_roles) {
        if (!wanted.declared_roles.contains(role)) {
            changes.undeclared_roles.push_back(role);
        }
    }
    for (const auto& database : recorded.declared_databases) {
        if (!wanted.declared_databases.contains(database)) {
            changes.undeclared_databases.push_back(database);
        }
    }
    return changes;
}

} // namespace pgfit::roles
