// The official image's `docker_create_db_directories` and gosu, in-process:
// - as root: PGDATA (mode 0700), the socket directory (mode 3777, as the official image sets it)
//   and POSTGRES_INITDB_WALDIR (mode 0700) are created, and every entry in them not owned by
//   `postgres` is given to it (user only, symlinks themselves, as `find ! -user postgres -exec
//   chown postgres`); a shared directory (sticky, world-writable and owned by another user, e.g.
//   /tmp) is never taken over: as the socket directory it is used as it is, as PGDATA or the WAL
//   directory it is an error; then this process becomes `postgres` (supplementary groups, gid,
//   uid, read from /etc/passwd and /etc/group as gosu reads them) and HOME is set to its home;
// - as any other user: the same directories are created and chmod'ed when possible; failures
//   are ignored (PostgreSQL checks again). A uid without a passwd entry cannot run initdb
//   (documented limitation: no nss_wrapper).
#pragma once

#include <functional>
#include <string>
#include <sys/types.h>

#include "config/bootstrap_settings.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::cluster {

struct Account {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string home;
};

Result<Account> lookup_account(const std::string& name);

// As root; errors (mkdir, chown) stop the start, as `set -e` does in the official script.
Result<void> prepare_directories_as_root(const config::BootstrapSettings& settings,
                                         const Account& owner);

// As another user: best effort.
void prepare_directories_best_effort(const config::BootstrapSettings& settings);

// setgroups (the account's groups), setgid, setuid; afterwards the process cannot regain root.
Result<void> become(const Account& account);

// The step before the cluster: as root, the directories are prepared and this process becomes
// `postgres` (HOME of `settings.environment` set to its home); as any other user, the best
// effort. Returns the environment the servers get: `settings.environment` without any secret,
// with PGDATA set.
// `before_becoming` runs as root with the account, just before the switch (nothing otherwise).
Result<Environment>
take_over_directories(config::BootstrapSettings& settings,
                      const std::function<Result<void>(const Account&)>& before_becoming = {});

} // namespace pgfit::cluster
