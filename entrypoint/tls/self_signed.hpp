// A self-signed certificate for TLS without mounted files: an ECDSA P-256 key and a
// certificate valid ten years, CN = the container's host name, SAN = that name, localhost
// and 127.0.0.1. Generated once (tls/install.hpp keeps it in PGDATA), so clients that pinned
// its fingerprint keep working across restarts.
#pragma once

#include <string>

#include "tls/material.hpp"
#include "util/result.hpp"

namespace pgfit::tls {

// `material` with cert and key set (no CA, no CRL). Error: a libcrypto failure.
Result<TlsMaterial> generate_self_signed(const std::string& host_name);

} // namespace pgfit::tls
