#include <doctest/doctest.h>

#include "backup/companion.hpp"
#include "backup/pgbackrest_conf.hpp"
#include "backup/pgbackrest_output.hpp"
#include "backup/restore.hpp"

using namespace pgfit;
using namespace pgfit::backup;

namespace {

BackupSettings posix() {
    BackupSettings settings;
    settings.repository = {{"repo1-path", "/backups"}};
    return settings;
}

const Cluster k_cluster{"/var/lib/postgresql/data", "/var/run/postgresql", 5433, "app"};

} // namespace

TEST_SUITE("backup::pgbackrest_conf") {
    TEST_CASE("the conf: the repository, pgfit's defaults, its own paths, the stanza's cluster") {
        const auto text = render_conf(posix(), k_cluster);
        CHECK(text.find("[global]\nrepo1-path=/backups\n") != std::string::npos);
        CHECK(text.find("repo1-retention-full=2\n") != std::string::npos);
        CHECK(text.find("process-max=1\n") != std::string::npos);
        CHECK(text.find("archive-async=y\n") != std::string::npos);
        CHECK(text.find("spool-path=/var/lib/postgresql/data/pgfit-pgbackrest/spool\n") !=
              std::string::npos);
        CHECK(text.find("exclude=pgfit-pgbackrest/\n") != std::string::npos);
        CHECK(text.find("\n[main]\npg1-path=/var/lib/postgresql/data\npg1-port=5433\n"
                        "pg1-socket-path=/var/run/postgresql\npg1-user=app\n") !=
              std::string::npos);
    }

    TEST_CASE("an operator's option replaces pgfit's default of the same name") {
        auto settings = posix();
        settings.repository.emplace_back("repo1-retention-full", "7");
        settings.repository.emplace_back("process-max", "2");
        settings.stanza = "prod";
        const auto text = render_conf(settings, k_cluster);
        CHECK(text.find("repo1-retention-full=7\n") != std::string::npos);
        CHECK(text.find("repo1-retention-full=2\n") == std::string::npos);
        CHECK(text.find("process-max=1\n") == std::string::npos);
        CHECK(text.find("\n[prod]\n") != std::string::npos);
    }

    TEST_CASE("archive_timeout keeps a margin below the RPO, at most a minute") {
        CHECK(archive_timeout_for(std::chrono::seconds(300)).count() == 240);
        CHECK(archive_timeout_for(std::chrono::seconds(60)).count() == 48);
        CHECK(archive_timeout_for(std::chrono::seconds(3600)).count() == 3540);
    }

    TEST_CASE("server flags: archiving through the conf and stanza, no secret in them") {
        auto settings = posix();
        settings.repository.emplace_back("repo1-s3-key-secret", "hush");
        const auto flags = server_flags(settings, "/data dir");
        REQUIRE(flags.size() == 8);
        CHECK(flags[1] == "archive_mode=on");
        CHECK(flags[3] == "archive_command=pgbackrest '--config=/data dir/pgfit-pgbackrest/"
                          "pgbackrest.conf' --stanza=main archive-push %p");
        CHECK(flags[5] == "archive_timeout=240s");
        CHECK(flags[7] == "restore_command=pgbackrest '--config=/data dir/pgfit-pgbackrest/"
                          "pgbackrest.conf' --stanza=main archive-get %f \"%p\"");
        for (const auto& flag : flags) {
            CHECK(flag.find("hush") == std::string::npos);
        }
    }

    TEST_CASE("restore options per target") {
        using Kind = RestoreTarget::Kind;
        CHECK(restore_options({Kind::latest, ""}) == std::vector<std::string>{"--type=default"});
        CHECK(restore_options({Kind::time, "2026-12-04 23:05:00+00"}) ==
              std::vector<std::string>{"--type=time", "--target=2026-12-04 23:05:00+00",
                                       "--target-action=promote"});
        CHECK(restore_options({Kind::name, "before_upgrade"})[0] == "--type=name");
        CHECK(is_restore_marker("in-progress\nsource=pgbackrest-restore\ntarget=latest\n"));
        CHECK_FALSE(is_restore_marker("in-progress\nsource=pg_basebackup\n"));
    }

    TEST_CASE("what pgfit reads back from pgBackRest's output") {
        const std::string backup = "P00   INFO: backup start archive = 000000010000000000000003\n"
                                   "P00   INFO: full backup size = 22.2MB, file total = 964\n";
        CHECK(backup_size(backup) == "22.2MB");
        CHECK_FALSE(backup_size("nothing"));
        CHECK(failure_reason(
                  "P00  WARN: x\nP00  ERROR: [049]: unable to connect\nP00  INFO: end\n") ==
              "ERROR: [049]: unable to connect");
        CHECK(failure_reason("just this\n\n") == "just this");
        const char* no_backup = "stanza: main\n    status: error (no valid backups)\n"
                                "    cipher: none\n\n    db (current)\n";
        CHECK(stanza_status(no_backup) == "error (no valid backups)");
        CHECK(stanza_status("stanza: main\n    status: ok\n    cipher: none\n") == "ok");
        CHECK_FALSE(stanza_status("No stanzas exist in the repository.\n"));
    }

    TEST_CASE("one backup per slot, the fullest due") {
        std::vector<ScheduledBackup> schedules;
        for (const auto& [type, text] :
             {std::pair{BackupType::full, "0 1 * * 0"}, std::pair{BackupType::diff, "0 1 * * *"},
              std::pair{BackupType::incr, "0 * * * *"}}) {
            schedules.push_back({type, *parse_cron(text, "X"), text});
        }
        std::tm sunday{};
        sunday.tm_hour = 1;
        sunday.tm_mday = 6;
        sunday.tm_mon = 11;
        sunday.tm_wday = 0;
        CHECK(due_backups(schedules, sunday) == std::vector<BackupType>{BackupType::full});
        std::tm monday = sunday;
        monday.tm_wday = 1;
        monday.tm_mday = 7;
        CHECK(due_backups(schedules, monday) == std::vector<BackupType>{BackupType::diff});
        monday.tm_hour = 2;
        CHECK(due_backups(schedules, monday) == std::vector<BackupType>{BackupType::incr});
        monday.tm_min = 1;
        CHECK(due_backups(schedules, monday).empty());
    }
}
