#include "cluster/ensure_cluster.hpp"

#include <cstdio>
#include <unistd.h>

#include "cluster/bootstrap_settings.hpp"
#include "cluster/pgdata_state.hpp"
#include "cluster/pidfile.hpp"
#include "cluster/privileges.hpp"
#include "cluster/secrets.hpp"
#include "initdb/first_start.hpp"
#include "replica/clone.hpp"
#include "supervise/signals.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cluster {

namespace {

constexpr int k_exit_failed = 1;

// Errors copied from the official image have no `where` and are printed as they are.
void report(const Error& error) {
    if (error.where.empty()) {
        std::fprintf(stderr, "%s\n", error.message.c_str());
    } else {
        log::error("{}", error.to_string());
    }
}

Result<void> take_ownership(BootstrapSettings& settings) {
    if (::geteuid() != 0) {
        prepare_directories_best_effort(settings);
        return {};
    }
    auto account = lookup_account("postgres");
    if (!account) {
        return Unexpected{account.error()};
    }
    PGFIT_TRY(prepare_directories_as_root(settings, *account));
    PGFIT_TRY(become(*account));
    settings.environment.set("HOME", account->home);
    return {};
}

std::string one_line(std::string text) {
    for (auto& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return text;
}

void refuse_half_initialized(const BootstrapSettings& settings, const PgdataInspection& found) {
    log::error("PGDATA '{}' holds a cluster whose first-start initialisation did not finish ({}): "
               "initdb, an init script or the temporary server's shutdown failed or was "
               "interrupted, so the database may lack what the init scripts create",
               settings.pgdata, one_line(found.evidence));
    log::error("set PGFIT_REINIT_INCOMPLETE=true to move its content to "
               "PGDATA/{}<time> and initialise again, or delete PGDATA/{} to start it as it is",
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
    auto aside = move_aside(settings.pgdata);
    if (!aside) {
        return Unexpected{aside.error()};
    }
    log::warning("PGFIT_REINIT_INCOMPLETE=true: moved the half-initialised cluster to '{}' "
                 "(delete it when you no longer need it); initialising again",
                 *aside);
    if (!settings.waldir.empty()) {
        auto wal_aside = move_aside(settings.waldir);
        if (!wal_aside) {
            return Unexpected{wal_aside.error()};
        }
        log::warning("moved its WAL to '{}'", *wal_aside);
    }
    return {};
}

// Whether this start initialises, or an exit code when it must not start at all.
std::variant<bool, int> decide(const BootstrapSettings& settings, const PgdataInspection& found) {
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
        refuse_half_initialized(settings, found);
        return k_exit_failed;
    case PgdataState::not_empty:
        log::error("PGDATA '{}' is not empty but holds no database (it contains '{}'); initdb "
                   "needs an empty directory: empty it, or point PGDATA at a subdirectory of the "
                   "mount point",
                   settings.pgdata, found.evidence);
        return k_exit_failed;
    }
    return k_exit_failed;
}

// The contract is "arguments after postgres"; a caller that passes the program name first still
// works (postgres would reject a stray "postgres" operand).
std::vector<std::string> postgres_arguments(const std::vector<std::string>& args) {
    if (!args.empty() && (args.front() == "postgres" || args.front().ends_with("/postgres"))) {
        return {args.begin() + 1, args.end()};
    }
    return args;
}

int initialise(supervise::Supervisor& supervisor, const BootstrapSettings& settings,
               const ClusterRequest& request, PgdataState state, const Environment& server_env) {
    if (settings.password.empty() && !settings.trust()) {
        std::fputs(missing_password_message().c_str(), stderr);
        return k_exit_failed;
    }
    if (settings.trust()) {
        std::fputs(trust_warning().c_str(), stderr);
    }
    if (state != PgdataState::empty) {
        if (auto cleared = clear_for_reinit(settings, state); !cleared) {
            report(cleared.error());
            return k_exit_failed;
        }
    }
    const auto step = initdb::run_first_start(
        supervisor, settings,
        {request.postgres_bindir, postgres_arguments(request.server_args), server_env});
    if (step.is_stopped()) {
        log::error("initialisation interrupted by {}; PGDATA keeps its in-progress marker",
                   supervise::signal_name(step.signal()));
        return 128 + step.signal();
    }
    if (!step.is_done()) {
        report(step.error());
        log::error("initialisation failed; PGDATA keeps its in-progress marker, so the next start "
                   "refuses to run until PGFIT_REINIT_INCOMPLETE=true is set");
        return k_exit_failed;
    }
    return 0;
}

// ---- replica bootstrap (POSTGRES_REPLICATION_ROLE=replica; see replica/clone.hpp) ----

// A cloned (or promoted) cluster is started as it is; a standby gets its password file again.
int run_existing_replica(const BootstrapSettings& settings,
                         const replica::ReplicaSettings& replica) {
    if (!path_exists(settings.pgdata + "/standby.signal")) {
        log::info("PGDATA '{}' holds a promoted or primary cluster (no standby.signal): running "
                  "it as it is, not turning it back into a standby of {}; to follow a primary "
                  "again, start with an empty PGDATA",
                  settings.pgdata, replica.primary_address());
        return 0;
    }
    if (auto written = replica::write_passfile(settings.pgdata, replica); !written) {
        report(written.error());
        return k_exit_failed;
    }
    log::info("PGDATA '{}' holds a standby; not cloning again (primary {}, slot '{}')",
              settings.pgdata, replica.primary_address(), replica.slot);
    return 0;
}

// What an unfinished start left: a clone in progress is a copy (nothing is lost by removing
// it); a half-initialised primary cluster is refused or moved aside as on a primary.
std::optional<int> clear_for_clone(const BootstrapSettings& settings,
                                   const PgdataInspection& found) {
    if (found.state == PgdataState::half_initialized && !replica::is_clone_marker(found.evidence)) {
        if (!settings.reinit_incomplete) {
            refuse_half_initialized(settings, found);
            return k_exit_failed;
        }
        if (auto cleared = clear_for_reinit(settings, found.state); !cleared) {
            report(cleared.error());
            return k_exit_failed;
        }
        return std::nullopt;
    }
    log::info("PGDATA '{}' holds what an unfinished {} left ({}); removing it and cloning the "
              "primary again",
              settings.pgdata,
              replica::is_clone_marker(found.evidence) ? "clone of the primary" : "initialisation",
              one_line(found.evidence));
    if (auto removed = replica::remove_clone_leftovers(settings.pgdata); !removed) {
        report(removed.error());
        return k_exit_failed;
    }
    return std::nullopt;
}

// Returns 0 when PGDATA is ready for the server, else pgfit's exit code.
int prepare_replica(supervise::Supervisor& supervisor, const BootstrapSettings& settings,
                    const ClusterRequest& request, const PgdataInspection& found,
                    const Environment& server_env) {
    const auto& replica = *request.replica;
    switch (found.state) {
    case PgdataState::initialized:
    case PgdataState::foreign:
        return run_existing_replica(settings, replica);
    case PgdataState::not_empty: {
        const auto refusal = decide(settings, found);
        return std::get<int>(refusal);
    }
    case PgdataState::half_initialized:
    case PgdataState::interrupted_early:
        if (const auto code = clear_for_clone(settings, found)) {
            return *code;
        }
        break;
    case PgdataState::empty:
        break;
    }
    const auto step = replica::clone_primary(
        supervisor, replica, {request.postgres_bindir, settings.pgdata, server_env});
    if (step.is_stopped()) {
        log::error("clone of the primary interrupted by {}; the next start clones again",
                   supervise::signal_name(step.signal()));
        return 128 + step.signal();
    }
    if (!step.is_done()) {
        report(step.error());
        return k_exit_failed;
    }
    return 0;
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

std::variant<ClusterReady, int> ensure_cluster(supervise::Supervisor& supervisor,
                                               const ClusterRequest& request) {
    auto settings = read_bootstrap_settings(request.environment);
    if (!settings) {
        report(settings.error());
        return k_exit_failed;
    }
    wipe_secrets_from_process_environment();
    if (auto owned = take_ownership(*settings); !owned) {
        report(owned.error());
        return k_exit_failed;
    }
    Environment server_env = without_secrets(settings->environment);
    server_env.set("PGDATA", settings->pgdata);

    const auto found = inspect_pgdata(settings->pgdata);
    if (!found) {
        report(found.error());
        return k_exit_failed;
    }
    bool initialise_now = false;
    if (request.replica) {
        // ---- replica bootstrap: clone instead of initdb (see prepare_replica) ----
        if (const int code = prepare_replica(supervisor, *settings, request, *found, server_env);
            code != 0) {
            return code;
        }
    } else {
        const auto decision = decide(*settings, *found);
        if (const auto* code = std::get_if<int>(&decision)) {
            return *code;
        }
        initialise_now = std::get<bool>(decision);
    }
    if (initialise_now) {
        if (const int code = initialise(supervisor, *settings, request, found->state, server_env);
            code != 0) {
            return code;
        }
    } else if (found->state == PgdataState::initialized || found->state == PgdataState::foreign) {
        std::printf("\nPostgreSQL Database directory appears to contain a database; Skipping "
                    "initialization\n\n");
        std::fflush(stdout);
    }
    allow_stale_pidfile(settings->pgdata, server_env);
    ClusterReady ready{settings->pgdata, std::move(server_env), initialise_now};
    ready.standby = path_exists(settings->pgdata + "/standby.signal");
    return ready;
}

} // namespace pgfit::cluster
