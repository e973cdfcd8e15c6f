#include <doctest/doctest.h>

#include "cli/run_postgres.hpp"

using namespace pgfit;
using namespace pgfit::cli;

TEST_SUITE("cli::run_postgres") {
    TEST_CASE("the server's environment holds no secret and names its data directory") {
        Environment environment;
        environment.set("POSTGRES_PASSWORD", "s3cret");
        environment.set("POSTGRES_PASSWORD_FILE", "/run/secrets/pw");
        environment.set("POSTGRES_REPLICATION_PASSWORD", "r3pl");
        environment.set("PGPASSWORD", "s3cret");
        environment.set("POSTGRES_USER", "app");
        environment.set("LANG", "en_US.utf8");
        const auto server = server_environment(environment, "/var/lib/postgresql/data", false);
        CHECK(server.to_strings() == std::vector<std::string>{"LANG=en_US.utf8",
                                                              "PGDATA=/var/lib/postgresql/data",
                                                              "POSTGRES_USER=app"});
        // With -D on the command line, PGDATA is left as it was.
        CHECK_FALSE(server_environment(environment, "/x", true).get("PGDATA"));
    }
}
