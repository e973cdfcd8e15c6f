// Certificate rotation on SIGHUP: before the signal reaches postgres, the mounted files are
// read and checked again and, when they changed, copied over the served ones, so postgres's
// reload picks the new pair up. A pair that fails its check is logged and not installed:
// postgres reloads the old files and keeps serving them.
#pragma once

#include <string>

#include "tls/settings.hpp"

namespace pgfit::tls {

// What a SIGHUP did to the served files.
enum class ReloadOutcome { not_used, unchanged, installed, refused };

// For a server started with `settings` on `pgdata`. Logs what it did (an error when refused).
ReloadOutcome reload_mounted_files(const TlsSettings& settings, const std::string& pgdata);

} // namespace pgfit::tls
