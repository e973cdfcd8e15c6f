#include <cstdlib>

#include <doctest/doctest.h>

#include "config/bootstrap_settings.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::config;
using pgfit::test::ScratchDir;

namespace {

Environment env(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

Error error_of(const Environment& environment) {
    auto settings = read_bootstrap_settings(environment);
    REQUIRE_FALSE(settings.has_value());
    return settings.error();
}

} // namespace

TEST_SUITE("cluster::read_bootstrap_settings") {
    TEST_CASE("defaults are the official image's") {
        auto settings = read_bootstrap_settings(env({}));
        REQUIRE(settings.has_value());
        CHECK(settings->pgdata == "/var/lib/postgresql/data");
        CHECK(settings->user == "postgres");
        CHECK(settings->database == "postgres");
        CHECK(settings->password.empty());
        CHECK(settings->port == 5432);
        CHECK(settings->initdb_args.empty());
        CHECK(settings->waldir.empty());
        CHECK(settings->host_auth_method.empty());
        CHECK(settings->socket_directory == "/var/run/postgresql");
        CHECK(settings->init_directories ==
              std::vector<std::string>{"/docker-entrypoint-initdb.d"});
        CHECK_FALSE(settings->reinit_incomplete);
        // file_env exports the defaults, as the official script does
        CHECK(settings->environment.get("POSTGRES_USER") == "postgres");
        CHECK(settings->environment.get("POSTGRES_DB") == "postgres");
    }

    TEST_CASE("POSTGRES_DB defaults to POSTGRES_USER; names may hold spaces") {
        auto settings = read_bootstrap_settings(
            env({{"POSTGRES_USER", "my cool user"}, {"POSTGRES_PASSWORD", "pw with spaces"}}));
        REQUIRE(settings.has_value());
        CHECK(settings->database == "my cool user");
        CHECK(settings->password == "pw with spaces");
        CHECK(settings->secrets.at("POSTGRES_PASSWORD") == "pw with spaces");
    }

    TEST_CASE("_FILE variants are read, every trailing newline stripped, VAR_FILE unset") {
        ScratchDir dir;
        auto settings = read_bootstrap_settings(
            env({{"POSTGRES_PASSWORD_FILE", dir.file("pw", "s3cret\n\n")},
                 {"POSTGRES_USER_FILE", dir.file("user", "alice\n")},
                 {"POSTGRES_DB_FILE", dir.file("db", "shop")},
                 {"POSTGRES_INITDB_ARGS_FILE", dir.file("args", "--data-checksums -E 'UTF8'\n")}}));
        REQUIRE(settings.has_value());
        CHECK(settings->password == "s3cret");
        CHECK(settings->user == "alice");
        CHECK(settings->database == "shop");
        CHECK(settings->initdb_args == std::vector<std::string>{"--data-checksums", "-E", "UTF8"});
        CHECK(settings->environment.get("POSTGRES_PASSWORD") == "s3cret");
        CHECK_FALSE(settings->environment.get("POSTGRES_PASSWORD_FILE"));
        CHECK_FALSE(settings->environment.get("POSTGRES_USER_FILE"));
    }

    TEST_CASE("both VAR and VAR_FILE: the official error text") {
        CHECK(error_of(env({{"POSTGRES_PASSWORD", "a"}, {"POSTGRES_PASSWORD_FILE", "/x"}}))
                  .to_string() ==
              "error: both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set (but are "
              "exclusive)");
        CHECK(error_of(env({{"POSTGRES_DB", "a"}, {"POSTGRES_DB_FILE", "/x"}})).to_string() ==
              "error: both POSTGRES_DB and POSTGRES_DB_FILE are set (but are exclusive)");
        CHECK(error_of(
                  env({{"PGBOUNCER_AUTH_PASSWORD", "a"}, {"PGBOUNCER_AUTH_PASSWORD_FILE", "/x"}}))
                  .to_string() == "error: both PGBOUNCER_AUTH_PASSWORD and "
                                  "PGBOUNCER_AUTH_PASSWORD_FILE are set (but are exclusive)");
    }

    TEST_CASE("an empty VAR does not conflict with VAR_FILE (empty means unset)") {
        ScratchDir dir;
        auto settings = read_bootstrap_settings(
            env({{"POSTGRES_PASSWORD", ""}, {"POSTGRES_PASSWORD_FILE", dir.file("pw", "x")}}));
        REQUIRE(settings.has_value());
        CHECK(settings->password == "x");
    }

    TEST_CASE("an unreadable secret file names the variable and the path") {
        CHECK(error_of(env({{"POSTGRES_PASSWORD_FILE", "/nonexistent/pw"}})).to_string() ==
              "POSTGRES_PASSWORD_FILE: cannot read secret file '/nonexistent/pw': No such file "
              "or directory");
        CHECK(
            error_of(env({{"POSTGRES_REPLICATION_PASSWORD_FILE", "/nonexistent/r"}})).to_string() ==
            "POSTGRES_REPLICATION_PASSWORD_FILE: cannot read secret file "
            "'/nonexistent/r': No such file or directory");
    }

    TEST_CASE("contract secrets: one trailing newline stripped, only bound prefixes collected") {
        ScratchDir dir;
        auto settings = read_bootstrap_settings(
            env({{"POSTGRES_PASSWORD", "root"},
                 {"POSTGRES_REPLICATION_PASSWORD_FILE", dir.file("r", "repl\n\n")},
                 {"PGBOUNCER_AUTH_PASSWORD", "bouncer"},
                 {"PGFIT_X_PASSWORD", ""},
                 {"MYSQL_ROOT_PASSWORD", "other"}}));
        REQUIRE(settings.has_value());
        CHECK(settings->secrets ==
              std::map<std::string, std::string>{{"POSTGRES_PASSWORD", "root"},
                                                 {"POSTGRES_REPLICATION_PASSWORD", "repl\n"},
                                                 {"PGBOUNCER_AUTH_PASSWORD", "bouncer"}});
    }

    TEST_CASE("bad values name the variable and the accepted forms") {
        CHECK(error_of(env({{"PGPORT", "54x"}})).to_string() ==
              "PGPORT: '54x' is not a TCP port; expected a number from 1 to 65535");
        CHECK(error_of(env({{"PGPORT", "70000"}})).to_string() ==
              "PGPORT: '70000' is not a TCP port; expected a number from 1 to 65535");
        // The same words and the same wording as every other pgfit switch (PGFIT_EXEC, ...).
        CHECK(error_of(env({{"PGFIT_REINIT_INCOMPLETE", "maybe"}})).to_string() ==
              "PGFIT_REINIT_INCOMPLETE: 'maybe' is not a switch; use true or false (also 1/0, "
              "yes/no, on/off)");
        CHECK(error_of(env({{"PGFIT_REINIT_INCOMPLETE", "maybe"}})).kind == ErrorKind::bad_input);
        CHECK(error_of(env({{"POSTGRES_HOST_AUTH_METHOD", "md5\nhost all all all trust"}}))
                  .to_string() ==
              "POSTGRES_HOST_AUTH_METHOD: contains a line break; expected one pg_hba.conf "
              "method such as scram-sha-256, md5 or trust");
        CHECK(error_of(env({{"POSTGRES_INITDB_ARGS", "--locale='x"}})).to_string() ==
              "POSTGRES_INITDB_ARGS: unterminated single quote in '--locale='x'; quote each "
              "value fully");
    }

    TEST_CASE("the official both-set error is the official text, printed as it is (exit 1)") {
        const auto error = error_of(env({{"POSTGRES_USER", "a"}, {"POSTGRES_USER_FILE", "/x"}}));
        CHECK(error.verbatim);
        CHECK(error.kind == ErrorKind::failed);
        CHECK(error.message ==
              "error: both POSTGRES_USER and POSTGRES_USER_FILE are set (but are exclusive)");
    }

    TEST_CASE("PGFIT_REINIT_INCOMPLETE takes what every switch takes, spaces around included") {
        for (const char* yes : {" Yes ", "on", "1"}) {
            CAPTURE(yes);
            const auto settings = read_bootstrap_settings(env({{"PGFIT_REINIT_INCOMPLETE", yes}}));
            REQUIRE(settings.has_value());
            CHECK(settings->reinit_incomplete);
        }
    }

    TEST_CASE("port, method, waldir, reinit flag and script directories are taken as given") {
        auto settings = read_bootstrap_settings(env({{"PGPORT", "6543"},
                                                     {"POSTGRES_HOST_AUTH_METHOD", "trust"},
                                                     {"POSTGRES_INITDB_WALDIR", "/wal"},
                                                     {"PGFIT_REINIT_INCOMPLETE", "TRUE"},
                                                     {"PGFIT_INITDB_DIR", "/usr/share/pgfit"},
                                                     {"PGDATA", "/data/pg"}}));
        REQUIRE(settings.has_value());
        CHECK(settings->port == 6543);
        CHECK(settings->trust());
        CHECK(settings->waldir == "/wal");
        CHECK(settings->reinit_incomplete);
        CHECK(settings->pgdata == "/data/pg");
        CHECK(settings->init_directories ==
              std::vector<std::string>{"/usr/share/pgfit", "/docker-entrypoint-initdb.d"});
    }

    TEST_CASE("the official messages, word for word") {
        CHECK(missing_password_message() ==
              "Error: Database is uninitialized and superuser password is not specified.\n"
              "       You must specify POSTGRES_PASSWORD to a non-empty value for the\n"
              "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker "
              "run\".\n"
              "\n"
              "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n"
              "       connections without a password. This is *not* recommended.\n"
              "\n"
              "       See PostgreSQL documentation about \"trust\":\n"
              "       https://www.postgresql.org/docs/current/auth-trust.html\n");
        CHECK(trust_warning().starts_with(std::string(80, '*') +
                                          "\nWARNING: POSTGRES_HOST_AUTH_METHOD has been set to "
                                          "\"trust\". This will allow\n"));
        CHECK(trust_warning().ends_with("\"docker run\".\n" + std::string(80, '*') + "\n"));
    }
}
