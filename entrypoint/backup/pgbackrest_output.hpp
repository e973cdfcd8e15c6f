// What pgfit reads back from pgBackRest's console output (pure): the backup's size line and the
// error that made a command fail, for one log line each.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgfit::backup {

// "22.2MB" from "P00   INFO: full backup size = 22.2MB, file total = 964"; nullopt if absent.
std::optional<std::string> backup_size(std::string_view output);

// The stanza's status in `pgbackrest info`'s text output: "ok", "ok (backup/expire running)",
// "error (no valid backups)"; nullopt without a "status:" line.
std::optional<std::string> stanza_status(std::string_view info_output);

// The last "ERROR: [code]: message" line without its "P00  " prefix, else the last non-empty
// line; empty when there is no output at all.
std::string failure_reason(std::string_view output);

} // namespace pgfit::backup
