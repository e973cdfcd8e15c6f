#include <cstdlib>

#include <doctest/doctest.h>

#include "config/secrets.hpp"

using namespace pgfit;
using namespace pgfit::config;

namespace {

Environment env(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

} // namespace

TEST_SUITE("cluster::secrets") {
    TEST_CASE("secret names") {
        CHECK(is_secret_name("POSTGRES_PASSWORD"));
        CHECK(is_secret_name("POSTGRES_REPLICATION_PASSWORD_FILE"));
        CHECK(is_secret_name("PGPASSWORD"));
        CHECK_FALSE(is_secret_name("POSTGRES_PASSWORD_SCRAM"));
        CHECK_FALSE(is_secret_name("POSTGRES_USER"));
    }

    TEST_CASE("without_secrets keeps everything else") {
        const auto scrubbed = without_secrets(env({{"POSTGRES_PASSWORD", "x"},
                                                   {"PGPASSWORD", "y"},
                                                   {"APP_DB_PASSWORD_FILE", "/run/secrets/z"},
                                                   {"POSTGRES_USER", "u"},
                                                   {"PATH", "/bin"}}));
        CHECK(scrubbed.to_strings() == std::vector<std::string>{"PATH=/bin", "POSTGRES_USER=u"});
    }

    TEST_CASE("wipe_secrets_from_process_environment overwrites values in place") {
        ::setenv("PGFIT_UNIT_TEST_PASSWORD", "hunter2", 1);
        ::setenv("PGFIT_UNIT_TEST_OTHER", "visible", 1);
        wipe_secrets_from_process_environment();
        CHECK(std::string(::getenv("PGFIT_UNIT_TEST_PASSWORD")) == "*******");
        CHECK(std::string(::getenv("PGFIT_UNIT_TEST_OTHER")) == "visible");
        ::unsetenv("PGFIT_UNIT_TEST_PASSWORD");
        ::unsetenv("PGFIT_UNIT_TEST_OTHER");
    }
}
