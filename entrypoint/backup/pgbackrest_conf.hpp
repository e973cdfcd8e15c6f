// pgbackrest.conf and the server settings that archive through it. pgfit keeps everything of
// pgBackRest's in PGDATA/pgfit-pgbackrest (the conf, the async archive spool, the locks),
// excluded from the backups themselves (the conf may hold the S3 keys), rewritten at every start.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "backup/backup_settings.hpp"
#include "config/bootstrap_settings.hpp"
#include "util/result.hpp"

namespace pgfit::backup {

inline constexpr const char* k_directory_name = "pgfit-pgbackrest";

// Where the server and pgBackRest meet.
struct Cluster {
    std::string pgdata;
    std::string socket_dir;
    int port = 5432;
    std::string user; // the superuser pgBackRest connects as
};

// PGDATA, the socket directory, PGPORT and POSTGRES_USER.
Cluster cluster_of(const config::BootstrapSettings& bootstrap);

std::string pgbackrest_directory(const std::string& pgdata);
std::string conf_path(const std::string& pgdata);

// The file's text (pure).
std::string render_conf(const BackupSettings& settings, const Cluster& cluster);

// Writes it with mode 0600 (owned by whoever pgfit runs as: postgres by then), creating the
// directory (0700) and the spool.
Result<void> write_conf(const BackupSettings& settings, const Cluster& cluster);

// archive_timeout for an RPO: the archiver must have shipped a segment within the RPO, and
// async archive-push needs a few seconds after the switch (at most 60 s kept as margin).
std::chrono::seconds archive_timeout_for(std::chrono::seconds rpo);

// restore_command: archive-get through the conf and stanza (pure).
std::string restore_command(const BackupSettings& settings, const std::string& pgdata);

// archive_mode, archive_command, archive_timeout and restore_command as -c flags (pure).
std::vector<std::string> server_flags(const BackupSettings& settings, const std::string& pgdata);

// The argv of a pgBackRest command on this cluster's conf and stanza (pure).
std::vector<std::string> pgbackrest_argv(const BackupSettings& settings, const std::string& pgdata,
                                         const std::vector<std::string>& command);

} // namespace pgfit::backup
