#include "replica/clone.hpp"

#include <algorithm>
#include <vector>

#include "backup/pgbackrest_conf.hpp"
#include "cluster/pgdata_state.hpp"
#include "replica/probe.hpp"
#include "replica/standby.hpp"
#include "server/controldata.hpp"
#include "supervise/child_run.hpp"
#include "tls/install.hpp"
#include "util/file.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::replica {

namespace {

using Clock = std::chrono::steady_clock;

long long elapsed_ms(Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

// The primary's own pgfit files came along in the copy; none of them describes this replica,
// except its record of its preload libraries (kept).
bool pgfit_owned(const std::string& name) {
    return name == cluster::k_marker_name || name == k_passfile_name ||
           name == cluster::k_staging_name || name == k_clone_staging_name ||
           name == tls::k_tls_directory_name || name == backup::k_directory_name ||
           name.starts_with(cluster::k_aside_prefix);
}

supervise::ChildSpec basebackup_spec(const ReplicaSettings& settings, const CloneRequest& request,
                                     const std::string& staging, const std::string& passfile) {
    supervise::ChildSpec spec;
    spec.argv = {request.bindir + "/pg_basebackup",
                 "-h",
                 settings.primary_host,
                 "-p",
                 std::to_string(settings.primary_port),
                 "-U",
                 settings.user,
                 "-D",
                 staging,
                 "-X",
                 "stream",
                 "-S",
                 settings.slot,
                 "-R",
                 "-w",
                 "-c",
                 "fast"};
    spec.environment = request.environment;
    spec.environment.unset("PGDATA");
    spec.environment.set("PGPASSFILE", passfile);
    if (!settings.sslmode.empty()) {
        spec.environment.set("PGSSLMODE", settings.sslmode);
    }
    if (!settings.sslrootcert.empty()) {
        spec.environment.set("PGSSLROOTCERT", settings.sslrootcert);
    }
    // -R copies every connection option into primary_conninfo: the slot names the standby in
    // pg_stat_replication.
    spec.environment.set("PGAPPNAME", settings.slot);
    return spec;
}

supervise::Step finish_clone(const ReplicaSettings& settings, const CloneRequest& request,
                             const std::string& staging, const PrimaryFacts& facts,
                             std::string_view copied_by) {
    PGFIT_STEP(supervise::Step::from(cluster::remove_entries(staging, pgfit_owned)));
    PGFIT_STEP(supervise::Step::from(cluster::move_staging_into_place(staging, request.pgdata)));
    if (facts.preload_libraries) {
        PGFIT_STEP(supervise::Step::from(
            record_primary_libraries(request.pgdata, facts.preload_libraries)));
    } else if (const auto recorded = read_primary_libraries(request.pgdata)) {
        log::info("the primary's shared_preload_libraries '{}', as its pgfit recorded them (user "
                  "'{}' may not SHOW them: {})",
                  *recorded, settings.user, facts.preload_libraries_error);
    } else {
        log::warning("cannot read the primary's shared_preload_libraries as user '{}' ({}): "
                     "this standby preloads its own list; to keep the primary's, let the user "
                     "inherit pg_read_all_settings",
                     settings.user, facts.preload_libraries_error);
    }
    // Written and fsynced last: from here on the directory is a completed cluster.
    return supervise::Step::from(cluster::write_init_marker(
        request.pgdata, "complete",
        fmt::format("{}\ncopied-by={}\nfinished={}\npgfit={}\n", k_clone_source_line, copied_by,
                    cluster::utc_stamp(false), PGFIT_VERSION)));
}

// The staging directory restored from the repository is of the primary's database system, or
// the standby could never stream from it (nor replay the primary's WAL).
supervise::Step check_same_system(supervise::Supervisor& supervisor,
                                  const ReplicaSettings& settings, const CloneRequest& request,
                                  const std::string& staging, const PrimaryFacts& facts) {
    const auto output =
        server::run_controldata(supervisor, request.bindir, staging, request.environment);
    if (!output) {
        return supervise::Step::failed(output.error());
    }
    const auto restored = system_identifier(*output);
    if (restored == facts.system_identifier) {
        return supervise::Step::done();
    }
    return supervise::Step::failed(Error{
        "PGFIT_REPLICA_SEED",
        fmt::format("the pgBackRest repository's backup is of database system {}, but primary {} "
                    "is system {}: a standby made from it could never follow that primary; point "
                    "PGBACKREST_* (repository, stanza) at the primary's own repository, or set "
                    "PGFIT_REPLICA_SEED=pg_basebackup",
                    restored.value_or("(unknown)"), settings.primary_address(),
                    facts.system_identifier)});
}

// The copy from the repository (see the header): `seeded` says whether PGDATA now holds it.
supervise::Step seed_from_repository(supervise::Supervisor& supervisor,
                                     const ReplicaSettings& settings, const CloneRequest& request,
                                     const std::string& staging, const PrimaryFacts& facts,
                                     bool& seeded) {
    const auto started = Clock::now();
    const auto seed = request.from_repository(supervisor, staging);
    auto step = seed.step;
    if (step.is_done() && seed.unavailable.empty()) {
        step = check_same_system(supervisor, settings, request, staging, facts);
        if (step.is_done()) {
            PGFIT_STEP(finish_clone(settings, request, staging, facts, "pgbackrest-restore"));
            log::info("seeded the standby from the pgBackRest repository in {} ms; it replays "
                      "the archived WAL, then streams from primary {} through slot '{}'",
                      elapsed_ms(started), settings.primary_address(), settings.slot);
            seeded = true;
            return step;
        }
    }
    PGFIT_STEP(supervise::Step::from(remove_clone_leftovers(request.pgdata)));
    PGFIT_STEP(step);
    if (settings.seed == ReplicaSettings::Seed::repository) {
        return supervise::Step::failed(
            Error{"PGFIT_REPLICA_SEED",
                  fmt::format("repository: cannot seed the standby from the pgBackRest "
                              "repository: {}",
                              seed.unavailable)});
    }
    log::warning("cannot seed the standby from the pgBackRest repository: {}; cloning primary "
                 "{} with pg_basebackup instead",
                 seed.unavailable, settings.primary_address());
    return supervise::Step::done();
}

} // namespace

bool is_clone_marker(std::string_view marker) {
    for (const auto line : split(marker, '\n')) {
        if (trim(line) == k_clone_source_line) {
            return true;
        }
    }
    return false;
}

Result<std::string> write_passfile(const std::string& pgdata, const ReplicaSettings& settings) {
    auto line = passfile_line(settings);
    if (!line) {
        return Unexpected{line.error()};
    }
    const std::string path = pgdata + "/" + k_passfile_name;
    PGFIT_TRY(write_file_atomic(path, *line, 0600));
    return path;
}

Result<void> remove_clone_leftovers(const std::string& pgdata) {
    return cluster::remove_entries(pgdata, [](const std::string& name) {
        return name != cluster::k_marker_name && name != k_passfile_name && name != "lost+found" &&
               !name.starts_with(cluster::k_aside_prefix);
    });
}

supervise::Step clone_primary(supervise::Supervisor& supervisor, const ReplicaSettings& settings,
                              const CloneRequest& request) {
    const auto deadline = Clock::now() + settings.wait_timeout;
    const std::string staging = request.pgdata + "/" + k_clone_staging_name;
    PGFIT_STEP(supervise::Step::from(cluster::write_init_marker(
        request.pgdata, "in-progress",
        fmt::format("{}\nprimary={}\nstarted={}\npgfit={}\n", k_clone_source_line,
                    settings.primary_address(), cluster::utc_stamp(false), PGFIT_VERSION))));
    const auto passfile = write_passfile(request.pgdata, settings);
    if (!passfile) {
        return supervise::Step::failed(passfile.error());
    }
    std::chrono::milliseconds backoff{0};
    bool repository_tried = !request.from_repository;
    while (true) {
        PrimaryFacts facts;
        PGFIT_STEP(wait_for_primary(supervisor, settings, *passfile, deadline, facts));
        if (!repository_tried) {
            repository_tried = true;
            bool seeded = false;
            PGFIT_STEP(seed_from_repository(supervisor, settings, request, staging, facts, seeded));
            if (seeded) {
                return supervise::Step::done();
            }
        }
        log::info("cloning primary {} (PostgreSQL {}, system {}) with pg_basebackup through "
                  "slot '{}' into '{}'",
                  settings.primary_address(), facts.server_version, facts.system_identifier,
                  settings.slot, request.pgdata);
        const auto started = Clock::now();
        const auto ran = supervise::run_child(
            supervisor, basebackup_spec(settings, request, staging, *passfile));
        if (ran.step.is_stopped()) {
            log::info("pg_basebackup stopped by a stop signal; removing the partial copy");
            PGFIT_STEP(supervise::Step::from(remove_clone_leftovers(request.pgdata)));
            return ran.step;
        }
        PGFIT_STEP(ran.step);
        if (ran.exit_code == 0) {
            PGFIT_STEP(finish_clone(settings, request, staging, facts, "pg_basebackup"));
            log::info("cloned primary {} in {} ms; starting as a hot standby",
                      settings.primary_address(), elapsed_ms(started));
            return supervise::Step::done();
        }
        const auto failure =
            supervise::child_failure("pg_basebackup", "pg_basebackup", ran.exit_code);
        PGFIT_STEP(supervise::Step::from(remove_clone_leftovers(request.pgdata)));
        if (Clock::now() >= deadline) {
            return supervise::Step::failed(
                Error{"replica",
                      fmt::format("cannot clone the primary {}: {}; {}", settings.primary_address(),
                                  failure.message, gave_up_after(settings))});
        }
        backoff = next_backoff(backoff);
        log::warning("{}; removed the partial copy, trying again in {} ms", failure.message,
                     backoff.count());
        PGFIT_STEP(supervise::pause_for(supervisor, backoff, deadline));
    }
}

} // namespace pgfit::replica
