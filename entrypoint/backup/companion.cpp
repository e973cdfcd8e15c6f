#include "backup/companion.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>

#include "backup/pgbackrest_output.hpp"
#include "cluster/pidfile.hpp"
#include "config/secrets.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::backup {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string read_output(const UniqueFd& fd) {
    ::lseek(fd.get(), 0, SEEK_SET);
    return read_all(fd.get());
}

} // namespace

std::vector<BackupType> due_backups(const std::vector<ScheduledBackup>& schedules,
                                    const std::tm& utc) {
    // One backup per slot: a full one already contains what a diff or incr would add.
    for (const auto type : {BackupType::full, BackupType::diff, BackupType::incr}) {
        for (const auto& scheduled : schedules) {
            if (scheduled.type == type && cron_matches(scheduled.schedule, utc)) {
                return {type};
            }
        }
    }
    return {};
}

bool server_ready_out_of_recovery(const std::string& pgdata) {
    return cluster::ready_postmaster(pgdata) && !path_exists(pgdata + "/recovery.signal") &&
           !path_exists(pgdata + "/standby.signal");
}

Environment pgbackrest_environment(const Environment& environment) {
    Environment clean = config::without_secrets(environment);
    std::vector<std::string> names;
    for (const auto& [name, value] : clean.variables()) {
        if (name.starts_with("PGBACKREST_")) {
            names.push_back(name);
        }
    }
    for (const auto& name : names) {
        clean.unset(name);
    }
    return clean;
}

BackupCompanion::BackupCompanion(BackupSettings settings, Cluster cluster, Environment environment)
    : m_settings(std::move(settings)), m_cluster(std::move(cluster)),
      m_environment(pgbackrest_environment(environment)) {}

void BackupCompanion::start(supervise::Supervisor& supervisor, std::string what,
                            const std::vector<std::string>& command) {
    UniqueFd output(::memfd_create("pgbackrest", MFD_CLOEXEC));
    UniqueFd input(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!output.valid() || !input.valid()) {
        log::warning("backup: cannot start {}: {}", what, std::strerror(errno));
        return;
    }
    supervise::ChildSpec spec{pgbackrest_argv(m_settings, m_cluster.pgdata, command), m_environment,
                              m_cluster.pgdata};
    spec.stdin_fd = input.get();
    spec.stdout_fd = output.get();
    spec.stderr_fd = output.get();
    const auto pid = supervisor.spawn(spec);
    if (!pid) {
        log::warning("backup: cannot start {}: {}", what, pid.error().to_string());
        return;
    }
    log::info("backup: {} started", what);
    m_job = Job{*pid, std::move(what), std::move(output), std::chrono::steady_clock::now()};
}

bool BackupCompanion::finished(const supervise::ChildExit& exit) {
    const auto output = read_output(m_job->output);
    const double took = seconds_since(m_job->started);
    if (exit.exit_code() != 0) {
        const auto reason = failure_reason(output);
        if (m_phase == Phase::check || m_phase == Phase::stanza_create) {
            log::warning("backup: {} failed after {:.1f} s (exit {}): {}; the repository is not "
                         "reachable or not ready: the server runs on, WAL waits in pg_wal and "
                         "archiving catches up when the repository is back",
                         m_job->what, took, exit.exit_code(), reason);
        } else {
            log::warning("backup: {} failed after {:.1f} s (exit {}): {}; the next scheduled "
                         "slot tries again",
                         m_job->what, took, exit.exit_code(), reason);
        }
    } else if (const auto size = backup_size(output)) {
        log::info("backup: {} finished in {:.1f} s, size {}", m_job->what, took, *size);
    } else {
        log::info("backup: {} finished in {:.1f} s", m_job->what, took);
    }
    m_job.reset();
    return exit.exit_code() == 0;
}

void BackupCompanion::enqueue_due(std::time_t now) {
    const long long minute = static_cast<long long>(now) / 60;
    if (minute == m_last_minute) {
        return;
    }
    m_last_minute = minute;
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    for (const auto type : due_backups(m_settings.schedules, utc)) {
        if (std::find(m_pending.begin(), m_pending.end(), type) != m_pending.end()) {
            continue;
        }
        if (m_job || !m_pending.empty()) {
            log::info("backup: {} backup due; it waits for the one running", type_name(type));
        }
        m_pending.push_back(type);
    }
}

void BackupCompanion::tick(supervise::Supervisor& supervisor, std::time_t now) {
    // Slots that pass while the server is a standby or recovering are not kept for later.
    if (m_phase != Phase::waiting_for_server) {
        enqueue_due(now);
    }
    bool succeeded = false;
    if (m_job) {
        const auto exit = supervisor.take_exit(m_job->pid);
        if (!exit) {
            return;
        }
        succeeded = finished(*exit);
    }
    switch (m_phase) {
    case Phase::waiting_for_server:
        if (server_ready_out_of_recovery(m_cluster.pgdata)) {
            m_phase = Phase::stanza_create;
            start(supervisor, "stanza-create", {"stanza-create"});
        }
        return;
    case Phase::stanza_create:
        if (succeeded) {
            m_phase = Phase::check;
            start(supervisor, "check", {"check"});
            return;
        }
        // Its one line said why; check would only repeat it. Without a stanza archiving cannot
        // catch up, so stanza-create is tried again until the repository answers.
        m_phase = Phase::running;
        m_stanza_retry_at = now + k_stanza_retry_seconds;
        break;
    case Phase::check:
        m_phase = Phase::running;
        break;
    case Phase::running:
        if (m_stanza_retry_at != 0 && now >= m_stanza_retry_at) {
            m_stanza_retry_at = 0;
            m_phase = Phase::stanza_create;
            start(supervisor, "stanza-create", {"stanza-create"});
            return;
        }
        break;
    }
    if (!m_pending.empty()) {
        const auto type = m_pending.front();
        m_pending.pop_front();
        start(supervisor, fmt::format("{} backup", type_name(type)),
              {"--log-level-console=info", "backup", std::string("--type=") + type_name(type)});
    }
}

} // namespace pgfit::backup
