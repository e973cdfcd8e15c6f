#include "cluster/ensure_cluster.hpp"

#include <cstdio>

#include "backup/restore.hpp"
#include "backup/standby_seed.hpp"
#include "cluster/pgdata_state.hpp"
#include "cluster/pidfile.hpp"
#include "cluster/privileges.hpp"
#include "config/bootstrap_settings.hpp"
#include "initdb/first_start.hpp"
#include "replica/clone.hpp"
#include "server/server.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cluster {

namespace {

using config::BootstrapSettings;

std::string one_line(std::string text) {
    for (auto& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return text;
}

Unexpected refuse_half_initialized(const BootstrapSettings& settings,
                                   const PgdataInspection& found) {
    log::error("PGDATA '{}' holds a cluster whose first-start initialisation did not finish ({}): "
               "initdb, an init script or the temporary server's shutdown failed or was "
               "interrupted, so the database may lack what the init scripts create",
               settings.pgdata, one_line(found.evidence));
    return fail("",
                "set PGFIT_REINIT_INCOMPLETE=true to move its content to PGDATA/{}<time> and "
                "initialise again, or delete PGDATA/{} to start it as it is",
                k_aside_prefix, k_marker_name);
}

// Clears what an unfinished init left so initdb can run again. Half-initialised clusters are
// moved aside (they may hold data); leftovers from before the cluster existed are removed.
Result<void> clear_for_reinit(const BootstrapSettings& settings, PgdataState state) {
    if (state == PgdataState::interrupted_early) {
        log::info("removing what an interrupted initialisation left in '{}' before it created "
                  "the cluster",
                  settings.pgdata);
        PGFIT_TRY(remove_contents(settings.pgdata));
        return settings.waldir.empty() ? Result<void>() : remove_contents(settings.waldir);
    }
    PGFIT_TRY_ASSIGN(auto aside, move_aside(settings.pgdata));
    log::warning("PGFIT_REINIT_INCOMPLETE=true: moved the half-initialised cluster to '{}' "
                 "(delete it when you no longer need it); initialising again",
                 aside);
    if (!settings.waldir.empty()) {
        PGFIT_TRY_ASSIGN(auto wal_aside, move_aside(settings.waldir));
        log::warning("moved its WAL to '{}'", wal_aside);
    }
    return {};
}

// Whether this start initialises; an error when it must not start at all.
Result<bool> decide(const BootstrapSettings& settings, const PgdataInspection& found) {
    switch (found.state) {
    case PgdataState::initialized:
    case PgdataState::foreign:
        return false;
    case PgdataState::empty:
    case PgdataState::interrupted_early:
        return true;
    case PgdataState::half_initialized:
        if (settings.reinit_incomplete) {
            return true;
        }
        return refuse_half_initialized(settings, found);
    case PgdataState::not_empty:
        break;
    }
    return fail("",
                "PGDATA '{}' is not empty but holds no database (it contains '{}'); initdb "
                "needs an empty directory: empty it, or point PGDATA at a subdirectory of the "
                "mount point",
                settings.pgdata, found.evidence);
}

// The contract is "arguments after postgres"; a caller that passes the program name first still
// works (postgres would reject a stray "postgres" operand).
std::vector<std::string> postgres_arguments(const std::vector<std::string>& args) {
    if (!args.empty() && (args.front() == "postgres" || args.front().ends_with("/postgres"))) {
        return {args.begin() + 1, args.end()};
    }
    return args;
}

Result<void> initialise(supervise::Supervisor& supervisor, const BootstrapSettings& settings,
                        const ClusterRequest& request, PgdataState state,
                        const Environment& server_env) {
    if (settings.password.empty() && !settings.trust()) {
        return official(config::missing_password_message());
    }
    if (settings.trust()) {
        std::fputs(config::trust_warning().c_str(), stderr);
    }
    if (state != PgdataState::empty) {
        PGFIT_TRY(clear_for_reinit(settings, state));
    }
    const auto step = initdb::run_first_start(
        supervisor, settings,
        {server::bindir_of(request.postgres_binary), postgres_arguments(request.first_start_args),
         server_env, request.server_major, request.template_directory, request.after_init_scripts});
    if (!step.is_done() && !step.is_stopped()) {
        log::error("{}", step.error().to_string());
        return fail("", "initialisation failed; PGDATA keeps its in-progress marker, so the next "
                        "start refuses to run until PGFIT_REINIT_INCOMPLETE=true is set");
    }
    return supervise::step_result(step, "initialisation", "PGDATA keeps its in-progress marker");
}

// ---- replica bootstrap (POSTGRES_REPLICATION_ROLE=replica; see replica/clone.hpp) ----

// A cloned (or promoted) cluster is started as it is; a standby gets its password file again.
Result<void> run_existing_replica(const BootstrapSettings& settings,
                                  const replica::ReplicaSettings& replica) {
    if (!path_exists(settings.pgdata + "/standby.signal")) {
        log::info("PGDATA '{}' holds a promoted or primary cluster (no standby.signal): running "
                  "it as it is, not turning it back into a standby of {}; to follow a primary "
                  "again, start with an empty PGDATA",
                  settings.pgdata, replica.primary_address());
        return {};
    }
    PGFIT_TRY(replica::write_passfile(settings.pgdata, replica));
    log::info("PGDATA '{}' holds a standby; not cloning again (primary {}, slot '{}')",
              settings.pgdata, replica.primary_address(), replica.slot);
    return {};
}

// What an unfinished start left: a clone in progress is a copy (nothing is lost by removing
// it); a half-initialised primary cluster is refused or moved aside as on a primary.
Result<void> clear_for_clone(const BootstrapSettings& settings, const PgdataInspection& found) {
    if (found.state == PgdataState::half_initialized && !replica::is_clone_marker(found.evidence)) {
        if (!settings.reinit_incomplete) {
            return refuse_half_initialized(settings, found);
        }
        return clear_for_reinit(settings, found.state);
    }
    log::info("PGDATA '{}' holds what an unfinished {} left ({}); removing it and cloning the "
              "primary again",
              settings.pgdata,
              replica::is_clone_marker(found.evidence) ? "clone of the primary" : "initialisation",
              one_line(found.evidence));
    return replica::remove_clone_leftovers(settings.pgdata);
}

Result<void> prepare_replica(supervise::Supervisor& supervisor, const BootstrapSettings& settings,
                             const ClusterRequest& request, const PgdataInspection& found,
                             const Environment& server_env) {
    const auto& replica = *request.replica;
    switch (found.state) {
    case PgdataState::initialized:
    case PgdataState::foreign:
        return run_existing_replica(settings, replica);
    case PgdataState::not_empty:
        PGFIT_TRY(decide(settings, found));
        return {};
    case PgdataState::half_initialized:
    case PgdataState::interrupted_early:
        PGFIT_TRY(clear_for_clone(settings, found));
        break;
    case PgdataState::empty:
        break;
    }
    replica::CloneRequest clone{server::bindir_of(request.postgres_binary), settings.pgdata,
                                server_env};
    if (request.backup != nullptr &&
        replica.seed != replica::ReplicaSettings::Seed::pg_basebackup) {
        clone.from_repository = [&](supervise::Supervisor& runner, const std::string& staging) {
            return backup::seed_standby(runner, *request.backup, backup::cluster_of(settings),
                                        server_env, staging, replica.slot);
        };
    }
    const auto step = replica::clone_primary(supervisor, replica, clone);
    return supervise::step_result(step, "clone of the primary", "the next start clones again");
}

// ---- restore at start (PGFIT_RESTORE; see backup/restore.hpp) ----

// Whether this start restores; what an unfinished restore left is removed first.
Result<bool> prepare_restore(const BootstrapSettings& settings, const PgdataInspection& found) {
    switch (found.state) {
    case PgdataState::initialized:
    case PgdataState::foreign:
        log::info("PGFIT_RESTORE is set but PGDATA '{}' already holds a cluster: starting it as "
                  "it is (a restore needs an empty PGDATA)",
                  settings.pgdata);
        return false;
    case PgdataState::empty:
        return true;
    case PgdataState::not_empty:
        return decide(settings, found);
    case PgdataState::interrupted_early:
    case PgdataState::half_initialized:
        break;
    }
    if (!backup::is_restore_marker(found.evidence)) {
        // An unfinished initdb: refused or moved aside as without PGFIT_RESTORE.
        if (found.state == PgdataState::half_initialized && !settings.reinit_incomplete) {
            return refuse_half_initialized(settings, found);
        }
    }
    log::info("PGDATA '{}' holds what an unfinished {} left ({}); removing it and restoring again",
              settings.pgdata,
              backup::is_restore_marker(found.evidence) ? "restore" : "initialisation",
              one_line(found.evidence));
    if (found.state == PgdataState::half_initialized &&
        !backup::is_restore_marker(found.evidence)) {
        PGFIT_TRY(clear_for_reinit(settings, found.state));
        return true;
    }
    PGFIT_TRY(backup::remove_restore_leftovers(settings.pgdata));
    return true;
}

Result<void> restore(supervise::Supervisor& supervisor, const BootstrapSettings& settings,
                     const backup::BackupSettings& backup, const Environment& server_env) {
    const auto step =
        backup::restore_cluster(supervisor, backup, backup::cluster_of(settings), server_env);
    return supervise::step_result(step, "restore", "the next start removes it and restores again");
}

// PG_GRANDPARENT_PID for a postmaster.pid left by an earlier container (see pidfile.hpp).
void allow_stale_pidfile(const std::string& pgdata, Environment& server_env) {
    const auto check = check_postmaster_pid(pgdata);
    if (check.verdict != PidfileVerdict::stale) {
        return;
    }
    log::info("postmaster.pid names process {}, which is alive but not a server of this data "
              "directory (a PID reused after an unclean stop); postgres is told to ignore it",
              check.pid);
    server_env.set("PG_GRANDPARENT_PID", std::to_string(check.pid));
}

} // namespace

Result<ClusterReady> ensure_cluster(supervise::Supervisor& supervisor,
                                    const ClusterRequest& request) {
    const auto& settings = request.bootstrap;
    Environment server_env = request.server_environment;
    PGFIT_TRY_ASSIGN(const auto found, inspect_pgdata(settings.pgdata));
    bool initialise_now = false;
    bool restore_now = false;
    if (request.replica) {
        // ---- replica bootstrap: clone instead of initdb (see prepare_replica) ----
        PGFIT_TRY(prepare_replica(supervisor, settings, request, found, server_env));
    } else if (request.backup != nullptr && request.backup->restore) {
        // ---- restore at start: from the repository instead of initdb ----
        PGFIT_TRY_ASSIGN(restore_now, prepare_restore(settings, found));
    } else {
        PGFIT_TRY_ASSIGN(initialise_now, decide(settings, found));
    }
    if (restore_now) {
        PGFIT_TRY(restore(supervisor, settings, *request.backup, server_env));
    } else if (initialise_now) {
        PGFIT_TRY(initialise(supervisor, settings, request, found.state, server_env));
    } else if (found.state == PgdataState::initialized || found.state == PgdataState::foreign) {
        std::printf("\nPostgreSQL Database directory appears to contain a database; Skipping "
                    "initialization\n\n");
        std::fflush(stdout);
    }
    allow_stale_pidfile(settings.pgdata, server_env);
    ClusterReady ready{settings.pgdata, std::move(server_env), initialise_now || restore_now};
    ready.standby = path_exists(settings.pgdata + "/standby.signal");
    return ready;
}

} // namespace pgfit::cluster
