#include "pooler/pgbouncer_files.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "cluster/privileges.hpp"
#include "util/file.hpp"

namespace pgfit::pooler {

namespace {

Result<void> hand_over(const std::string& path, const std::optional<FileOwner>& owner) {
    if (owner && ::chown(path.c_str(), owner->uid, owner->gid) != 0) {
        return fail(path, "cannot change the owner to '{}': {}", owner->name, std::strerror(errno));
    }
    return {};
}

} // namespace

Result<std::optional<FileOwner>> pgbouncer_run_as() {
    if (::geteuid() != 0) {
        return std::optional<FileOwner>();
    }
    const auto account = cluster::lookup_account("postgres");
    if (!account) {
        return fail(account.error().where, "cannot run PgBouncer as root: {}",
                    account.error().message);
    }
    return std::optional<FileOwner>(FileOwner{account->uid, account->gid, account->name});
}

PgBouncerFiles pgbouncer_file_paths(const std::string& runtime_dir) {
    return PgBouncerFiles{runtime_dir + "/pgbouncer.ini", runtime_dir + "/userlist.txt"};
}

Result<void> write_pgbouncer_files(const std::string& runtime_dir, std::string_view ini,
                                   std::string_view auth_file,
                                   const std::optional<FileOwner>& owner) {
    if (::mkdir(runtime_dir.c_str(), 0700) != 0 && errno != EEXIST) {
        return fail(runtime_dir, "cannot create the directory: {}", std::strerror(errno));
    }
    PGFIT_TRY(hand_over(runtime_dir, owner));
    const PgBouncerFiles paths = pgbouncer_file_paths(runtime_dir);
    PGFIT_TRY(write_file_atomic(paths.auth_file_path, auth_file, 0600));
    PGFIT_TRY(hand_over(paths.auth_file_path, owner));
    PGFIT_TRY(write_file_atomic(paths.ini_path, ini, 0600));
    PGFIT_TRY(hand_over(paths.ini_path, owner));
    return {};
}

} // namespace pgfit::pooler
