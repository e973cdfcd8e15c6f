// A posix repository on a fresh volume is a root-owned empty directory: as root, before pgfit
// becomes postgres, the repository's directory is created and given to postgres when root owns
// it (its content is pgBackRest's, written as postgres, and is left alone).
#pragma once

#include <sys/types.h>

#include "backup/backup_settings.hpp"
#include "util/result.hpp"

namespace pgfit::backup {

// Nothing unless pgfit runs as root with a posix repository. A failure is a warning: the server
// starts without its repository (the checks at start say so again).
Result<void> prepare_repository_as_root(const BackupSettings& settings, uid_t uid, gid_t gid);

} // namespace pgfit::backup
