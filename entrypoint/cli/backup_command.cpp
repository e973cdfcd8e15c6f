// `pgfit backup [full|diff|incr|list|check]`, for `docker exec`: runs pgBackRest against the
// container's repository with the conf the running container wrote (PGDATA/pgfit-pgbackrest),
// as the owner of PGDATA, with its output on this terminal. `backup` alone is an incremental
// one (pgBackRest takes a full one when there is none yet). A command that meets another one's
// lock is tried again every 5 s for up to 2 minutes.
#include <chrono>
#include <sys/stat.h>
#include <unistd.h>

#include "backup/companion.hpp"
#include "backup/pgbackrest_conf.hpp"
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "config/backup_variables.hpp"
#include "config/bootstrap_settings.hpp"
#include "supervise/pause.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

// pgBackRest exits with its error's code: [050] is "unable to acquire lock".
constexpr int k_lock_acquire_error = 50;
constexpr std::chrono::seconds k_lock_wait{120};
constexpr std::chrono::milliseconds k_lock_retry{5000};

constexpr const char* k_usage = "usage: pgfit backup [full|diff|incr|list|check]";

Result<std::vector<std::string>> pgbackrest_command(const std::vector<std::string>& args) {
    const std::string what = args.empty() ? "incr" : args.front();
    if (args.size() > 1) {
        return bad_input("pgfit backup", "{}", k_usage);
    }
    if (what == "full" || what == "diff" || what == "incr") {
        return std::vector<std::string>{"--log-level-console=info", "backup", "--type=" + what};
    }
    if (what == "list") {
        return std::vector<std::string>{"info"};
    }
    if (what == "check") {
        return std::vector<std::string>{"--log-level-console=info", "check"};
    }
    return bad_input("pgfit backup", "'{}' is not a backup command; {}", what, k_usage);
}

Result<int> run_backup(const Invocation& invocation) {
    PGFIT_TRY_ASSIGN(const auto command, pgbackrest_command(invocation.args));
    PGFIT_TRY_ASSIGN(const auto settings, config::read_backup_settings(invocation.environment));
    if (!settings) {
        return bad_input("PGBACKREST_REPO1_PATH",
                         "no pgBackRest repository is configured (PGBACKREST_REPO1_PATH or "
                         "PGBACKREST_REPO1_TYPE=s3)");
    }
    PGFIT_TRY_ASSIGN(const auto bootstrap, config::read_bootstrap_settings(invocation.environment));
    const auto conf = backup::conf_path(bootstrap.pgdata);
    if (!path_exists(conf)) {
        return fail(conf, "missing: pgfit writes it when the container starts with a repository");
    }
    auto supervisor = supervise::Supervisor::create();
    if (!supervisor) {
        return Unexpected{supervisor.error()};
    }
    supervise::ChildSpec spec{backup::pgbackrest_argv(*settings, bootstrap.pgdata, command),
                              backup::pgbackrest_environment(invocation.environment),
                              bootstrap.pgdata};
    struct stat owner {};
    if (::geteuid() == 0 && ::stat(bootstrap.pgdata.c_str(), &owner) == 0 && owner.st_uid != 0) {
        spec.identity = supervise::ChildSpec::Identity{owner.st_uid, owner.st_gid};
    }
    const auto deadline = std::chrono::steady_clock::now() + k_lock_wait;
    while (true) {
        PGFIT_TRY_ASSIGN(const auto child, supervisor->spawn(spec));
        const int status = supervisor->supervise_command(child);
        if (status != k_lock_acquire_error || std::chrono::steady_clock::now() >= deadline) {
            return status;
        }
        log::info("pgfit backup: another pgBackRest command holds the stanza's lock (a "
                  "scheduled backup, or the start's stanza-create and check); trying again in "
                  "{} s, for at most {} s",
                  k_lock_retry.count() / 1000, k_lock_wait.count());
        if (!supervise::pause_for(*supervisor, k_lock_retry, deadline).is_done()) {
            return status;
        }
    }
}

} // namespace

int backup_command(const Invocation& invocation) {
    return exit_status(run_backup(invocation));
}

} // namespace pgfit::cli
