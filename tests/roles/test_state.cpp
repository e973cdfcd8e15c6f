#include <doctest/doctest.h>

#include "roles/state.hpp"

using namespace pgfit::roles;

namespace {

Wanted wanted_with(const std::string& password) {
    Wanted wanted;
    wanted.passwords = {{"my cool user", "POSTGRES_PASSWORD", password},
                        {"app", "POSTGRES_APP_PASSWORD_FILE", "app-secret"}};
    wanted.declaration.databases = {{"shop", "shop", {}}};
    wanted.roles = {{"shop", RoleSpec::Kind::owner, "shop", true, {}, -1, "SHOP_PASSWORD"}};
    return wanted;
}

} // namespace

TEST_SUITE("roles::state") {

    TEST_CASE("salted_hash: PBKDF2-HMAC-SHA256, 1000 iterations, for a new salt (as Python's "
              "hashlib.pbkdf2_hmac gives it)") {
        CHECK(salted_hash("pbkdf2-sha256$1000$00112233445566778899aabbccddeeff", "Hello world!") ==
              "ba038a84b9b75f33a5869f77b398cdd27909875fbaa76dba67488a574e8811c3");
        const auto salt = new_salt();
        CHECK(salt.starts_with("pbkdf2-sha256$1000$"));
        CHECK(salt.size() == std::string_view("pbkdf2-sha256$1000$").size() + 32);
        CHECK(new_salt() != salt);
    }

    TEST_CASE("salted_hash: SHA-256-crypt for a salt of a state written with it (its test "
              "vector, as `openssl passwd -5` gives it)") {
        CHECK(salted_hash("$5$saltstring", "Hello world!") ==
              "5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5");
        const auto state = state_of(wanted_with("s3cret-value"), "$5$rounds=1000$00ff");
        const auto parsed = parse_state(render_state(state));
        REQUIRE(parsed.has_value());
        CHECK(*parsed == state);
        CHECK_FALSE(compare(*parsed, state_of(wanted_with("s3cret-value"), parsed->salt)).any());
        CHECK(compare(*parsed, state_of(wanted_with("another"), parsed->salt)).passwords ==
              std::vector<std::string>{"my cool user"});
    }

    TEST_CASE("the state holds salted hashes, never a password, and reads back as written (a name "
              "with spaces too)") {
        const auto state = state_of(wanted_with("s3cret-value"), "pbkdf2-sha256$1000$00ff");
        const auto text = render_state(state);
        CHECK(text.find("s3cret-value") == std::string::npos);
        CHECK(text.find("app-secret") == std::string::npos);
        CHECK(text.find("declared-database shop\n") != std::string::npos);
        const auto parsed = parse_state(text);
        REQUIRE(parsed.has_value());
        CHECK(*parsed == state);
        // Another salt (another cluster) gives other hashes for the same password.
        CHECK(state_of(wanted_with("s3cret-value"), "pbkdf2-sha256$1000$0100")
                  .password_hashes.at("my cool user") != state.password_hashes.at("my cool user"));
    }

    TEST_CASE("nothing changed: no change at all") {
        const auto recorded = state_of(wanted_with("one"), "pbkdf2-sha256$1000$ab");
        const auto changes =
            compare(recorded, state_of(wanted_with("one"), "pbkdf2-sha256$1000$ab"));
        CHECK_FALSE(changes.any());
    }

    TEST_CASE("a changed password names that role only") {
        const auto changes = compare(state_of(wanted_with("one"), "pbkdf2-sha256$1000$ab"),
                                     state_of(wanted_with("two"), "pbkdf2-sha256$1000$ab"));
        CHECK(changes.passwords == std::vector<std::string>{"my cool user"});
        CHECK_FALSE(changes.declaration);
    }

    TEST_CASE("no state file: everything is applied; a removed database is reported") {
        const auto first =
            compare(RolesState{}, state_of(wanted_with("one"), "pbkdf2-sha256$1000$ab"));
        CHECK(first.passwords.size() == 2);
        CHECK(first.declaration);
        auto without = wanted_with("one");
        without.declaration.databases.clear();
        without.roles.clear();
        const auto changes = compare(state_of(wanted_with("one"), "pbkdf2-sha256$1000$ab"),
                                     state_of(without, "pbkdf2-sha256$1000$ab"));
        CHECK(changes.declaration);
        CHECK(changes.undeclared_databases == std::vector<std::string>{"shop"});
        CHECK(changes.undeclared_roles == std::vector<std::string>{"shop"});
    }

    TEST_CASE("a text that is not a state file is not one") {
        CHECK_FALSE(parse_state("").has_value());
        CHECK_FALSE(parse_state("salt $5$ab\nsomething else\n").has_value());
        // A state of the earlier format (hex salt, SHA-256): everything is applied once again.
        CHECK_FALSE(parse_state("salt 00ff\ndeclaration ab12\n").has_value());
    }
}
