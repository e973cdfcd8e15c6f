#include "cluster/ensure_cluster.hpp"

#include <cstdio>
#include <unistd.h>

#include "cluster/bootstrap_settings.hpp"
#include "cluster/first_start.hpp"
#include "cluster/pgdata_state.hpp"
#include "cluster/pidfile.hpp"
#include "cluster/privileges.hpp"
#include "cluster/secrets.hpp"
#include "supervise/signals.hpp"
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
    const auto step = run_first_start(
        supervisor, settings,
        {request.postgres_bindir, postgres_arguments(request.server_args), server_env});
    if (step.is_stopped()) {
        log::error("initialisation interrupted by {}; PGDATA keeps its in-progress marker",
                   ::sigabbrev_np(step.signal())
                       ? std::string("SIG") + ::sigabbrev_np(step.signal())
                       : std::to_string(step.signal()));
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
    const auto decision = decide(*settings, *found);
    if (const auto* code = std::get_if<int>(&decision)) {
        return *code;
    }
    const bool initialise_now = std::get<bool>(decision);
    if (initialise_now) {
        if (const int code = initialise(supervisor, *settings, request, found->state, server_env);
            code != 0) {
            return code;
        }
    } else {
        std::printf("\nPostgreSQL Database directory appears to contain a database; Skipping "
                    "initialization\n\n");
        std::fflush(stdout);
    }
    allow_stale_pidfile(settings->pgdata, server_env);
    return ClusterReady{settings->pgdata, std::move(server_env), initialise_now};
}

} // namespace pgfit::cluster
