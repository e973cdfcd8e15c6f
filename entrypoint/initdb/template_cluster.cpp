#include "initdb/template_cluster.hpp"

#include <chrono>
#include <filesystem>
#include <sys/random.h>
#include <unistd.h>

#include "initdb/control_identity.hpp"
#include "server/controldata.hpp"
#include "supervise/run_captured.hpp"
#include "util/crc32c.hpp"
#include "util/file.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::initdb {

namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds k_resetwal_timeout{120};
constexpr std::size_t k_max_name_length = 63; // NAMEDATALEN - 1

// initdb reads these (the cluster's locale, the lc_* and time zone settings it writes into
// postgresql.conf); nothing else in its environment changes the cluster it makes.
bool shapes_the_cluster(std::string_view name) {
    return name == "LANG" || name.starts_with("LC_") || name == "TZ" || name == "PGTZ";
}

std::string cluster_of(const std::string& directory) {
    return directory + "/cluster";
}
std::string recipe_of(const std::string& directory) {
    return directory + "/recipe";
}
std::string layout_of(const std::string& directory) {
    return directory + "/control-layout";
}

Result<void> filesystem_result(const std::error_code& error, const std::string& path,
                               std::string_view what) {
    if (!error) {
        return {};
    }
    Error failure{path, fmt::format("cannot {}: {}", what, error.message())};
    failure.sys_errno = error.value();
    return Unexpected{std::move(failure)};
}

// The template keeps no WAL: pg_resetwal writes the copy's first segment under its identity.
Result<void> remove_wal_segments(const std::string& cluster) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(cluster + "/pg_wal", error)) {
        if (entry.is_regular_file()) {
            fs::remove(entry.path(), error);
            PGFIT_TRY(filesystem_result(error, entry.path(), "remove"));
        }
    }
    return filesystem_result(error, cluster + "/pg_wal", "list");
}

// As initdb draws them: the time in seconds and microseconds and the process ID for the system
// identifier, random bytes for the nonce.
Result<ControlIdentity> new_identity(std::size_t nonce_length) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - seconds);
    ControlIdentity identity;
    identity.system_identifier = (static_cast<std::uint64_t>(seconds.count()) << 32) |
                                 (static_cast<std::uint64_t>(micros.count()) << 12) |
                                 (static_cast<std::uint64_t>(::getpid()) & 0xFFF);
    identity.nonce.resize(nonce_length);
    if (::getrandom(identity.nonce.data(), nonce_length, 0) != static_cast<ssize_t>(nonce_length)) {
        return fail("getrandom", "no random bytes for the mock authentication nonce");
    }
    return identity;
}

supervise::Step failed_or_stopped(supervise::Supervisor& supervisor, const Error& error) {
    const int signal = supervisor.check_stop_requested();
    return signal != 0 ? supervise::Step::stopped(signal) : supervise::Step::failed(error);
}

// The first line where the template's recipe and this start's differ, for the log.
std::string first_difference(std::string_view made, std::string_view wanted) {
    const auto made_lines = split(made, '\n');
    const auto wanted_lines = split(wanted, '\n');
    for (std::size_t i = 0; i < std::max(made_lines.size(), wanted_lines.size()); ++i) {
        const auto left = i < made_lines.size() ? made_lines[i] : std::string_view("(nothing)");
        const auto right =
            i < wanted_lines.size() ? wanted_lines[i] : std::string_view("(nothing)");
        if (left != right) {
            return fmt::format("the template has '{}', this start '{}'", left, right);
        }
    }
    return "no line differs";
}

// Why the template cannot serve `settings`; "" when it can.
std::string reason_not_to_copy(const config::BootstrapSettings& settings, const InitdbRun& run,
                               const std::string& directory) {
    if (settings.user.starts_with("pg_") || settings.user.size() > k_max_name_length) {
        return "initdb judges this POSTGRES_USER";
    }
    const auto made = read_file(recipe_of(directory));
    if (!made) {
        return made.error().to_string();
    }
    const auto wanted =
        template_recipe(run.bindir + "/initdb", initdb_options(settings, run.major).words,
                        run.environment, localtime_fingerprint());
    if (*made != wanted) {
        return "the template was made with other initdb inputs: " + first_difference(*made, wanted);
    }
    return "";
}

// The template's cluster copied into `cluster` and given an identity of its own, whose system
// identifier is returned.
Result<std::uint64_t> copy_with_new_identity(const std::string& directory,
                                             const std::string& cluster) {
    std::error_code error;
    fs::copy(cluster_of(directory), cluster, fs::copy_options::recursive, error);
    PGFIT_TRY(filesystem_result(error, cluster, "copy the template into"));
    PGFIT_TRY_ASSIGN(const auto layout_text, read_file(layout_of(directory)));
    PGFIT_TRY_ASSIGN(const auto layout, parse_control_layout(layout_text, layout_of(directory)));
    const std::string control_path = cluster + "/global/pg_control";
    PGFIT_TRY_ASSIGN(auto control, read_file(control_path));
    PGFIT_TRY_ASSIGN(const auto identity, new_identity(layout.nonce_length));
    PGFIT_TRY_ASSIGN(const auto rewritten, with_identity(std::move(control), layout, identity));
    PGFIT_TRY(write_file_atomic(control_path, rewritten, 0600));
    return identity.system_identifier;
}

supervise::Step reset_wal(supervise::Supervisor& supervisor, const InitdbRun& run,
                          const std::string& cluster) {
    supervise::ChildSpec spec;
    spec.argv = {run.bindir + "/pg_resetwal", "-D", cluster};
    spec.environment = run.environment;
    spec.environment.unset("PGDATA");
    const auto ran = supervise::run_captured(supervisor, spec, k_resetwal_timeout);
    if (!ran) {
        return failed_or_stopped(supervisor, ran.error());
    }
    if (ran->exit.exit_code() != 0) {
        return supervise::Step::failed(
            Error{"pg_resetwal", fmt::format("failed with {}: {}",
                                             supervise::describe_exit(ran->exit), trim(ran->err))});
    }
    return supervise::Step::done();
}

} // namespace

std::string template_directory(const std::string& cache_directory) {
    return cache_directory + "/template";
}

std::string template_recipe(const std::string& initdb_path, const std::vector<std::string>& words,
                            const Environment& environment, std::string_view localtime) {
    std::string recipe = "initdb " + initdb_path + "\n";
    for (const auto& word : words) {
        recipe += "word " + word + "\n";
    }
    for (const auto& [name, value] : environment.variables()) {
        if (shapes_the_cluster(name)) {
            recipe += "env " + name + "=" + value + "\n";
        }
    }
    recipe += "localtime " + std::string(localtime) + "\n";
    return recipe;
}

std::string localtime_fingerprint() {
    const std::string path = "/etc/localtime";
    std::error_code error;
    if (const auto target = fs::read_symlink(path, error); !error) {
        return "link " + target.string();
    }
    const auto content = read_file(path);
    if (!content) {
        return "none";
    }
    return fmt::format("file {} {:08x}", content->size(), crc32c(*content));
}

supervise::Step build_template(supervise::Supervisor& supervisor,
                               const config::BootstrapSettings& settings, const InitdbRun& run,
                               const std::string& directory) {
    const std::string staging = directory + ".tmp";
    std::error_code error;
    fs::remove_all(staging, error);
    PGFIT_STEP(supervise::Step::from(filesystem_result(error, staging, "remove")));
    fs::create_directories(staging, error);
    PGFIT_STEP(supervise::Step::from(filesystem_result(error, staging, "create")));
    if (run.identity && ::chown(staging.c_str(), run.identity->uid, run.identity->gid) != 0) {
        return supervise::Step::failed(Error{staging, "cannot give it to the initdb user", errno});
    }
    PGFIT_STEP(run_initdb(supervisor, settings, run, cluster_of(staging)));

    auto output =
        server::run_controldata(supervisor, run.bindir, cluster_of(staging), run.environment);
    if (!output) {
        return failed_or_stopped(supervisor, output.error());
    }
    const auto identity = parse_controldata_identity(*output);
    const auto control = read_file(cluster_of(staging) + "/global/pg_control");
    if (!identity || !control) {
        return supervise::Step::failed(identity ? control.error() : identity.error());
    }
    const auto layout = find_control_layout(*control, *identity);
    if (!layout) {
        return supervise::Step::failed(layout.error());
    }
    PGFIT_STEP(supervise::Step::from(remove_wal_segments(cluster_of(staging))));
    const auto recipe =
        template_recipe(run.bindir + "/initdb", initdb_options(settings, run.major).words,
                        run.environment, localtime_fingerprint());
    PGFIT_STEP(supervise::Step::from(write_file_atomic(recipe_of(staging), recipe, 0644)));
    PGFIT_STEP(supervise::Step::from(
        write_file_atomic(layout_of(staging), format_control_layout(*layout), 0644)));
    fs::remove_all(directory, error);
    PGFIT_STEP(supervise::Step::from(filesystem_result(error, directory, "remove")));
    fs::rename(staging, directory, error);
    return supervise::Step::from(filesystem_result(error, directory, "rename into place"));
}

supervise::Step copy_template(supervise::Supervisor& supervisor,
                              const config::BootstrapSettings& settings, const InitdbRun& run,
                              const std::string& directory, const std::string& into, bool& copied) {
    copied = false;
    if (!settings.init_template || !path_exists(recipe_of(directory))) {
        return supervise::Step::done();
    }
    if (const auto reason = reason_not_to_copy(settings, run, directory); !reason.empty()) {
        log::info("initdb runs: {}", reason);
        return supervise::Step::done();
    }
    const auto identified = copy_with_new_identity(directory, into);
    auto step =
        identified ? reset_wal(supervisor, run, into) : supervise::Step::failed(identified.error());
    if (!step.is_done() && !step.is_stopped()) {
        // initdb is the way every first start could take: a template this user cannot read or
        // a pg_resetwal that fails only costs the time saved.
        log::warning("initdb runs: the template could not be used: {}", step.error().to_string());
        std::error_code error;
        fs::remove_all(into, error);
        return supervise::Step::from(filesystem_result(error, into, "remove"));
    }
    copied = step.is_done();
    if (copied) {
        log::info("initdb: skipped; PGDATA is a copy of the image's template cluster (initdb ran "
                  "with the same inputs when the image was built), system identifier {}",
                  *identified);
    }
    return step;
}

Result<void> adopt_template_superuser(psql::SqlSession& session,
                                      const config::BootstrapSettings& settings) {
    std::vector<std::string> values{settings.user};
    std::string assignments = "rolname = $1";
    if (!settings.password.empty()) {
        PGFIT_TRY_ASSIGN(auto verifier, session.scram_verifier(settings.password, settings.user));
        values.push_back(std::move(verifier));
        assignments += ", rolpassword = $2";
    }
    // ALTER ROLE cannot rename the role of the session, and the template has no other; the
    // password goes in as its verifier, never in clear. The bootstrap superuser is OID 10.
    PGFIT_TRY_ASSIGN(const auto updated,
                     session.query_value("UPDATE pg_catalog.pg_authid SET " + assignments +
                                             " WHERE oid = 10 RETURNING oid",
                                         values));
    if (!updated) {
        return fail("POSTGRES_USER", "the template's superuser (OID 10) is missing");
    }
    return {};
}

} // namespace pgfit::initdb
