#include <doctest/doctest.h>

#include "roles/hashed_ahead.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit::roles;

namespace {

Wanted two_passwords() {
    Wanted wanted;
    wanted.passwords = {{"postgres", "POSTGRES_PASSWORD", "first secret"},
                        {"app", "POSTGRES_APP_PASSWORD", "second secret"}};
    return wanted;
}

} // namespace

TEST_SUITE("roles::HashedAhead") {

    TEST_CASE("begun with the salt the state file records: state_of's answer; another salt (a "
              "cluster restored meanwhile) is hashed when asked") {
        const auto wanted = two_passwords();
        const std::string recorded_salt = "$5$rounds=1000$0123456789abcdef";
        const pgfit::test::ScratchDir pgdata;
        pgdata.file(k_state_name, render_state(state_of(wanted, recorded_salt)));
        HashedAhead ahead(wanted, pgdata.path);
        CHECK(ahead.state_for(recorded_salt) == state_of(wanted, recorded_salt));
        const std::string other_salt = "$5$rounds=1000$fedcba9876543210";
        CHECK(ahead.state_for(other_salt) == state_of(wanted, other_salt));
    }

    TEST_CASE("no state file (a first start): hashed when asked") {
        const auto wanted = two_passwords();
        const pgfit::test::ScratchDir pgdata;
        HashedAhead ahead(wanted, pgdata.path);
        const std::string salt = "$5$rounds=1000$00ff00ff00ff00ff";
        CHECK(ahead.state_for(salt) == state_of(wanted, salt));
    }
}
