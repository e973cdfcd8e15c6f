// Backups with pgBackRest, read into backup::BackupSettings (as root, before privileges are
// dropped, so root-only secret files work). Off (nullopt) unless a repository is configured:
// PGBACKREST_REPO1_PATH (a posix repository, e.g. a mounted volume) or PGBACKREST_REPO1_TYPE=s3
// with PGBACKREST_REPO1_S3_ENDPOINT, _BUCKET, _REGION, _KEY and _KEY_SECRET (the secrets, and
// PGBACKREST_REPO1_CIPHER_PASS, also as NAME_FILE). Every other PGBACKREST_* variable is passed
// to pgBackRest as the option it names (PGBACKREST_REPO1_STORAGE_VERIFY_TLS=n →
// repo1-storage-verify-tls=n), except the ones pgfit sets itself, which are refused.
// pgfit's own: PGBACKREST_STANZA (default main), PGFIT_BACKUP_RPO (default 5min, the loss
// archiving aims to stay under), PGFIT_BACKUP_{FULL,DIFF,INCR}_SCHEDULE (cron, UTC) and
// PGFIT_RESTORE (latest, a timestamp with time zone, lsn:<LSN> or name:<restore point>).
// Errors are ErrorKind::bad_input naming the variable; a secret's value is never shown.
#pragma once

#include <optional>

#include "backup/backup_settings.hpp"
#include "util/bytes.hpp"
#include "util/sourced.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

Result<std::optional<backup::BackupSettings>> read_backup_settings(const Environment& environment);

// The memory pgBackRest's processes may take beside postgres inside the container's limit, when
// a repository is configured: 48 MiB per process (PGBACKREST_PROCESS_MAX, default 1; a full
// backup peaked at 34 MiB resident with one, tests/e2e/backup_restore.sh). The tuner plans
// postgres for what is left. A bad PGBACKREST_PROCESS_MAX counts as 1 here (read_backup_settings
// refuses it).
std::optional<Sourced<Bytes>> backup_memory_reserve(const Environment& environment);

// PGFIT_RESTORE's value (pure; exposed for tests).
Result<backup::RestoreTarget> parse_restore_target(std::string_view text, std::string_view where);

} // namespace pgfit::config
