// Backups beside the running server, driven by the supervisor's tick (about once a second):
// once the server is ready and out of recovery (a standby, once it is promoted; a restored
// server, once it has promoted: before pgBackRest 2.59, an archive-get that meets
// stanza-create's archive lock waits out archive-timeout, 60 s, and then fails the recovery's
// next WAL segment), `stanza-create`
// (idempotent: it only creates what is missing) and `check` run once, each logged in one line
// (a repository that cannot be reached is a warning: the server keeps running, stanza-create is
// tried again every minute until the repository answers, and archiving catches up); then the
// scheduled backups, one at a time, each logged with its duration and size, a failure logged
// and left to the next slot.
// Every pgBackRest run is a child of the supervisor, so the stop sequence ends it like any
// other leftover and never waits for it.
#pragma once

#include <chrono>
#include <ctime>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "backup/backup_settings.hpp"
#include "backup/pgbackrest_conf.hpp"
#include "supervise/supervisor.hpp"
#include "util/fd.hpp"

namespace pgfit::backup {

// The backup types whose schedule includes the minute of `utc`, full before diff before incr
// (pure).
std::vector<BackupType> due_backups(const std::vector<ScheduledBackup>& schedules,
                                    const std::tm& utc);

// The server accepts connections (cluster::ready_postmaster, which a hot standby's does too) and
// no recovery.signal or standby.signal is left (the server removes both when it promotes).
bool server_ready_out_of_recovery(const std::string& pgdata);

// `environment` without PGBACKREST_* (pgBackRest would read them over its conf) and secrets.
Environment pgbackrest_environment(const Environment& environment);

class BackupCompanion {
public:
    BackupCompanion(BackupSettings settings, Cluster cluster, Environment environment);

    void tick(supervise::Supervisor& supervisor, std::time_t now);

private:
    enum class Phase { waiting_for_server, stanza_create, check, running };
    struct Job {
        pid_t pid = 0;
        std::string what; // "stanza-create", "full backup", ...
        UniqueFd output;
        std::chrono::steady_clock::time_point started;
    };

    void start(supervise::Supervisor& supervisor, std::string what,
               const std::vector<std::string>& command);
    bool finished(const supervise::ChildExit& exit); // whether it succeeded
    void enqueue_due(std::time_t now);

    BackupSettings m_settings;
    Cluster m_cluster;
    Environment m_environment;
    Phase m_phase = Phase::waiting_for_server;
    std::optional<Job> m_job;
    std::deque<BackupType> m_pending;
    long long m_last_minute = -1;
    std::time_t m_stanza_retry_at = 0; // after a failed stanza-create; 0: none due
    static constexpr std::time_t k_stanza_retry_seconds = 60;
};

} // namespace pgfit::backup
