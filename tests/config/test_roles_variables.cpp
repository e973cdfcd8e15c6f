#include <doctest/doctest.h>

#include "config/roles_variables.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::config;

namespace {

std::vector<std::string> entries(const roles::Wanted& wanted) {
    std::vector<std::string> out;
    for (const auto& entry : wanted.passwords) {
        out.push_back(entry.role + "<" + entry.source + ">" + entry.password);
    }
    return out;
}

using Variables = std::map<std::string, std::string, std::less<>>;

std::string error_of(Variables variables) {
    const auto wanted = read_wanted_roles(Environment(std::move(variables)), "postgres");
    REQUIRE_FALSE(wanted.has_value());
    CHECK(wanted.error().kind == ErrorKind::bad_input);
    return wanted.error().to_string();
}

} // namespace

TEST_SUITE("config::roles_variables") {

    TEST_CASE("the image's roles with a password, the declared ones after them") {
        test::ScratchDir dir;
        const auto file = dir.file("app", "from file\n\n");
        const auto wanted = read_wanted_roles(
            Environment({{"POSTGRES_PASSWORD", "super"},
                         {"POSTGRES_APP_USER", "app"},
                         {"POSTGRES_APP_PASSWORD_FILE", file},
                         {"POSTGRES_MONITOR_PASSWORD", "mon"},
                         {"POSTGRES_MULTIPLE_DATABASES", "shop,app"},
                         {"SHOP_PASSWORD", "shop pw"},
                         {"APP_PASSWORD", "ignored: app is POSTGRES_APP_USER"},
                         {"SHOP_RO_PASSWORD", "ro"}}),
            "admin");
        REQUIRE(wanted.has_value());
        CHECK(entries(*wanted) ==
              std::vector<std::string>{"admin<POSTGRES_PASSWORD>super",
                                       "app<POSTGRES_APP_PASSWORD_FILE>from file\n",
                                       "postgres_exporter<POSTGRES_MONITOR_PASSWORD>mon",
                                       "shop<SHOP_PASSWORD>shop pw",
                                       "shop_ro<SHOP_RO_PASSWORD>ro"});
        REQUIRE(wanted->roles.size() == 6);
        CHECK(wanted->roles[2].name == "shop_rw");
        CHECK_FALSE(wanted->roles[2].login);
        CHECK(wanted->roles[3].login);
    }

    TEST_CASE("POSTGRES_PASSWORD_FILE loses every trailing newline, as in the official image") {
        test::ScratchDir dir;
        const auto wanted = read_wanted_roles(
            Environment({{"POSTGRES_PASSWORD_FILE", dir.file("pw", "secret\n\n")}}), "postgres");
        REQUIRE(wanted.has_value());
        CHECK(entries(*wanted) ==
              std::vector<std::string>{"postgres<POSTGRES_PASSWORD_FILE>secret"});
    }

    TEST_CASE("a missing or empty secret file, both forms set: errors naming the variable") {
        test::ScratchDir dir;
        CHECK(error_of({{"POSTGRES_APP_USER", "app"},
                        {"POSTGRES_APP_PASSWORD_FILE", dir.path + "/none"}})
                  .starts_with("POSTGRES_APP_PASSWORD_FILE: cannot read secret file '" + dir.path +
                               "/none'"));
        const auto empty = dir.file("empty", "");
        CHECK(error_of({{"POSTGRES_PASSWORD_FILE", empty}}) ==
              "POSTGRES_PASSWORD_FILE: secret file '" + empty + "' is empty");
        CHECK(error_of({{"POSTGRES_MULTIPLE_DATABASES", "shop"},
                        {"SHOP_PASSWORD", "a"},
                        {"SHOP_PASSWORD_FILE", empty}}) ==
              "SHOP_PASSWORD: both SHOP_PASSWORD and SHOP_PASSWORD_FILE are set (but are exclusive)");
    }

    TEST_CASE("the declaration file: unreadable, or invalid at file:line:column") {
        test::ScratchDir dir;
        CHECK(error_of({{"PGFIT_DATABASES_FILE", dir.path + "/none.toml"}})
                  .starts_with("PGFIT_DATABASES_FILE: cannot read '" + dir.path + "/none.toml'"));
        const auto bad = dir.file("db.toml", "[[roles]]\nname = \"x\"\npassword = \"no\"\n");
        CHECK(error_of({{"PGFIT_DATABASES_FILE", bad}}) ==
              bad + ":3:1: unknown key 'password' in [[roles]] (expected name, login, member_of, "
                    "connection_limit, password_variable)");
    }

    TEST_CASE("POSTGRES_SUPERUSER_LOCAL_ONLY is a switch") {
        CHECK(*read_superuser_local_only(Environment(Variables{})) == false);
        CHECK(*read_superuser_local_only(Environment(Variables{{"POSTGRES_SUPERUSER_LOCAL_ONLY", "yes"}})));
        CHECK_FALSE(
            read_superuser_local_only(Environment(Variables{{"POSTGRES_SUPERUSER_LOCAL_ONLY", "maybe"}}))
                .has_value());
    }
}
