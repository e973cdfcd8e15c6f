#include "roles/state.hpp"

#include <crypt.h>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <nettle/pbkdf2.h>
#include <nettle/sha2.h>
#include <sys/random.h>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace pgfit::roles {

namespace {

constexpr std::string_view k_header =
    "# pgfit: salted hashes of the managed roles' passwords (never a password) and the "
    "declaration; delete this file to apply everything again at the next start";

// PBKDF2-HMAC-SHA256 at 1000 iterations (Nettle, linked in): at least as many SHA-256
// compressions per guess as SHA-256-crypt at its fewest rounds, in a third of the time (0.12
// against 0.36 ms here; Nettle uses the CPU's SHA instructions): a changed secret must be noticed
// in well under a millisecond at every start, and the file is readable by postgres only. The
// salt names the scheme; a state written with SHA-256-crypt ("$5$...") keeps being read with it.
constexpr std::string_view k_pbkdf2_prefix = "pbkdf2-sha256$1000$";
constexpr unsigned k_pbkdf2_iterations = 1000;
constexpr std::string_view k_sha256crypt_prefix = "$5$";

[[noreturn]] void hashing_failed(const char* what) {
    std::fprintf(stderr, "pgfit: ERROR: %s failed\n", what);
    std::abort();
}

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string text;
    for (std::size_t i = 0; i < size; ++i) {
        fmt::format_to(std::back_inserter(text), "{:02x}", bytes[i]);
    }
    return text;
}

} // namespace

std::string new_salt() {
    unsigned char random[16];
    if (::getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) {
        hashing_failed("getrandom");
    }
    return std::string(k_pbkdf2_prefix) + hex(random, sizeof random);
}

std::string salted_hash(const std::string& salt, const std::string& secret) {
    if (salt.starts_with(k_pbkdf2_prefix)) {
        unsigned char key[SHA256_DIGEST_SIZE];
        pbkdf2_hmac_sha256(secret.size(), reinterpret_cast<const uint8_t*>(secret.data()),
                           k_pbkdf2_iterations, salt.size(),
                           reinterpret_cast<const uint8_t*>(salt.data()), sizeof key, key);
        return hex(key, sizeof key);
    }
    crypt_data data{};
    const char* hashed = crypt_rn(secret.c_str(), salt.c_str(), &data, sizeof data);
    if (hashed == nullptr || hashed[0] == '*') {
        hashing_failed("SHA-256-crypt");
    }
    return std::string(hashed).substr(salt.size() + 1);
}

// Role names may hold spaces (POSTGRES_USER="my user"): each line is "<kind> <value>" or
// "password <hash> <role>", the name being the rest of the line; "declaration" lines hold the
// declaration's canonical text, one line each.
std::optional<RolesState> parse_state(std::string_view text) {
    RolesState state;
    // Lines as written, untrimmed: a name may end in a space.
    for (const auto line : split(text, '\n')) {
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
            state.declaration += std::string(value) + "\n";
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
    if (!state.salt.starts_with(k_pbkdf2_prefix) && !state.salt.starts_with(k_sha256crypt_prefix)) {
        return std::nullopt;
    }
    return state;
}

std::string render_state(const RolesState& state) {
    std::string text = fmt::format("{}\nsalt {}\n", k_header, state.salt);
    for (const auto line : split(state.declaration, '\n')) {
        if (!line.empty()) {
            text += fmt::format("declaration {}\n", line);
        }
    }
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
    state.declaration = canonical_text(wanted.declaration, wanted.roles);
    for (const auto& entry : wanted.passwords) {
        // The role's name is hashed too: the same password for two roles gives two hashes.
        state.password_hashes[entry.role] = salted_hash(salt, entry.role + '\n' + entry.password);
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
    changes.declaration = recorded.declaration != wanted.declaration;
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
