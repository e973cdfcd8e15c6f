// `pgfit template`: the image's template cluster (initdb/template_cluster.hpp), made when the
// image is built so that a first start copies it instead of running initdb.
#include <cstdio>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cluster/privileges.hpp"
#include "config/bootstrap_settings.hpp"
#include "config/secrets.hpp"
#include "config/tuning_choices.hpp"
#include "initdb/template_cluster.hpp"
#include "server/server.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

constexpr std::string_view k_usage = R"(usage: pgfit template

Runs initdb as a first start in this environment would (the installed server, PGFIT_DATA_CHECKSUMS,
POSTGRES_INITDB_ARGS, POSTGRES_INITDB_WALDIR, LANG and the other locale and time zone variables),
but with the superuser postgres and no password, into PGFIT_CACHE_DIR/template (default
/var/cache/pgfit/template), replacing what is there. A first start whose initdb inputs are the
same copies it instead of running initdb. Run as root, initdb runs as postgres. The image runs
this when it is built.
)";

Result<int> make_template(const Environment& environment) {
    PGFIT_TRY_ASSIGN(auto settings, config::read_bootstrap_settings(environment));
    settings.user = initdb::k_template_superuser;
    settings.password.clear();
    PGFIT_TRY_ASSIGN(const auto choices, config::read_tuning_choices({}, environment));
    PGFIT_TRY_ASSIGN(auto supervisor, supervise::Supervisor::create());
    PGFIT_TRY_ASSIGN(const auto binary, server::find_postgres_binary(environment));
    std::vector<std::string> notes;
    PGFIT_TRY_ASSIGN(const unsigned major,
                     server::postgres_major(supervisor, binary, choices.cache_directory, notes));
    initdb::InitdbRun run{server::bindir_of(binary), "", config::without_secrets(environment),
                          major, std::nullopt};
    if (::geteuid() == 0) {
        PGFIT_TRY_ASSIGN(const auto account, cluster::lookup_account("postgres"));
        run.identity = supervise::ChildSpec::Identity{account.uid, account.gid};
    }
    const auto directory = initdb::template_directory(choices.cache_directory);
    PGFIT_TRY(supervise::step_result(initdb::build_template(supervisor, settings, run, directory),
                                     "pgfit template", "no template was made"));
    log::info("template cluster of PostgreSQL {} made in {}", major, directory);
    return k_exit_ok;
}

} // namespace

int template_command(const Invocation& invocation) {
    if (!invocation.args.empty()) {
        const bool help = invocation.args.front() == "--help" || invocation.args.front() == "-h";
        std::fputs(k_usage.data(), help ? stdout : stderr);
        return help ? k_exit_ok : k_exit_bad_input;
    }
    return exit_status(make_template(invocation.environment));
}

} // namespace pgfit::cli
