#include <doctest/doctest.h>

#include "util/secret.hpp"

TEST_SUITE("util::without_secrets") {
    TEST_CASE("every *_PASSWORD, *_PASSWORD_FILE and libpq password variable is removed") {
        const pgfit::Environment environment({{"POSTGRES_PASSWORD", "a"},
                                              {"PGBOUNCER_AUTH_PASSWORD_FILE", "/run/secrets/x"},
                                              {"PGPASSWORD", "b"},
                                              {"PGPASSFILE", "/p"},
                                              {"PATH", "/bin"},
                                              {"PASSWORD_HINT", "kept: not a suffix"}});
        CHECK(pgfit::without_secrets(environment).to_strings() ==
              std::vector<std::string>{"PASSWORD_HINT=kept: not a suffix", "PATH=/bin"});
    }
}
