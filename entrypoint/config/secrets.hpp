// What counts as a secret in the container's environment, and how secrets are kept away from
// the server: the real and the temporary server get an environment without them, and pgfit
// wipes their values from its own /proc/1/environ once it has read them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

// `*_PASSWORD`, `*_PASSWORD_FILE`, libpq's PGPASSWORD and pgBackRest's S3 keys, token and
// cipher passphrase (PGBACKREST_*_S3_KEY, _S3_KEY_SECRET, _S3_TOKEN, _CIPHER_PASS, and _FILE).
bool is_secret_name(std::string_view name);

// `environment` without any secret.
Environment without_secrets(Environment environment);

// The content of a `*_FILE` secret. `strip_all_newlines` mimics the official image's `$(< file)`
// (every trailing newline goes); otherwise exactly one trailing "\n" is removed (the contract of
// the other secrets). Errors name the variable and the path.
Result<std::string> read_secret_file(std::string_view variable, const std::string& path,
                                     bool strip_all_newlines);

// X, or the content of the file named by X_FILE (one trailing newline removed); nullopt when
// neither is set. Error: both are set (the official image's message).
Result<std::optional<std::string>> read_secret(const Environment& environment,
                                               const std::string& name);

// Overwrites the values of secret variables in this process's original environment block, so
// /proc/<pgfit>/environ no longer shows them. Values already copied into `Environment` objects
// are unaffected.
void wipe_secrets_from_process_environment();

} // namespace pgfit::config
