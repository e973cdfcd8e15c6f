// What the environment asks of TLS (read by config/tls_variables.hpp): off, on, or required for
// every TCP login; the mounted certificate, key, CA and CRL files with the variable that named
// each; the oldest protocol version the server accepts.
#pragma once

#include <optional>
#include <string>

namespace pgfit::tls {

enum class TlsMode { off, on, require };

// A mounted file and the variable that named it (POSTGRES_TLS_CERT_FILE or Bitnami's
// POSTGRESQL_TLS_CERT_FILE), for errors.
struct NamedFile {
    std::string path;
    std::string variable;

    bool operator==(const NamedFile&) const = default;
};

struct TlsSettings {
    TlsMode mode = TlsMode::off;
    // Set together or not at all; neither, with TLS on: a self-signed certificate.
    std::optional<NamedFile> cert;
    std::optional<NamedFile> key;
    std::optional<NamedFile> ca;          // clients' certificates are checked against it
    std::optional<NamedFile> crl;         // revoked client certificates
    std::string min_protocol = "TLSv1.2"; // ssl_min_protocol_version

    bool enabled() const { return mode != TlsMode::off; }
    bool self_signed() const { return enabled() && !cert.has_value(); }

    bool operator==(const TlsSettings&) const = default;
};

} // namespace pgfit::tls
