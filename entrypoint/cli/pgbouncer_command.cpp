// `pgfit pgbouncer [--render-only]`: PgBouncer in front of a pgfit PostgreSQL, sized from the
// live server, supervised with pgfit as PID 1.
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "config/pooler_variables.hpp"
#include "config/run_options.hpp"
#include "config/secrets.hpp"
#include "pooler/pgbouncer_files.hpp"
#include "pooler/pgbouncer_ini.hpp"
#include "pooler/pgbouncer_process.hpp"
#include "pooler/server_limits.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

struct Rendered {
    pooler::PgBouncerVersion version;
    pooler::PgBouncerFiles paths;
    std::optional<pooler::FileOwner> owner;
};

// Settings → server limits → pool sizes → pgbouncer.ini + auth_file on disk.
Result<Rendered> render(supervise::Supervisor& supervisor, const pooler::PoolerSettings& settings,
                        const Environment& environment) {
    const auto version = pooler::installed_pgbouncer_version(supervisor, environment);
    PGFIT_TRY(version);
    const auto limits = pooler::query_server_limits(settings);
    PGFIT_TRY(limits);
    const pooler::PoolRequest request{static_cast<int>(settings.databases.size()),
                                      settings.direct_connections};
    const auto sizes = pooler::size_pools(*limits, request);
    PGFIT_TRY(sizes);
    log::info("pgbouncer: PgBouncer {}; {}", version->to_string(),
              pooler::describe(*sizes, *limits, request));

    const auto text = read_file(settings.template_path);
    PGFIT_TRY(text);
    Rendered rendered{*version, pooler::pgbouncer_file_paths(settings.runtime_dir), {}};
    const auto ini = pooler::render_template(
        *text,
        pooler::pgbouncer_ini_values(settings, *sizes, *version, rendered.paths.auth_file_path),
        settings.template_path);
    PGFIT_TRY(ini);
    auto owner = pooler::pgbouncer_run_as();
    PGFIT_TRY(owner);
    rendered.owner = *owner;
    PGFIT_TRY(pooler::write_pgbouncer_files(
        settings.runtime_dir, *ini,
        pooler::auth_file_line(settings.auth_user, settings.auth_password), rendered.owner));
    return rendered;
}

} // namespace

int pgbouncer_command(const Invocation& invocation) {
    bool render_only = false;
    for (const auto& argument : invocation.args) {
        if (argument != "--render-only") {
            log::error("pgbouncer: unknown argument '{}'; usage: pgfit pgbouncer [--render-only]",
                       argument);
            return k_exit_bad_input;
        }
        render_only = true;
    }
    const auto settings = config::read_pooler_settings(invocation.environment);
    // The same stop budget as for postgres (PGFIT_STOP_TIMEOUT, default 8 s).
    const auto options = config::read_run_options(invocation.environment);
    // The password is read: /proc/<pgfit>/environ need not show it any more.
    config::wipe_secrets_from_process_environment();
    if (!settings) {
        return exit_with(settings.error());
    }
    if (!options) {
        return exit_with(options.error());
    }
    auto supervisor = supervise::Supervisor::create();
    if (!supervisor) {
        return exit_with(supervisor.error());
    }
    const auto rendered = render(*supervisor, *settings, invocation.environment);
    if (!rendered) {
        return exit_with(rendered.error());
    }
    if (render_only) {
        log::info("pgbouncer: wrote {} and {}", rendered->paths.ini_path,
                  rendered->paths.auth_file_path);
        return k_exit_ok;
    }
    supervise::ChildSpec spec;
    spec.argv = pooler::pgbouncer_argv(rendered->paths.ini_path,
                                       rendered->owner ? rendered->owner->name : "");
    spec.environment = config::without_secrets(invocation.environment);
    return pooler::run_pgbouncer(*supervisor, spec, rendered->version, options->stop.stop_timeout);
}

} // namespace pgfit::cli
