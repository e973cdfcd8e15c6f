// What the operator asked of backups, read by config/backup_variables.hpp: the pgBackRest
// repository (posix path or S3), the stanza, the RPO, the schedules and a restore at start.
// Backups are off (no BackupSettings at all) unless a repository is configured.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backup/cron.hpp"

namespace pgfit::backup {

// A point to restore to at start (PGFIT_RESTORE).
struct RestoreTarget {
    enum class Kind { latest, time, lsn, name };
    Kind kind = Kind::latest;
    std::string value; // the timestamp, LSN or restore point name; empty for latest
};

enum class BackupType { full, diff, incr };

const char* type_name(BackupType type);

struct ScheduledBackup {
    BackupType type;
    CronSchedule schedule;
    std::string text; // as the operator wrote it, for log lines
};

struct BackupSettings {
    std::string stanza = "main";
    // pgBackRest options for pgbackrest.conf's [global] section, as "name=value" pairs in
    // pgBackRest's spelling (repo1-path, repo1-s3-key, ...); secrets included.
    std::vector<std::pair<std::string, std::string>> repository;
    std::chrono::seconds rpo{300};
    std::vector<ScheduledBackup> schedules; // at most one per type
    std::optional<RestoreTarget> restore;
};

} // namespace pgfit::backup
