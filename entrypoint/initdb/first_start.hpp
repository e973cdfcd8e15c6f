// The first start on an empty PGDATA, in order (each step can fail or be stopped):
//  1. list the init directories (an unreadable one fails before anything is written);
//  2. write the in-progress marker; initdb into the staging directory (or the image's template
//     cluster copied there, initdb/template_cluster.hpp), moved into PGDATA;
//  3. append conf/postgresql-base.conf to postgresql.conf;
//  4. start the temporary server (socket only, private directory) and connect to it (a copied
//     template's superuser first renamed to POSTGRES_USER and given its password);
//  5. append the pg_hba lines (method: POSTGRES_HOST_AUTH_METHOD, else the server's
//     password_encryption — `postgres -C` of the official image, read from the running server);
//  6. create POSTGRES_DB when missing (the name quoted by libpq);
//  7. bind the script variables (SCRAM verifiers computed by libpq) and run the init files;
//  7b. `after_init_scripts` (the declared roles and passwords, roles/), when set;
//  8. fast-stop the temporary server; fsync PGDATA once (`initdb --sync-only`: the temporary
//     server ran with fsync=off); write the complete marker (fsynced); print the official
//     "PostgreSQL init process complete; ready for start up.".
// On failure or stop the running child's group is ended and the temporary server fast-stopped;
// the marker stays "in-progress".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "psql/sql_session.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::initdb {

struct FirstStartRequest {
    std::string bindir;
    std::vector<std::string> server_args;
    Environment server_environment; // the servers' (temporary and real) environment: no secrets
    unsigned major = 0;             // the server's major version
    std::string template_directory; // the image's template cluster (may be absent)
    // Runs on the temporary server once the init scripts are done (its connection target:
    // the private socket, the superuser); an error fails the init.
    std::function<Result<void>(const psql::ConnectionTarget&)> after_init_scripts;
};

supervise::Step run_first_start(supervise::Supervisor& supervisor,
                                const config::BootstrapSettings& settings,
                                const FirstStartRequest& request);

} // namespace pgfit::initdb
