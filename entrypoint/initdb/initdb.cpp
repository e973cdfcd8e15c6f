#include "initdb/initdb.hpp"

#include <unistd.h>

#include "supervise/child_run.hpp"
#include "util/file.hpp"

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

InitdbOptions initdb_options(const config::BootstrapSettings& settings, unsigned major) {
    InitdbOptions options;
    if (!settings.waldir.empty()) {
        options.words.push_back("--waldir=" + settings.waldir);
    }
    options.words.emplace_back("--no-instructions"); // they would name the staging directory
    options.words.emplace_back("--no-sync");         // sync_pgdata, once, after the init scripts
    options.checksums = choose_checksums(settings.initdb_args, settings.data_checksums, major);
    options.words.insert(options.words.end(), options.checksums.initdb_args.begin(),
                         options.checksums.initdb_args.end());
    return options;
}

supervise::Step run_initdb(supervise::Supervisor& supervisor,
                           const config::BootstrapSettings& settings, const InitdbRun& run,
                           const std::string& into) {
    supervise::ChildSpec spec;
    spec.argv = {run.bindir + "/initdb", "-D", into, "--username=" + settings.user};
    PasswordFile password_file;
    if (!settings.password.empty()) {
        password_file.path = run.work_dir + "/pwfile";
        auto written = write_file_atomic(password_file.path, settings.password + "\n", 0600);
        if (!written) {
            return supervise::Step::failed(written.error());
        }
        spec.argv.push_back("--pwfile=" + password_file.path);
    }
    const auto options = initdb_options(settings, run.major);
    spec.argv.insert(spec.argv.end(), options.words.begin(), options.words.end());
    spec.environment = run.environment;
    spec.identity = run.identity;
    spec.environment.unset("PGDATA"); // -D wins anyway; keep initdb from reading a second one

    const auto ran = supervise::run_child(supervisor, spec);
    PGFIT_STEP(ran.step);
    if (ran.exit_code != 0) {
        return supervise::Step::failed(supervise::child_failure("initdb", "initdb", ran.exit_code));
    }
    return supervise::Step::done();
}

} // namespace pgfit::initdb
