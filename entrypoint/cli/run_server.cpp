#include "cli/run_server.hpp"

#include <filesystem>
#include <set>

#include "cli/commands.hpp"
#include "cli/run_auto_conf.hpp"
#include "cli/run_postgres.hpp"
#include "cli/run_settings.hpp"
#include "cli/run_standby.hpp"
#include "cli/run_summary.hpp"
#include "cli/run_trace.hpp"
#include "cluster/ensure_cluster.hpp"
#include "config/container_plan.hpp"
#include "detect/resources.hpp"
#include "server/server.hpp"
#include "supervise/spawn.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

constexpr const char* k_default_pgdata = "/var/lib/postgresql/data";
constexpr int k_exit_failed = 1;

// The operator's settings, and which skipped tuned values have been logged already.
struct OperatorChoices {
    PostgresArguments arguments;
    std::set<std::string> logged;

    // Every operator setting: ALTER SYSTEM, then the command line (which overrides it in
    // postgres too, so it comes last).
    std::vector<OperatorSetting> chosen(const std::string& data_directory) const {
        auto settings = read_auto_conf(data_directory);
        settings.insert(settings.end(), arguments.settings.begin(), arguments.settings.end());
        return settings;
    }

    // Tuned settings minus what the operator chose (see `chosen`).
    FilteredSettings filter(const std::vector<tune::Setting>& tuned,
                            const std::vector<OperatorSetting>& chosen) {
        auto filtered = filter_tuned(tuned, chosen);
        log_skipped_once(filtered, logged);
        return filtered;
    }
};

// The server's arguments after the program name: tuned flags first, so that should a name slip
// through the filter, the operator's later flag still wins.
std::vector<std::string> server_arguments(const FilteredSettings& filtered,
                                          const std::vector<std::string>& args) {
    auto arguments = to_flags(filtered.kept);
    arguments.insert(arguments.end(), args.begin() + 1, args.end());
    return arguments;
}

// PGFIT_EXEC=true: postgres takes over pgfit's process; only returns when exec failed.
int exec_postgres(const supervise::ChildSpec& spec) {
    log::info("PGFIT_EXEC=true: replacing pgfit by postgres; from now on postgres reaps "
              "orphans itself and treats one killed by a signal as a crashed backend");
    const auto error = supervise::exec_process(spec);
    log::error("{}", error.message);
    return supervise::exit_code_for_exec_error(error.sys_errno);
}

} // namespace

int run_server(supervise::Supervisor& supervisor, const std::vector<std::string>& args,
               const RunOptions& options, const Environment& environment) {
    const Trace trace(options.trace);
    trace.step("run");
    // ---- replica bootstrap: the replication role and the primary (replica/settings) ----
    auto replica = replica::read_replica_settings(environment);
    if (!replica) {
        log::error("{}", replica.error().to_string());
        return k_exit_failed;
    }
    if (*replica) {
        (*replica)->wait_timeout = options.primary_wait_timeout;
    }
    // The server program: postgres on PATH, else the newest /usr/lib/postgresql/*/bin/postgres.
    const auto binary = server::find_postgres_binary(environment);
    if (!binary) {
        log::error("{}", binary.error().message);
        return supervise::k_exit_not_found;
    }
    // What the container may use, each limit with where it came from.
    const auto resources = detect::detect_resources(environment, {});
    if (!resources) {
        log::error("{}", resources.error().to_string());
        return k_exit_bad_input;
    }
    log::info("{}", resources_line(*resources));
    for (const auto& note : resources->notes) {
        log::info("resources: {}", note);
    }
    trace.step("detect");
    // Settings whose worst case fits, unless the operator turned autoconfig off (the plan logs
    // its own line: profile, sessions that fit, worst case).
    std::optional<tune::Plan> plan;
    if (!options.skip_autoconfig) {
        auto planned = config::plan_for_container(environment, *resources, *binary);
        if (!planned) {
            log::error("{}", planned.error().to_string());
            return k_exit_bad_input;
        }
        plan = std::move(*planned);
    }
    trace.step("plan");
    // The operator's own values win: command-line flags and ALTER SYSTEM are never overridden.
    OperatorChoices choices{parse_postgres_arguments({args.begin() + 1, args.end()}), {}};
    auto tuned = plan ? plan->settings : std::vector<tune::Setting>{};
    const auto data_directory = choices.arguments.data_directory.value_or(
        environment.get_non_empty("PGDATA").value_or(k_default_pgdata));
    auto filtered = choices.filter(tuned, choices.chosen(data_directory));
    log::info("{}", settings_line(plan, filtered));
    trace.step("operator settings");
    // PGDATA ready for the server: initialised on first start; as root, pgfit becomes postgres.
    const auto bindir = std::filesystem::path(*binary).parent_path().string();
    auto cluster = cluster::ensure_cluster(
        supervisor, {environment, server_arguments(filtered, args), bindir, *replica});
    if (const auto* exit_code = std::get_if<int>(&cluster)) {
        return *exit_code;
    }
    const auto& ready = std::get<cluster::ClusterReady>(cluster);
    trace.step("cluster");
    const auto server_data_directory = choices.arguments.data_directory.value_or(ready.pgdata);
    // Read again: init scripts may have run ALTER SYSTEM, and their values win too.
    const auto chosen = choices.chosen(server_data_directory);
    // ---- standby: at least the primary's settings and libraries; a primary records its
    // libraries for its replicas (cli/run_standby.hpp) ----
    std::vector<std::string> standby_flags;
    if (ready.standby) {
        auto adapted = adapt_for_standby({supervisor, environment, *resources, *binary,
                                          server_data_directory, ready.server_environment,
                                          plan.has_value(), *replica ? &**replica : nullptr},
                                         tuned, chosen);
        if (!adapted) {
            log::error("{}", adapted.error().to_string());
            return k_exit_failed;
        }
        standby_flags = std::move(*adapted);
    } else {
        record_libraries_for_replicas(server_data_directory, tuned, chosen);
    }
    filtered = choices.filter(tuned, chosen);
    // A stop requested while getting here: the server is not started at all.
    if (const int stop_signal = supervisor.check_stop_requested(); stop_signal != 0) {
        log::info("stop requested before the server started; exiting");
        return 128 + stop_signal;
    }
    auto argv = server_arguments(filtered, args);
    argv.insert(argv.begin(), *binary);
    argv.insert(argv.end(), standby_flags.begin(), standby_flags.end()); // after the operator's
    const supervise::ChildSpec spec{
        std::move(argv),
        server_environment(ready.server_environment, ready.pgdata,
                           choices.arguments.data_directory.has_value()),
        {}};
    trace.step("exec postgres");
    // postgres replaces pgfit (PGFIT_EXEC=true), or runs as the supervised child.
    if (options.exec) {
        return exec_postgres(spec);
    }
    const auto postmaster = supervisor.spawn(spec);
    if (!postmaster) {
        log::error("{}", postmaster.error().message);
        return k_exit_failed;
    }
    return supervisor.supervise_server(*postmaster, options.stop);
}

int run_unchanged(supervise::Supervisor& supervisor, std::vector<std::string> args,
                  const Environment& environment) {
    if (args.front() == "postgres") {
        if (const auto binary = server::find_postgres_binary(environment)) {
            args.front() = *binary;
        }
    }
    const auto child = supervisor.spawn({std::move(args), environment, {}});
    if (!child) {
        log::error("{}", child.error().message);
        return k_exit_failed;
    }
    return supervisor.supervise_command(*child);
}

} // namespace pgfit::cli
