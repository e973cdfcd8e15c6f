// The files of the init directories, in the official image's order: `dir/*` as bash globs it
// (no dotfiles, not recursive), sorted with the collation of the container's locale (LC_ALL,
// else LC_COLLATE, else LANG; glibc strcoll, so en_US.utf8 puts `01.sql` before `01-x.sh` and
// `a.sql` before `B.sql`), byte order under C/POSIX or when that locale is not installed.
// Directories are taken one after the other (the image's shipped scripts first).
#pragma once

#include <string>
#include <vector>

#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::initdb {

enum class InitFileKind { shell, sql, sql_gz, sql_xz, sql_zst, ignored };

struct InitFile {
    std::string path;
    InitFileKind kind = InitFileKind::ignored;
    bool executable = false; // for .sh: executed when true, sourced otherwise
};

InitFileKind kind_of(const std::string& name);

// `names` sorted as the shell would under `environment`'s locale.
std::vector<std::string> sort_like_the_shell(std::vector<std::string> names,
                                             const Environment& environment);

// Every entry of every existing directory, in run order. A directory that exists but cannot be
// read is an error (checked before initdb, as the official image's `ls` does); a missing one
// holds no scripts.
Result<std::vector<InitFile>> list_init_files(const std::vector<std::string>& directories,
                                              const Environment& environment);

} // namespace pgfit::initdb
