// Writes the rendered pgbouncer.ini and the auth_file into the runtime directory, readable by
// the user PgBouncer runs as and by nobody else (the auth_file holds a password).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

#include "util/result.hpp"

namespace pgfit::pooler {

struct FileOwner {
    uid_t uid = 0;
    gid_t gid = 0;
    std::string name;
};

// When pgfit runs as root: the `postgres` user (PgBouncer refuses to run as root, so it is
// started with `-u postgres`), or an error when there is none. Otherwise nullopt: PgBouncer runs
// as pgfit's own user.
Result<std::optional<FileOwner>> pgbouncer_run_as();

struct PgBouncerFiles {
    std::string ini_path;       // <runtime_dir>/pgbouncer.ini, mode 0600
    std::string auth_file_path; // <runtime_dir>/userlist.txt, mode 0600
};

// Paths of the files in `runtime_dir`; the ini refers to the auth file by this path.
PgBouncerFiles pgbouncer_file_paths(const std::string& runtime_dir);

// Creates `runtime_dir` (0700) if needed, writes both files atomically with mode 0600 and,
// when `owner` is given, hands the directory and files to it.
Result<void> write_pgbouncer_files(const std::string& runtime_dir, std::string_view ini,
                                   std::string_view auth_file,
                                   const std::optional<FileOwner>& owner);

} // namespace pgfit::pooler
