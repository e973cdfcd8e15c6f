#include "backup/restore.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sys/stat.h>

#include "backup/companion.hpp"
#include "cluster/pgdata_state.hpp"
#include "supervise/child_run.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::backup {

namespace {

namespace fs = std::filesystem;

// Files of the backed-up cluster's pgfit that describe that cluster, not this one (the
// pgBackRest directory's content is excluded from backups, the directory itself comes along).
bool copied_pgfit_file(const std::string& name) {
    return name == cluster::k_marker_name || name == "pgfit-replication.pgpass" ||
           name == k_directory_name || name == "standby.signal" ||
           name.starts_with(cluster::k_aside_prefix);
}

} // namespace

bool is_restore_marker(std::string_view marker) {
    for (const auto line : split(marker, '\n')) {
        if (trim(line) == k_restore_source_line) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> restore_options(const RestoreTarget& target) {
    using Kind = RestoreTarget::Kind;
    switch (target.kind) {
    case Kind::latest:
        return {"--type=default"};
    case Kind::time:
        return {"--type=time", "--target=" + target.value, "--target-action=promote"};
    case Kind::lsn:
        return {"--type=lsn", "--target=" + target.value, "--target-action=promote"};
    case Kind::name:
        return {"--type=name", "--target=" + target.value, "--target-action=promote"};
    }
    return {};
}

std::string describe(const RestoreTarget& target) {
    using Kind = RestoreTarget::Kind;
    switch (target.kind) {
    case Kind::latest:
        return "latest (the end of the archived WAL)";
    case Kind::time:
        return "time " + target.value;
    case Kind::lsn:
        return "LSN " + target.value;
    case Kind::name:
        return "restore point '" + target.value + "'";
    }
    return "";
}

Result<void> remove_restore_leftovers(const std::string& pgdata) {
    return cluster::remove_entries(pgdata, [](const std::string& name) {
        return name != cluster::k_marker_name && name != "lost+found" &&
               !name.starts_with(cluster::k_aside_prefix);
    });
}

supervise::ChildRun restore_into(supervise::Supervisor& supervisor, const BackupSettings& settings,
                                 const Cluster& cluster, const Environment& environment,
                                 const std::string& staging,
                                 const std::vector<std::string>& options) {
    if (::mkdir(staging.c_str(), 0700) != 0 && errno != EEXIST) {
        return {supervise::Step::failed(Error{
                    staging, fmt::format("cannot create the directory: {}", std::strerror(errno))}),
                0};
    }
    std::vector<std::string> command{"--log-level-console=info", "restore",
                                     "--pg1-path=" + staging};
    command.insert(command.end(), options.begin(), options.end());
    // pgBackRest's own restore_command would name the staging directory as pg1-path.
    command.push_back("--recovery-option=restore_command=" +
                      restore_command(settings, cluster.pgdata));
    const supervise::ChildSpec spec{pgbackrest_argv(settings, cluster.pgdata, command),
                                    pgbackrest_environment(environment), cluster.pgdata};
    return supervise::run_child(supervisor, spec);
}

supervise::Step restore_cluster(supervise::Supervisor& supervisor, const BackupSettings& settings,
                                const Cluster& cluster, const Environment& environment) {
    const auto& target = *settings.restore;
    const auto started = std::chrono::steady_clock::now();
    PGFIT_STEP(supervise::Step::from(cluster::write_init_marker(
        cluster.pgdata, "in-progress",
        fmt::format("{}\ntarget={}\nstarted={}\npgfit={}\n", k_restore_source_line,
                    describe(target), cluster::utc_stamp(false), PGFIT_VERSION))));
    PGFIT_STEP(supervise::Step::from(write_conf(settings, cluster)));
    const std::string staging = cluster.pgdata + "/" + k_restore_staging_name;
    log::info("restoring stanza '{}' from the pgBackRest repository into '{}' (target: {})",
              settings.stanza, cluster.pgdata, describe(target));
    const auto ran = restore_into(supervisor, settings, cluster, environment, staging,
                                  restore_options(target));
    PGFIT_STEP(ran.step);
    if (ran.exit_code != 0) {
        return supervise::Step::failed(
            supervise::child_failure("PGFIT_RESTORE", "pgbackrest restore", ran.exit_code));
    }
    PGFIT_STEP(supervise::Step::from(cluster::remove_entries(staging, copied_pgfit_file)));
    PGFIT_STEP(supervise::Step::from(cluster::move_staging_into_place(staging, cluster.pgdata)));
    PGFIT_STEP(supervise::Step::from(cluster::write_init_marker(
        cluster.pgdata, "complete",
        fmt::format("{}\ntarget={}\nfinished={}\npgfit={}\n", k_restore_source_line,
                    describe(target), cluster::utc_stamp(false), PGFIT_VERSION))));
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    log::info("restored the backup in {:.1f} s; the server now replays the archived WAL up to "
              "the target ({}) and promotes",
              took.count(), describe(target));
    return supervise::Step::done();
}

} // namespace pgfit::backup
