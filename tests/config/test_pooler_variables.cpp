#include <cstdio>
#include <fstream>

#include <doctest/doctest.h>

#include "config/pooler_variables.hpp"

using pgfit::Environment;
using pgfit::config::read_pooler_settings;
using pgfit::pooler::RoutedDatabase;
using Routes = std::vector<RoutedDatabase>;

namespace {

Environment environment_of(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

} // namespace

TEST_SUITE("config::read_pooler_settings") {
    TEST_CASE("defaults route POSTGRES_DB to the service `postgres`") {
        const auto settings = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}, {"POSTGRES_DB", "app"}}));
        REQUIRE(settings.has_value());
        CHECK(settings->server_host == "postgres");
        CHECK(settings->server_port == 5432);
        CHECK(settings->auth_user == "pgbouncer_auth");
        CHECK(settings->auth_password == "pw");
        CHECK(settings->databases == Routes{{"app", "app"}});
        CHECK(settings->pool_mode == "transaction");
        CHECK(settings->listen_port == 6432);
    }

    TEST_CASE("the database falls back like the official image: POSTGRES_USER, then postgres") {
        CHECK(read_pooler_settings(
                  environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}, {"POSTGRES_USER", "me"}}))
                  ->databases == Routes{{"me", "me"}});
        CHECK(
            read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}}))->databases ==
            Routes{{"postgres", "postgres"}});
    }

    TEST_CASE("PGBOUNCER_DATABASES is a trimmed comma list of NAME or ALIAS=NAME") {
        const auto settings = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"},
                            {"PGBOUNCER_DATABASES", " app, my_db = my db ,,x"}}));
        CHECK(settings->databases == Routes{{"app", "app"}, {"my_db", "my db"}, {"x", "x"}});
        const auto empty = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}, {"PGBOUNCER_DATABASES", " , "}}));
        CHECK(empty.error().to_string() == "PGBOUNCER_DATABASES: ' , ' names no database; expected "
                                           "a comma list of NAME or ALIAS=NAME");
    }

    TEST_CASE("a name PgBouncer's configuration file cannot hold needs an alias") {
        const auto settings = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}, {"POSTGRES_DB", "my app"}}));
        CHECK(settings.error().to_string() ==
              "PGBOUNCER_DATABASES: PgBouncer cannot route a database named 'my app' (its "
              "configuration file takes "
              "only 0-9 A-Z a-z _ . -); give it another name for clients: "
              "PGBOUNCER_DATABASES=ALIAS=my app");
        CHECK(read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"},
                                                   {"PGBOUNCER_AUTH_USER", "a b"}}))
                  .error()
                  .to_string() == "PGBOUNCER_AUTH_USER: 'a b' cannot be a PgBouncer user name; use "
                                  "only 0-9 A-Z a-z _ . -");
    }

    TEST_CASE("the password comes from a file without its trailing newline") {
        const std::string path = "/tmp/pgfit-unit-pooler-secret";
        std::ofstream(path) << "file pw\n";
        const auto settings =
            read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD_FILE", path}}));
        std::remove(path.c_str());
        REQUIRE(settings.has_value());
        CHECK(settings->auth_password == "file pw");
    }

    TEST_CASE("server TLS: its own variable, else require when the server requires TLS") {
        const auto plain =
            read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}}));
        REQUIRE(plain.has_value());
        CHECK(plain->server_tls_sslmode.empty());
        const auto required = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}, {"POSTGRES_TLS", "Require"}}));
        REQUIRE(required.has_value());
        CHECK(required->server_tls_sslmode == "require");
        const auto on = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"}, {"POSTGRES_TLS", "on"}}));
        REQUIRE(on.has_value());
        CHECK(on->server_tls_sslmode.empty());
        const auto verified = read_pooler_settings(
            environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"},
                            {"POSTGRES_TLS", "require"},
                            {"PGBOUNCER_SERVER_TLS_SSLMODE", "verify-full"},
                            {"PGBOUNCER_SERVER_TLS_CA_FILE", "/tls/ca.crt"}}));
        REQUIRE(verified.has_value());
        CHECK(verified->server_tls_sslmode == "verify-full");
        CHECK(verified->server_tls_ca_file == "/tls/ca.crt");
        CHECK(read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"},
                                                   {"PGBOUNCER_SERVER_TLS_SSLMODE", "verify-ca"}}))
                  .error()
                  .to_string() ==
              "PGBOUNCER_SERVER_TLS_SSLMODE: verify-ca checks the server's certificate against a "
              "CA; set PGBOUNCER_SERVER_TLS_CA_FILE to its file");
    }

    TEST_CASE("bad input names the variable") {
        CHECK(read_pooler_settings(environment_of({})).error().to_string() ==
              "PGBOUNCER_AUTH_PASSWORD: no password for the auth user 'pgbouncer_auth'; set "
              "PGBOUNCER_AUTH_PASSWORD or PGBOUNCER_AUTH_PASSWORD_FILE (the same password the "
              "database's init "
              "used)");
        CHECK(read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "a"},
                                                   {"PGBOUNCER_AUTH_PASSWORD_FILE", "/x"}}))
                  .error()
                  .to_string() == "PGBOUNCER_AUTH_PASSWORD: both PGBOUNCER_AUTH_PASSWORD and "
                                  "PGBOUNCER_AUTH_PASSWORD_FILE are set "
                                  "(but are exclusive)");
        CHECK(read_pooler_settings(
                  environment_of({{"PGBOUNCER_AUTH_PASSWORD_FILE", "/nonexistent/pw"}}))
                  .error()
                  .to_string() ==
              "PGBOUNCER_AUTH_PASSWORD_FILE: cannot read secret file '/nonexistent/pw': No "
              "such file or directory");
        CHECK(read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"},
                                                   {"PGBOUNCER_SERVER_PORT", "0"}}))
                  .error()
                  .to_string() ==
              "PGBOUNCER_SERVER_PORT: '0' is not a TCP port; expected a number from 1 to 65535");
        CHECK(read_pooler_settings(environment_of({{"PGBOUNCER_AUTH_PASSWORD", "pw"},
                                                   {"PGBOUNCER_POOL_MODE", "txn"}}))
                  .error()
                  .to_string() == "PGBOUNCER_POOL_MODE: 'txn' is not a pool mode; expected "
                                  "transaction, session or statement");
    }
}
