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

    TEST_CASE("sha256_hex: the standard test vector") {
        CHECK(sha256_hex("abc") ==
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    TEST_CASE("the state holds salted hashes, never a password, and reads back as written (a name with spaces too)") {
        const auto state = state_of(wanted_with("s3cret-value"), "00ff");
        const auto text = render_state(state);
        CHECK(text.find("s3cret-value") == std::string::npos);
        CHECK(text.find("app-secret") == std::string::npos);
        CHECK(text.find("declared-database shop\n") != std::string::npos);
        const auto parsed = parse_state(text);
        REQUIRE(parsed.has_value());
        CHECK(*parsed == state);
        // Another salt (another cluster) gives other hashes for the same password.
        CHECK(state_of(wanted_with("s3cret-value"), "0100").password_hashes.at("my cool user") !=
              state.password_hashes.at("my cool user"));
    }

    TEST_CASE("nothing changed: no change at all") {
        const auto recorded = state_of(wanted_with("one"), "ab");
        const auto changes = compare(recorded, state_of(wanted_with("one"), "ab"));
        CHECK_FALSE(changes.any());
    }

    TEST_CASE("a changed password names that role only") {
        const auto changes =
            compare(state_of(wanted_with("one"), "ab"), state_of(wanted_with("two"), "ab"));
        CHECK(changes.passwords == std::vector<std::string>{"my cool user"});
        CHECK_FALSE(changes.declaration);
    }

    TEST_CASE("no state file: everything is applied; a removed database is reported") {
        const auto first = compare(RolesState{}, state_of(wanted_with("one"), "ab"));
        CHECK(first.passwords.size() == 2);
        CHECK(first.declaration);
        auto without = wanted_with("one");
        without.declaration.databases.clear();
        without.roles.clear();
        const auto changes =
            compare(state_of(wanted_with("one"), "ab"), state_of(without, "ab"));
        CHECK(changes.declaration);
        CHECK(changes.undeclared_databases == std::vector<std::string>{"shop"});
        CHECK(changes.undeclared_roles == std::vector<std::string>{"shop"});
    }

    TEST_CASE("a text that is not a state file is not one") {
        CHECK_FALSE(parse_state("").has_value());
        CHECK_FALSE(parse_state("salt ab\nsomething else\n").has_value());
    }
}
