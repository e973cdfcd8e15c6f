#include "backup/standby_seed.hpp"

#include "backup/companion.hpp"
#include "backup/pgbackrest_output.hpp"
#include "backup/restore.hpp"
#include "supervise/run_captured.hpp"
#include "util/log.hpp"

namespace pgfit::backup {

namespace {

constexpr std::chrono::seconds k_info_timeout{120};

// Why the stanza cannot seed a standby; empty when it holds a backup.
Result<std::string> why_no_backup(supervise::Supervisor& supervisor,
                                  const BackupSettings& settings, const Cluster& cluster,
                                  const Environment& environment) {
    const supervise::ChildSpec spec{pgbackrest_argv(settings, cluster.pgdata, {"info"}),
                                    pgbackrest_environment(environment), cluster.pgdata};
    PGFIT_TRY_ASSIGN(const auto ran, supervise::run_captured(supervisor, spec, k_info_timeout));
    if (ran.exit.exit_code() != 0) {
        return fmt::format("pgbackrest info failed: {}", failure_reason(ran.err + ran.out));
    }
    const auto status = stanza_status(ran.out);
    if (status && status->starts_with("ok")) {
        return std::string();
    }
    return fmt::format("stanza '{}' holds no backup ({})", settings.stanza,
                       status.value_or("pgbackrest info shows no status"));
}

} // namespace

replica::RepositorySeed seed_standby(supervise::Supervisor& supervisor,
                                     const BackupSettings& settings, const Cluster& cluster,
                                     const Environment& environment, const std::string& staging,
                                     const std::string& slot) {
    if (const auto written = write_conf(settings, cluster); !written) {
        return {supervise::Step::failed(written.error()), {}};
    }
    const auto why = why_no_backup(supervisor, settings, cluster, environment);
    if (const int signal = supervisor.check_stop_requested(); signal != 0) {
        return {supervise::Step::stopped(signal), {}};
    }
    if (!why || !why->empty()) {
        return {supervise::Step::done(), why ? *why : why.error().message};
    }
    log::info("seeding the standby from the newest backup of stanza '{}' in the pgBackRest "
              "repository (PGFIT_REPLICA_SEED)",
              settings.stanza);
    const auto ran = restore_into(supervisor, settings, cluster, environment, staging,
                                  {"--type=standby", "--recovery-option=primary_slot_name=" + slot});
    if (!ran.step.is_done() || ran.exit_code == 0) {
        return {ran.step, {}};
    }
    return {supervise::Step::done(),
            supervise::child_failure("", "pgbackrest restore", ran.exit_code).message};
}

} // namespace pgfit::backup
