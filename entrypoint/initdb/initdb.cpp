#include "initdb/initdb.hpp"

#include <unistd.h>

#include "cluster/pgdata_state.hpp"
#include "initdb/checksums.hpp"
#include "supervise/child_run.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::initdb {

namespace {

// Removes the password file however the step ends.
struct PasswordFile {
    std::string path;
    ~PasswordFile() {
        if (!path.empty()) {
            ::unlink(path.c_str());
        }
    }
};

} // namespace

Result<void> sync_pgdata(const std::string& pgdata) {
    PGFIT_TRY(sync_filesystem_of(pgdata));
    return sync_filesystem_of(pgdata + "/pg_wal");
}

supervise::Step run_initdb(supervise::Supervisor& supervisor,
                           const config::BootstrapSettings& settings, const InitdbRun& run) {
    const std::string staging = settings.pgdata + "/" + cluster::k_staging_name;
    supervise::ChildSpec spec;
    spec.argv = {run.bindir + "/initdb", "-D", staging, "--username=" + settings.user};
    PasswordFile password_file;
    if (!settings.password.empty()) {
        password_file.path = run.work_dir + "/pwfile";
        auto written = write_file_atomic(password_file.path, settings.password + "\n", 0600);
        if (!written) {
            return supervise::Step::failed(written.error());
        }
        spec.argv.push_back("--pwfile=" + password_file.path);
    }
    if (!settings.waldir.empty()) {
        spec.argv.push_back("--waldir=" + settings.waldir);
    }
    spec.argv.push_back("--no-instructions"); // they would name the staging directory
    spec.argv.push_back("--no-sync");         // sync_pgdata, once, after the init scripts
    const auto checksums = choose_checksums(settings.initdb_args, settings.data_checksums, run.major);
    log::info("data checksums: {}, {}", checksums.enabled ? "on" : "off", checksums.reason);
    spec.argv.insert(spec.argv.end(), checksums.initdb_args.begin(), checksums.initdb_args.end());
    spec.environment = run.environment;
    spec.environment.unset("PGDATA"); // -D wins anyway; keep initdb from reading a second one

    const auto ran = supervise::run_child(supervisor, spec);
    PGFIT_STEP(ran.step);
    if (ran.exit_code != 0) {
        return supervise::Step::failed(supervise::child_failure("initdb", "initdb", ran.exit_code));
    }
    return supervise::Step::from(cluster::move_staging_into_place(staging, settings.pgdata));
}

} // namespace pgfit::initdb
