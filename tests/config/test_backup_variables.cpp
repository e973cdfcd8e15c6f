#include <doctest/doctest.h>

#include "config/backup_variables.hpp"
#include "config/secrets.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::config;
using pgfit::test::ScratchDir;

namespace {

using Variables = std::map<std::string, std::string, std::less<>>;

Error error_of(const Variables& variables) {
    auto settings = read_backup_settings(Environment(variables));
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().kind == ErrorKind::bad_input);
    return settings.error();
}

std::string option(const backup::BackupSettings& settings, const std::string& name) {
    for (const auto& [key, value] : settings.repository) {
        if (key == name) {
            return value;
        }
    }
    return "<unset>";
}

} // namespace

TEST_SUITE("config::backup_variables") {
    TEST_CASE("off without a repository; a restore or schedule then names what is missing") {
        const auto off = read_backup_settings(Environment(Variables{{"PGBACKREST_STANZA", "x"}}));
        REQUIRE(off);
        CHECK_FALSE(off->has_value());
        CHECK(error_of({{"PGFIT_RESTORE", "latest"}}).where == "PGFIT_RESTORE");
        CHECK(error_of({{"PGFIT_BACKUP_INCR_SCHEDULE", "@hourly"}}).where ==
              "PGFIT_BACKUP_INCR_SCHEDULE");
    }

    TEST_CASE("a posix repository with the defaults") {
        const auto settings =
            read_backup_settings(Environment(Variables{{"PGBACKREST_REPO1_PATH", "/backups"}}));
        REQUIRE(settings);
        REQUIRE(settings->has_value());
        CHECK((*settings)->stanza == "main");
        CHECK((*settings)->rpo.count() == 300);
        CHECK((*settings)->schedules.empty());
        CHECK_FALSE((*settings)->restore);
        CHECK(option(**settings, "repo1-path") == "/backups");
    }

    TEST_CASE("other PGBACKREST_ variables pass through as pgBackRest options") {
        const auto settings = read_backup_settings(
            Environment(Variables{{"PGBACKREST_REPO1_PATH", "/backups"},
                                  {"PGBACKREST_REPO1_RETENTION_FULL", "4"},
                                  {"PGBACKREST_COMPRESS_LEVEL", "3"},
                                  {"PGFIT_BACKUP_RPO", "1min"},
                                  {"PGFIT_BACKUP_FULL_SCHEDULE", "0 1 * * 0"},
                                  {"PGFIT_BACKUP_INCR_SCHEDULE", "*/30 * * * *"},
                                  {"PGFIT_RESTORE", "2026-12-04 23:05:00.5+01:00"}}));
        REQUIRE(settings);
        const auto& got = **settings;
        CHECK(option(got, "repo1-retention-full") == "4");
        CHECK(option(got, "compress-level") == "3");
        CHECK(got.rpo.count() == 60);
        REQUIRE(got.schedules.size() == 2);
        CHECK(got.schedules[0].type == backup::BackupType::full);
        CHECK(got.schedules[1].type == backup::BackupType::incr);
        REQUIRE(got.restore);
        CHECK(got.restore->kind == backup::RestoreTarget::Kind::time);
    }

    TEST_CASE("s3: every required option, secrets also from _FILE, never in the message") {
        ScratchDir dir;
        const auto secret_file = dir.file("secret", "hush-hush\n");
        Variables s3 = {{"PGBACKREST_REPO1_TYPE", "s3"},
                        {"PGBACKREST_REPO1_S3_ENDPOINT", "s3.local"},
                        {"PGBACKREST_REPO1_S3_BUCKET", "b"},
                        {"PGBACKREST_REPO1_S3_REGION", "us-east-1"},
                        {"PGBACKREST_REPO1_S3_KEY", "AKIA"},
                        {"PGBACKREST_REPO1_S3_KEY_SECRET_FILE", secret_file}};
        const auto settings = read_backup_settings(Environment(s3));
        REQUIRE(settings);
        CHECK(option(**settings, "repo1-s3-key-secret") == "hush-hush");
        CHECK(option(**settings, "repo1-s3-key-secret-file") == "<unset>");
        s3.erase("PGBACKREST_REPO1_S3_BUCKET");
        CHECK(error_of(s3).where == "PGBACKREST_REPO1_S3_BUCKET");
        s3["PGBACKREST_REPO1_S3_BUCKET"] = "b";
        s3["PGBACKREST_REPO1_S3_KEY_SECRET"] = "hush-hush";
        const auto both = error_of(s3);
        CHECK(both.where == "PGBACKREST_REPO1_S3_KEY_SECRET");
        CHECK(both.message.find("hush") == std::string::npos);
    }

    TEST_CASE("bad values name their variable") {
        const Variables base = {{"PGBACKREST_REPO1_PATH", "/backups"}};
        const auto with = [&](const char* name, const char* value) {
            Variables variables = base;
            variables[name] = value;
            return error_of(variables).where;
        };
        CHECK(with("PGBACKREST_REPO1_PATH", "relative/path") == "PGBACKREST_REPO1_PATH");
        CHECK(with("PGBACKREST_REPO1_TYPE", "tape") == "PGBACKREST_REPO1_TYPE");
        CHECK(with("PGBACKREST_STANZA", "has space") == "PGBACKREST_STANZA");
        CHECK(with("PGBACKREST_REPO1_RETENTION_FULL", "0") == "PGBACKREST_REPO1_RETENTION_FULL");
        CHECK(with("PGBACKREST_PROCESS_MAX", "two") == "PGBACKREST_PROCESS_MAX");
        CHECK(with("PGBACKREST_PG1_PATH", "/elsewhere") == "PGBACKREST_PG1_PATH");
        CHECK(with("PGFIT_BACKUP_RPO", "5s") == "PGFIT_BACKUP_RPO");
        CHECK(with("PGFIT_BACKUP_RPO", "soon") == "PGFIT_BACKUP_RPO");
        CHECK(with("PGFIT_BACKUP_FULL_SCHEDULE", "daily") == "PGFIT_BACKUP_FULL_SCHEDULE");
        CHECK(with("PGFIT_RESTORE", "yesterday") == "PGFIT_RESTORE");
        CHECK(with("PGFIT_RESTORE", "2026-12-04 23:05:00") == "PGFIT_RESTORE"); // no time zone
        CHECK(with("PGFIT_RESTORE", "lsn:zz") == "PGFIT_RESTORE");
    }

    TEST_CASE("restore targets") {
        using Kind = backup::RestoreTarget::Kind;
        CHECK(parse_restore_target("latest", "X")->kind == Kind::latest);
        CHECK(parse_restore_target("2026-12-04T23:05:00Z", "X")->kind == Kind::time);
        CHECK(parse_restore_target("2026-12-04 23:05+00", "X")->kind == Kind::time);
        CHECK(parse_restore_target("lsn:0/3000060", "X")->value == "0/3000060");
        CHECK(parse_restore_target("name:before_upgrade", "X")->value == "before_upgrade");
    }

    TEST_CASE("pgBackRest's secrets are secrets: kept from the server and wiped") {
        CHECK(is_secret_name("PGBACKREST_REPO1_S3_KEY"));
        CHECK(is_secret_name("PGBACKREST_REPO1_S3_KEY_SECRET"));
        CHECK(is_secret_name("PGBACKREST_REPO1_S3_KEY_SECRET_FILE"));
        CHECK(is_secret_name("PGBACKREST_REPO1_CIPHER_PASS"));
        CHECK_FALSE(is_secret_name("PGBACKREST_REPO1_PATH"));
    }
}
