#include <doctest/doctest.h>

#include "roles/plan.hpp"

using namespace pgfit::roles;

namespace {

Wanted declared() {
    Wanted wanted;
    wanted.passwords = {{"postgres", "POSTGRES_PASSWORD_FILE", "x"},
                        {"shop", "SHOP_PASSWORD", "y"},
                        {"postgres_exporter", "POSTGRES_MONITOR_PASSWORD", "z"}};
    wanted.declaration.databases = {{"shop", "shop", {"pg_trgm"}}};
    wanted.roles = {{"shop", RoleSpec::Kind::owner, "shop", true, {}, -1, "SHOP_PASSWORD"},
                    {"shop_rw", RoleSpec::Kind::read_write, "shop", false, {}, -1, "SHOP_RW_PASSWORD"},
                    {"shop_ro", RoleSpec::Kind::read_only, "shop", false, {}, -1, "SHOP_RO_PASSWORD"},
                    {"grafana", RoleSpec::Kind::extra, "", true, {"shop_ro"}, 5, "GRAFANA_PASSWORD"}};
    return wanted;
}

const std::map<std::string, std::string> k_verifiers = {
    {"postgres", "SCRAM-SHA-256$4096:p"}, {"shop", "SCRAM-SHA-256$4096:s"},
    {"postgres_exporter", "SCRAM-SHA-256$4096:e"}};

} // namespace

TEST_SUITE("roles::plan") {

    TEST_CASE("an empty server: roles, passwords and grants, the database, then its privileges") {
        Changes changes;
        changes.passwords = {"postgres", "shop"};
        changes.declaration = true;
        const auto plan = make_plan(declared(), changes, Existing{{"postgres"}, {{"postgres", "postgres"}}},
                                    k_verifiers);
        CHECK(plan.role_statements ==
              std::vector<std::string>{
                  R"(CREATE ROLE "shop" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT -1)",
                  R"(CREATE ROLE "shop_rw" WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT -1)",
                  R"(CREATE ROLE "shop_ro" WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT -1)",
                  R"(CREATE ROLE "grafana" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT 5)",
                  R"(ALTER ROLE "postgres" PASSWORD 'SCRAM-SHA-256$4096:p')",
                  R"(ALTER ROLE "shop" PASSWORD 'SCRAM-SHA-256$4096:s')",
                  R"(GRANT "shop_ro" TO "grafana")"});
        CHECK(plan.database_statements ==
              std::vector<std::string>{R"(CREATE DATABASE "shop" OWNER "shop")"});
        REQUIRE(plan.per_database.size() == 1);
        const auto& inside = plan.per_database[0].statements;
        CHECK(inside.front() == R"(CREATE EXTENSION IF NOT EXISTS "pg_trgm" CASCADE)");
        CHECK(std::find(inside.begin(), inside.end(),
                        R"(ALTER DEFAULT PRIVILEGES FOR ROLE "shop" IN SCHEMA public GRANT SELECT ON TABLES TO "shop_ro")") !=
              inside.end());
        for (const auto& action : plan.actions) {
            CHECK(action.find("SCRAM") == std::string::npos);
        }
        CHECK(plan.notes.empty());
    }

    TEST_CASE("only a password changed: one ALTER ROLE, nothing else") {
        Changes changes;
        changes.passwords = {"postgres"};
        const auto plan = make_plan(declared(), changes,
                                    Existing{{"postgres", "shop", "shop_rw", "shop_ro", "grafana"},
                                             {{"shop", "shop"}}},
                                    k_verifiers);
        CHECK(plan.role_statements ==
              std::vector<std::string>{R"(ALTER ROLE "postgres" PASSWORD 'SCRAM-SHA-256$4096:p')"});
        CHECK(plan.statement_count() == 1);
        CHECK(plan.actions ==
              std::vector<std::string>{R"(password of "postgres" from POSTGRES_PASSWORD_FILE)"});
    }

    TEST_CASE("a managed role that does not exist: a note, no statement, tried again later") {
        Changes changes;
        changes.passwords = {"postgres_exporter"};
        const auto plan = make_plan(declared(), changes,
                                    Existing{{"postgres", "shop", "shop_rw", "shop_ro", "grafana"},
                                             {{"shop", "shop"}}},
                                    k_verifiers);
        CHECK(plan.statement_count() == 0);
        REQUIRE(plan.notes.size() == 1);
        CHECK(plan.notes[0].starts_with(R"(role "postgres_exporter" (POSTGRES_MONITOR_PASSWORD) does not exist)"));
        CHECK(plan.passwords_not_set == std::set<std::string>{"postgres_exporter"});
    }

    TEST_CASE("another owner: ALTER DATABASE OWNER; nothing dropped, leavers reported") {
        Changes changes;
        changes.declaration = true;
        changes.undeclared_roles = {"old_role"};
        changes.undeclared_databases = {"old_db"};
        const auto plan = make_plan(declared(), changes,
                                    Existing{{"postgres", "shop", "shop_rw", "shop_ro", "grafana", "old_role"},
                                             {{"shop", "postgres"}, {"old_db", "postgres"}}},
                                    k_verifiers);
        CHECK(plan.database_statements ==
              std::vector<std::string>{R"(ALTER DATABASE "shop" OWNER TO "shop")"});
        for (const auto& statement : plan.role_statements) {
            CHECK(statement.find("DROP") == std::string::npos);
            CHECK_FALSE(statement.starts_with("CREATE"));
        }
        CHECK(plan.notes.size() == 2);
        CHECK(plan.notes[1].starts_with(R"(database "old_db" is no longer declared; it is kept)"));
    }

    TEST_CASE("quoting doubles the quote character") {
        CHECK(quote_identifier(R"(a"b)") == R"("a""b")");
        CHECK(quote_literal("it's") == "'it''s'");
    }
}
