// Where postgres reads its TLS files from: PGDATA/pgfit-tls (mode 0700), files 0600 owned by
// the server's user. pgfit always serves its own checked copy, never the mounted files: a
// Kubernetes secret's key is root-owned 0644 or 0440, which postgres refuses, and a pair
// rotated half-way (or a broken one) must never be what postgres reloads.
//   server.crt, server.key    the mounted pair, copied
//   ca.crt, crl.pem           the mounted CA and CRL, copied (removed when no longer given)
//   self-signed.crt/.key      generated at the first start without files, then reused
// The settings that point postgres at them are made by `server_settings` (no I/O).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tls/material.hpp"
#include "tls/settings.hpp"
#include "tune/plan.hpp"
#include "util/result.hpp"

namespace pgfit::tls {

// The directory's name in PGDATA; a replica's clone drops the primary's (replica/clone).
inline constexpr const char* k_tls_directory_name = "pgfit-tls";

struct InstalledTls {
    std::string cert_path;
    std::string key_path;
    std::optional<std::string> ca_path;
    std::optional<std::string> crl_path;
    std::string fingerprint;    // SHA-256 of the certificate, `openssl x509 -fingerprint` style
    std::string subject;        // one line, for the log
    int days_left = 0;          // until the certificate expires (negative: expired)
    bool generated_now = false; // a self-signed certificate made by this call
};

// PGDATA/pgfit-tls.
std::string tls_directory(const std::string& pgdata);

// ssl=on and the file settings for `installed`, plus ssl_min_protocol_version; reasons name the
// variables of `settings`. Passed as the lowest layer, so the operator's `-c ssl...` and ALTER
// SYSTEM win.
std::vector<tune::Setting> server_settings(const TlsSettings& settings,
                                           const InstalledTls& installed);

// Writes `material` into tls_directory(pgdata) (key first, each file atomically) and returns
// where; files already equal are left alone. Error: where = the file that could not be written.
Result<InstalledTls> install_mounted(const std::string& pgdata, const TlsMaterial& material);

// The self-signed pair of tls_directory(pgdata): reused when present and matching, else
// generated for `host_name` and written.
Result<InstalledTls> install_self_signed(const std::string& pgdata, const std::string& host_name);

// The start's step: nothing when TLS is off; `mounted` (read before pgfit dropped root) copied
// when files were given, else the self-signed pair. Logs the certificate's subject and
// fingerprint.
Result<std::optional<InstalledTls>> install_tls(const TlsSettings& settings,
                                                const std::optional<TlsMaterial>& mounted,
                                                const std::string& pgdata);

// The mounted files of `settings` read and checked, or nullopt when TLS is off or self-signed.
Result<std::optional<TlsMaterial>> read_mounted_if_any(const TlsSettings& settings);

} // namespace pgfit::tls
