#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "pooler/pgbouncer_ini.hpp"

using namespace pgfit::pooler;

namespace {

PoolerSettings settings_for(std::vector<RoutedDatabase> databases) {
    PoolerSettings settings;
    settings.auth_password = "s3cr3t-pw";
    settings.databases = std::move(databases);
    return settings;
}

std::string shipped_template() {
    std::ifstream file(PGFIT_SOURCE_DIR "/conf/pgbouncer.ini.template");
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

} // namespace

TEST_SUITE("pooler::pgbouncer_ini") {
    TEST_CASE("connection string values are quoted the way PgBouncer reads them") {
        CHECK(connstring_value("postgres") == "postgres");
        CHECK(connstring_value("/var/run/postgresql") == "/var/run/postgresql");
        CHECK(connstring_value("my app") == "'my app'");
        CHECK(connstring_value("it's") == "'it''s'");
    }

    TEST_CASE("the auth_file line quotes both fields") {
        CHECK(auth_file_line("pgbouncer_auth", "p\"w d") == "\"pgbouncer_auth\" \"p\"\"w d\"\n");
    }

    TEST_CASE("databases are routed by host, port and name only: no user=, no password=") {
        const auto values =
            pgbouncer_ini_values(settings_for({{"app", "app"}, {"my_app", "my app"}}),
                                 PoolSizes{93, 46, 42, 4, 3}, {1, 18, 0}, "/run/pgb/userlist.txt");
        CHECK(values.at("databases") == "app = host=postgres port=5432 dbname=app\nmy_app = "
                                        "host=postgres port=5432 dbname='my app'\n");
        CHECK(values.at("users") == "pgbouncer_auth = max_user_connections=3\n");
        CHECK(values.at("max_db_connections") == "46");
        CHECK(values.at("default_pool_size") == "42");
        CHECK(values.at("reserve_pool_size") == "4");
        CHECK(values.at("auth_file") == "/run/pgb/userlist.txt");
    }

    TEST_CASE("1.18 gets no key it would refuse") {
        const auto values =
            pgbouncer_ini_values(settings_for({{"app", "app"}}), PoolSizes{}, {1, 18, 0}, "f");
        CHECK(values.at("version_settings") ==
              "; for PgBouncer 1.18.0\nignore_startup_parameters = extra_float_digits\n");
    }

    TEST_CASE("1.21 and later track prepared statements") {
        const auto values =
            pgbouncer_ini_values(settings_for({{"app", "app"}}), PoolSizes{}, {1, 24, 1}, "f");
        CHECK(values.at("version_settings") ==
              "; for PgBouncer 1.24.1\nignore_startup_parameters = extra_float_digits,options\n"
              "max_prepared_statements = 200\n");
    }

    TEST_CASE("the server's TLS when set") {
        auto settings = settings_for({{"app", "app"}});
        settings.server_tls_sslmode = "verify-full";
        settings.server_tls_ca_file = "/tls/ca.crt";
        const auto values = pgbouncer_ini_values(settings, PoolSizes{}, {1, 18, 0}, "f");
        CHECK(values.at("version_settings") ==
              "; for PgBouncer 1.18.0\nignore_startup_parameters = extra_float_digits\n"
              "server_tls_sslmode = verify-full\nserver_tls_ca_file = /tls/ca.crt\n");
    }

    TEST_CASE("the shipped template uses exactly the values pgfit provides") {
        const auto values = pgbouncer_ini_values(settings_for({{"app", "app"}}),
                                                 PoolSizes{93, 93, 84, 9, 2}, {1, 18, 0}, "f");
        const auto rendered =
            render_template(shipped_template(), values, "conf/pgbouncer.ini.template");
        REQUIRE(rendered.has_value());
        CHECK(rendered->find("{{") == std::string::npos);
        CHECK(rendered->find("pool_mode = transaction\n") != std::string::npos);
        CHECK(rendered->find("auth_type = scram-sha-256\n") != std::string::npos);
        CHECK(rendered->find("s3cr3t-pw") == std::string::npos);
    }
}
