// TLS from the environment: pgfit's POSTGRES_TLS* variables and Bitnami's POSTGRESQL_ENABLE_TLS
// and POSTGRESQL_TLS_* aliases (both names set to different values: an error naming both).
//   POSTGRES_TLS             off (default), on, require (every TCP login over TLS); true/yes/1
//                            mean on, false/no/0 off. Unset with a certificate given: on.
//   POSTGRES_TLS_CERT_FILE   the server's certificate (PEM; a chain, leaf first)
//   POSTGRES_TLS_KEY_FILE    its private key (PEM, not encrypted); with the certificate only
//   POSTGRES_TLS_CA_FILE     CA for client certificates (ssl_ca_file)
//   POSTGRES_TLS_CRL_FILE    revoked client certificates (ssl_crl_file)
//   POSTGRES_TLS_MIN_VERSION TLSv1.2 (default) or TLSv1.3 (also 1.2, 1.3)
// The files are only named here; tls/material.hpp reads and checks them.
#pragma once

#include <string>
#include <vector>

#include "tls/settings.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::config {

// Errors (bad_input, exit 2) name the variable: an unknown mode or version, a key without a
// certificate or the reverse, Bitnami's and pgfit's names set to different values. `warnings`
// gets one line when TLS is turned off explicitly while files are given (they are ignored).
Result<tls::TlsSettings> read_tls_settings(const Environment& environment,
                                           std::vector<std::string>& warnings);

} // namespace pgfit::config
