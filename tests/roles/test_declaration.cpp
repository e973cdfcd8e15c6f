#include <doctest/doctest.h>

#include "roles/declaration.hpp"

using namespace pgfit;
using namespace pgfit::roles;

namespace {

std::string error_of(std::string_view text) {
    const auto parsed = parse_declaration(text, "db.toml");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == ErrorKind::bad_input);
    return parsed.error().to_string();
}

bool never(const RoleSpec&) {
    return false;
}

} // namespace

TEST_SUITE("roles::declaration") {

    TEST_CASE("databases and roles with every key; owner defaults to the database's name") {
        const auto parsed = parse_declaration(R"(
[[databases]]
name = "shop"
owner = "shop_owner"
extensions = ["pg_trgm", "vector"]

[[databases]]
name = "wiki"

[[roles]]
name = "grafana"
member_of = ["shop_ro", "pg_read_all_stats"]
connection_limit = 5
password_variable = "GRAFANA_DB_PASSWORD"

[[roles]]
name = "batch"
login = false
)",
                                              "db.toml");
        REQUIRE_MESSAGE(parsed.has_value(), (parsed ? "" : parsed.error().to_string()));
        REQUIRE(parsed->databases.size() == 2);
        CHECK(parsed->databases[0] ==
              DeclaredDatabase{"shop", "shop_owner", {"pg_trgm", "vector"}});
        CHECK(parsed->databases[1] == DeclaredDatabase{"wiki", "wiki", {}});
        REQUIRE(parsed->roles.size() == 2);
        CHECK(parsed->roles[0] == DeclaredRole{"grafana", true, {"shop_ro", "pg_read_all_stats"},
                                               5, "GRAFANA_DB_PASSWORD"});
        CHECK(parsed->roles[1] == DeclaredRole{"batch", false, {}, -1, "BATCH_PASSWORD"});
    }

    TEST_CASE("an unknown key, an invalid name, a wrong type: errors at file:line:column") {
        CHECK(error_of("[[databases]]\nname = \"a\"\nowners = \"b\"\n") ==
              "db.toml:3:1: unknown key 'owners' in [[databases]] (expected name, owner, "
              "extensions)");
        CHECK(error_of("[[roles]]\nname = \"Bad Name\"\n") ==
              "db.toml:2:8: invalid role name 'Bad Name': expected 1 to 63 of a-z, 0-9, _ and -, "
              "starting with a letter or _, not with pg_");
        CHECK(error_of("[[databases]]\nname = \"pg_x\"\n") ==
              "db.toml:2:8: invalid database name 'pg_x': expected 1 to 63 of a-z, 0-9, _ and -, "
              "starting with a letter or _, not with pg_");
        CHECK(error_of("[[roles]]\nname = \"a\"\nlogin = \"yes\"\n") ==
              "db.toml:3:9: 'login' must be true or false");
        CHECK(error_of("[[databases]]\nowner = \"a\"\n") ==
              "db.toml:1:1: a [[databases]] entry without 'name'");
        CHECK(error_of("[database]\nname = \"a\"\n") ==
              "db.toml:1:2: unknown key 'database' (expected [[databases]] and [[roles]])");
        CHECK(error_of("[[databases]]\nname = \"a\"\n[[databases]]\nname = \"a\"\n") ==
              "db.toml: database 'a' is declared twice");
        CHECK(error_of("[[roles]\n").starts_with("db.toml:1:"));
    }

    TEST_CASE("POSTGRES_MULTIPLE_DATABASES: names, optional owners, spaces and empty items") {
        const auto parsed = parse_database_list(" shop, wiki:wiki_admin ,,temporal-visibility",
                                                "POSTGRES_MULTIPLE_DATABASES");
        REQUIRE(parsed.has_value());
        REQUIRE(parsed->size() == 3);
        CHECK((*parsed)[0] == DeclaredDatabase{"shop", "shop", {}});
        CHECK((*parsed)[1] == DeclaredDatabase{"wiki", "wiki_admin", {}});
        CHECK((*parsed)[2] == DeclaredDatabase{"temporal-visibility", "temporal-visibility", {}});
        const auto bad = parse_database_list("shop,Shop", "POSTGRES_MULTIPLE_DATABASES");
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error().to_string() ==
              "POSTGRES_MULTIPLE_DATABASES: invalid name 'Shop': expected 1 to 63 of a-z, 0-9, _ "
              "and -, starting with a letter or _, not with pg_");
        const auto twice = with_databases(Declaration{{{"shop", "shop", {}}}, {}}, {{"shop", "shop", {}}},
                                          "POSTGRES_MULTIPLE_DATABASES");
        REQUIRE_FALSE(twice.has_value());
        CHECK(twice.error().to_string() ==
              "POSTGRES_MULTIPLE_DATABASES: database 'shop' is declared twice");
    }

    TEST_CASE("expanded roles: owners once, _rw/_ro log in only with a password, then [[roles]]") {
        const Declaration declaration{{{"shop", "team", {}}, {"wiki", "team", {}}},
                                      {{"grafana", true, {"shop_ro"}, 3, "GRAFANA_PASSWORD"}}};
        const auto roles = expand_roles(
            declaration, [](const RoleSpec& role) { return role.name == "shop_rw"; }, "db.toml");
        REQUIRE(roles.has_value());
        std::vector<std::string> names;
        for (const auto& role : *roles) {
            names.push_back(role.name);
        }
        CHECK(names == std::vector<std::string>{"team", "shop_rw", "shop_ro", "wiki_rw", "wiki_ro",
                                                "grafana"});
        CHECK((*roles)[1].login);
        CHECK_FALSE((*roles)[2].login);
        CHECK((*roles)[1].password_variable == "SHOP_RW_PASSWORD");
        CHECK((*roles)[5].connection_limit == 3);
        CHECK(default_password_variable("temporal-visibility") ==
              "TEMPORAL_VISIBILITY_PASSWORD");
    }

    TEST_CASE("a [[roles]] entry named like a standard role is an error") {
        const Declaration declaration{{{"shop", "shop", {}}}, {{"shop_ro", true, {}, -1, "X"}}};
        const auto roles = expand_roles(declaration, never, "db.toml");
        REQUIRE_FALSE(roles.has_value());
        CHECK(roles.error().to_string() ==
              "db.toml: role 'shop_ro' is declared twice (the standard roles of a database are "
              "<database>_rw and <database>_ro)");
    }

    TEST_CASE("the canonical text changes with any declared attribute") {
        Declaration declaration{{{"shop", "shop", {"pg_trgm"}}}, {}};
        const auto before = canonical_text(declaration, *expand_roles(declaration, never, ""));
        CHECK(before == canonical_text(declaration, *expand_roles(declaration, never, "")));
        declaration.databases[0].extensions.push_back("vector");
        CHECK(before != canonical_text(declaration, *expand_roles(declaration, never, "")));
    }
}
