// The certificate files as pgfit reads them (as root at start, so a root-only mounted key can be
// read; as postgres on SIGHUP), checked with libcrypto before postgres ever sees them: the
// certificate and key parse, and the key is the certificate's. A pair that fails is never
// installed (tls/install.hpp), so postgres keeps serving the last good one.
#pragma once

#include <optional>
#include <string>

#include "tls/settings.hpp"
#include "util/result.hpp"

namespace pgfit::tls {

// The PEM texts of one consistent set.
struct TlsMaterial {
    std::string cert;
    std::string key;
    std::optional<std::string> ca;
    std::optional<std::string> crl;

    bool operator==(const TlsMaterial&) const = default;
};

// The certificate's SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it:
// upper-case hex pairs separated by ':'. Error (where = `cert_where`): no certificate in `cert`.
Result<std::string> sha256_fingerprint(const std::string& cert, const std::string& cert_where);

// The certificate's subject, one line (e.g. "CN = db.example.com"), for the log.
Result<std::string> subject_line(const std::string& cert, const std::string& cert_where);

// Whole days from now until the certificate's notAfter (negative once it has expired).
Result<int> days_until_expiry(const std::string& cert, const std::string& cert_where);

// Both parse (the first certificate of a chain is the server's) and `key` is the private key
// of `cert`. Errors are bad_input and name `cert_where` or `key_where` (an encrypted key is
// refused: postgres would ask for a passphrase on a terminal it does not have).
Result<void> check_pair(const std::string& cert, const std::string& key,
                        const std::string& cert_where, const std::string& key_where);

// Reads the mounted files of `settings` (cert and key must be set) and checks the pair, the CA
// (at least one certificate) and the CRL (a CRL). Errors are bad_input naming the variable and
// the path: a missing or unreadable file, an empty one, a broken or mismatched pair.
Result<TlsMaterial> read_mounted_files(const TlsSettings& settings);

} // namespace pgfit::tls
