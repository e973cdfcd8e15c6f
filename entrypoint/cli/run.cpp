// `pgfit [postgres] [args...]`, the container's entrypoint: the official image's
// docker-entrypoint.sh, with pgfit staying PID 1 to reap and to stop postgres step by step.
// `serve` is the whole server path, one step per line; each step's body is in the folder its
// comment names, and only this file (through cli/exit_status) turns an error into an exit code.
#include "backup/repository.hpp"
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/run_steps.hpp"
#include "cli/run_trace.hpp"
#include "cli/server_companion.hpp"
#include "cluster/access_rules.hpp"
#include "cluster/ensure_cluster.hpp"
#include "cluster/old_layout.hpp"
#include "cluster/privileges.hpp"
#include "collation/check.hpp"
#include "config/container.hpp"
#include "config/secrets.hpp"
#include "initdb/template_cluster.hpp"
#include "roles/keep.hpp"
#include "server/server.hpp"
#include "settings/postgres_args.hpp"
#include "supervise/supervisor.hpp"
#include "tls/install.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

Result<int> serve(supervise::Supervisor& supervisor, const std::vector<std::string>& command,
                  config::ContainerConfig& config) {
    const Trace trace(config.run.trace);
    trace.step("run");
    const std::vector<std::string> operator_args(command.begin() + 1, command.end());
    // The mounted TLS files read and checked before anything starts, while pgfit may still be
    // root: a Kubernetes secret's key is often readable by root only (tls/).
    PGFIT_TRY_ASSIGN(const auto tls_files, tls::read_mounted_if_any(config.tls));
    // The installed PostgreSQL: postgres on PATH, else the newest /usr/lib/postgresql/*/bin.
    PGFIT_TRY_ASSIGN(const auto binary, server::find_postgres_binary(config.bootstrap.environment));
    // What the container may use, each limit with where it came from (detect/).
    const auto resources = detect_and_log(config.tuning);
    trace.step("detect");
    // Settings whose worst case fits, unless POSTGRES_SKIP_AUTOCONFIG (config/ → tune/).
    PGFIT_TRY_ASSIGN(const auto plan,
                     plan_unless_skipped(supervisor, config, resources, binary, operator_args));
    trace.step("plan");
    PGFIT_TRY_ASSIGN(const unsigned major, server_major(supervisor, config, binary, plan));
    // An 18+ image on a volume of the old layout: refused before anything is created (cluster/).
    PGFIT_TRY(cluster::refuse_old_layout(config.bootstrap.pgdata, major));
    // As root, PGDATA and the socket directory go to postgres and pgfit becomes postgres; the
    // server's environment holds no secret (cluster/privileges).
    // A posix backup repository on a fresh volume is given to postgres too (backup/).
    PGFIT_TRY_ASSIGN(auto server_environment,
                     cluster::take_over_directories(
                         config.bootstrap, [&](const cluster::Account& account) -> Result<void> {
                             if (!config.backup) {
                                 return {};
                             }
                             return backup::prepare_repository_as_root(*config.backup, account.uid,
                                                                       account.gid);
                         }));
    // PGDATA ready: cloned (replica/), initialised on first start (initdb/) or checked (cluster/).
    const auto temp_server_args = first_start_arguments(plan, operator_args);
    PGFIT_TRY_ASSIGN(const auto ready,
                     cluster::ensure_cluster(
                         supervisor, {config.bootstrap, config.replica, temp_server_args, binary,
                                      major, std::move(server_environment),
                                      initdb::template_directory(config.tuning.cache_directory),
                                      // the declared roles, after the init scripts
                                      [&](const psql::ConnectionTarget& target) {
                                          return roles::apply_now(config.roles, target,
                                                                  config.bootstrap.pgdata);
                                      },
                                      config.backup ? &*config.backup : nullptr}));
    trace.step("cluster");
    // Databases whose collation version the libraries no longer give: warned about, or
    // reindexed on a temporary server before the real one accepts connections (collation/).
    PGFIT_TRY(collation::check_collations(
        supervisor, {config.bootstrap, server::bindir_of(binary), temp_server_args,
                     ready.server_environment, major, ready.standby, ready.initialized_now}));
    // Passwords and declared databases and roles that changed since the last start: applied on
    // a temporary server before the real one accepts connections (roles/).
    PGFIT_TRY(
        roles::apply_at_start(supervisor,
                              {config.bootstrap, server::bindir_of(binary), temp_server_args,
                               ready.server_environment, ready.standby, ready.initialized_now},
                              config.roles));
    trace.step("roles");
    // pg_hba.conf's block of rules from the environment, before anyone can log in (cluster/).
    PGFIT_TRY_ASSIGN(const bool access_changed,
                     cluster::apply_access_rules(config.bootstrap.pgdata, config.access));
    if (access_changed) {
        log::info("pg_hba.conf: the rules from the environment changed; rewrote its first block");
    }
    // The server's own copy of the TLS files in PGDATA, or its self-signed pair (tls/).
    PGFIT_TRY_ASSIGN(const auto tls_installed,
                     tls::install_tls(config.tls, tls_files, ready.pgdata));
    const auto tls_settings = tls_installed ? tls::server_settings(config.tls, *tls_installed)
                                            : std::vector<tune::Setting>{};
    // With a pgBackRest repository: its conf, for the archiver and the backups (backup/).
    PGFIT_TRY(write_backup_conf(config));
    // Tuned and TLS < operator (command line, ALTER SYSTEM) < a standby's primary minimums
    // (settings/).
    PGFIT_TRY_ASSIGN(const auto server_args,
                     compose_server_arguments(supervisor, config, plan, ready, binary,
                                              operator_args, tls_settings));
    trace.step("settings");
    // A stop requested while getting here: the server is not started at all.
    if (const int signal = supervisor.check_stop_requested(); signal != 0) {
        return stopped(signal, "stop requested before the server started; exiting");
    }
    trace.step("exec postgres");
    // postgres as the supervised child until it exits, or exec'd (PGFIT_EXEC) (supervise/),
    // with scheduled backups beside it (backup/).
    return start_postgres(supervisor, binary, server_args, ready, config.run,
                          make_server_companion(config, ready));
}

} // namespace

int run_command(const Invocation& invocation) {
    // The official image's rule: no arguments, or a flag first, means `postgres ...`.
    const auto command = settings::normalize_arguments(invocation.args);
    // Take the blocked signals over (signalfd) and become the reaper of every orphan.
    auto supervisor = supervise::Supervisor::create();
    if (!supervisor) {
        return exit_with(supervisor.error());
    }
    // Anything but the server (bash, psql, postgres --version) runs unchanged, like under tini.
    if (!settings::is_server_command(command)) {
        return exit_status(run_unchanged(*supervisor, command, invocation.environment));
    }
    // The whole environment contract, read and checked before anything starts (config/); then
    // the secrets are gone from /proc/1/environ.
    auto config = config::read_container_config(invocation.environment);
    config::wipe_secrets_from_process_environment();
    if (!config) {
        return exit_with(config.error());
    }
    for (const auto& warning : config->warnings) {
        log::warning("{}", warning);
    }
    return exit_status(serve(*supervisor, command, *config));
}

} // namespace pgfit::cli
