// `pgfit backup [full|diff|incr|list|check]`, for `docker exec`: runs pgBackRest against the
// container's repository with the conf the running container wrote (PGDATA/pgfit-pgbackrest),
// as the owner of PGDATA, with its output on this terminal. `backup` alone is an incremental
// one (pgBackRest takes a full one when there is none yet).
#include <sys/stat.h>
#include <unistd.h>

#include "backup/companion.hpp"
#include "backup/pgbackrest_conf.hpp"
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "config/backup_variables.hpp"
#include "config/bootstrap_settings.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

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
    PGFIT_TRY_ASSIGN(const auto child, supervisor->spawn(spec));
    return supervisor->supervise_command(child);
}

} // namespace

int backup_command(const Invocation& invocation) {
    return exit_status(run_backup(invocation));
}

} // namespace pgfit::cli
