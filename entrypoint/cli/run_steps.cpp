#include "cli/run_steps.hpp"

#include <algorithm>

#include "backup/pgbackrest_conf.hpp"
#include "cli/run_summary.hpp"
#include "cli/server_companion.hpp"
#include "config/values.hpp"
#include "replica/clone.hpp"
#include "replica/standby.hpp"
#include "replica/standby_settings.hpp"
#include "server/server.hpp"
#include "settings/auto_conf.hpp"
#include "settings/layers.hpp"
#include "supervise/spawn.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

detect::Resources detect_and_log(const config::TuningChoices& tuning) {
    auto resources = detect::detect_resources(config::detect_options(tuning));
    log::info("{}", resources_line(resources));
    for (const auto& note : resources.notes) {
        log::info("resources: {}", note);
    }
    return resources;
}

namespace {

// The command line's shared_preload_libraries (postgres takes the last) is the list the server
// loads, so the plan counts pg_cron's workers and sets cron.* only when it is in there. A value
// postgres reads but pgfit's list syntax does not (a quoted name) leaves the plan's list.
config::TuningChoices with_command_line_preload(config::TuningChoices choices,
                                                const settings::PostgresArguments& command_line) {
    const auto last = std::find_if(
        command_line.settings.rbegin(), command_line.settings.rend(),
        [](const settings::OperatorSetting& s) { return s.name == "shared_preload_libraries"; });
    if (last == command_line.settings.rend()) {
        return choices;
    }
    auto libraries = config::parse_library_list(last->value, last->source);
    if (!libraries) {
        log::info("plan: {}; the plan keeps its own preload list", libraries.error().to_string());
        return choices;
    }
    choices.preload_libraries = sourced(std::move(*libraries), OriginKind::flag, last->source);
    return choices;
}

// A cluster that last ran with pg_cron keeps it without being asked again (unless a preload
// list is given): its jobs would stop without a word. pgfit records the libraries of every start
// that is not a standby's (and a standby holds its primary's).
config::TuningChoices with_cluster_scheduler(config::TuningChoices choices,
                                             const std::string& pgdata) {
    if (choices.preload_libraries || choices.cron_scheduler.value) {
        return choices;
    }
    const auto recorded = replica::read_primary_libraries(pgdata);
    if (!recorded) {
        return choices;
    }
    const auto names = replica::library_names(*recorded);
    if (std::find(names.begin(), names.end(), tune::k_cron_library) != names.end()) {
        const std::string record = pgdata + "/" + replica::k_primary_libraries_name;
        log::info("plan: pg_cron stays preloaded: this cluster last ran with it ({}); a "
                  "POSTGRES_SHARED_PRELOAD_LIBRARIES without it leaves it out",
                  record);
        choices.cron_scheduler = sourced(true, OriginKind::detected, record);
    }
    return choices;
}

} // namespace

Result<std::optional<config::PlanOutcome>>
plan_unless_skipped(supervise::Supervisor& supervisor, const config::ContainerConfig& config,
                    const detect::Resources& resources, const std::string& binary,
                    const std::vector<std::string>& operator_args) {
    if (config.run.skip_autoconfig) {
        return std::optional<config::PlanOutcome>{};
    }
    const auto command_line = settings::parse_postgres_arguments(operator_args);
    const auto choices =
        with_cluster_scheduler(with_command_line_preload(config.tuning, command_line),
                               command_line.data_directory.value_or(config.bootstrap.pgdata));
    PGFIT_TRY_ASSIGN(auto outcome,
                     config::plan_for_container(supervisor, choices, config.bootstrap.environment,
                                                resources, binary));
    return std::optional<config::PlanOutcome>{std::move(outcome)};
}

Result<unsigned> server_major(supervise::Supervisor& supervisor,
                              const config::ContainerConfig& config, const std::string& binary,
                              const std::optional<config::PlanOutcome>& plan) {
    if (plan && plan->binary_major) {
        return *plan->binary_major;
    }
    std::vector<std::string> notes;
    auto major = server::postgres_major(supervisor, binary, config.tuning.cache_directory, notes);
    for (const auto& note : notes) {
        log::info("{}", note);
    }
    return major;
}

std::vector<std::string> first_start_arguments(const std::optional<config::PlanOutcome>& plan,
                                               const std::vector<std::string>& operator_args) {
    const auto command_line = settings::parse_postgres_arguments(operator_args);
    return settings::compose(plan ? plan->plan.settings : std::vector<tune::Setting>{},
                             command_line.settings, operator_args, {})
        .args;
}

Result<std::vector<std::string>>
compose_server_arguments(supervise::Supervisor& supervisor, const config::ContainerConfig& config,
                         const std::optional<config::PlanOutcome>& plan,
                         const cluster::ClusterReady& ready, const std::string& binary,
                         const std::vector<std::string>& operator_args,
                         const std::vector<tune::Setting>& tls) {
    const auto command_line = settings::parse_postgres_arguments(operator_args);
    const auto data_directory = command_line.data_directory.value_or(ready.pgdata);
    // ALTER SYSTEM, then the command line, which overrides it in postgres too.
    auto chosen = settings::read_auto_conf(data_directory);
    chosen.insert(chosen.end(), command_line.settings.begin(), command_line.settings.end());
    auto tuned = plan ? plan->plan.settings : std::vector<tune::Setting>{};
    tuned.insert(tuned.end(), tls.begin(), tls.end());
    std::vector<std::string> mandatory;
    if (ready.standby) {
        const auto bindir = server::bindir_of(binary);
        PGFIT_TRY_ASSIGN(mandatory, replica::adapt_for_standby(
                                        {supervisor, bindir, data_directory,
                                         ready.server_environment, plan ? &plan->inputs : nullptr,
                                         config.replica ? &*config.replica : nullptr},
                                        tuned, chosen));
    } else {
        replica::record_libraries_for_replicas(data_directory, tuned, chosen);
    }
    if (config.backup) {
        const auto archiving = backup::server_flags(*config.backup, data_directory);
        mandatory.insert(mandatory.end(), archiving.begin(), archiving.end());
        log::info("backup: archiving WAL to the pgBackRest repository (stanza '{}', "
                  "archive_timeout {} s for an RPO of {} s)",
                  config.backup->stanza, backup::archive_timeout_for(config.backup->rpo).count(),
                  config.backup->rpo.count());
    }
    auto composed = settings::compose(tuned, chosen, operator_args, mandatory);
    for (const auto& skipped : composed.filtered.skipped) {
        log::info("{}", settings::describe_skipped(skipped));
    }
    log::info("{}", settings_line(plan.has_value(), composed.filtered));
    return std::move(composed.args);
}

Result<int> start_postgres(supervise::Supervisor& supervisor, const std::string& binary,
                           const std::vector<std::string>& args, const cluster::ClusterReady& ready,
                           const config::RunOptions& run,
                           const supervise::ServerCompanion& companion) {
    std::vector<std::string> argv{binary};
    argv.insert(argv.end(), args.begin(), args.end());
    const supervise::ChildSpec spec{std::move(argv), ready.server_environment, {}};
    if (run.exec) {
        log::info("PGFIT_EXEC=true: replacing pgfit by postgres; from now on postgres reaps "
                  "orphans itself and treats one killed by a signal as a crashed backend");
        if (companion.on_tick) {
            log::warning("PGFIT_EXEC=true: no scheduled backups and no repository check (they "
                         "run in pgfit beside the server); WAL archiving still works");
        }
        const auto error = supervise::exec_process(spec);
        log::error("{}", error.message);
        return supervise::exit_code_for_exec_error(error.sys_errno);
    }
    PGFIT_TRY_ASSIGN(const auto postmaster, supervisor.spawn(spec));
    return supervisor.supervise_server(postmaster, run.stop, companion);
}

Result<void> write_backup_conf(const config::ContainerConfig& config) {
    if (!config.backup) {
        return {};
    }
    return backup::write_conf(*config.backup, backup::cluster_of(config.bootstrap));
}

Result<int> run_unchanged(supervise::Supervisor& supervisor, std::vector<std::string> args,
                          const Environment& environment) {
    if (args.front() == "postgres") {
        if (const auto binary = server::find_postgres_binary(environment)) {
            args.front() = *binary;
        }
    }
    PGFIT_TRY_ASSIGN(const auto child, supervisor.spawn({std::move(args), environment, {}}));
    return supervisor.supervise_command(child);
}

} // namespace pgfit::cli
