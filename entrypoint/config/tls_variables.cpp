#include "config/tls_variables.hpp"

#include <fmt/format.h>

#include "config/values.hpp"
#include "util/strings.hpp"

namespace pgfit::config {

namespace {

// pgfit's name, or Bitnami's alias, whichever is set; both set to different values: an error.
Result<std::optional<tls::NamedFile>> file_variable(const Environment& environment,
                                                    const char* ours, const char* alias) {
    const auto mine = environment.get_non_empty(ours);
    const auto theirs = environment.get_non_empty(alias);
    if (mine && theirs && *mine != *theirs) {
        return bad_input(fmt::format("{}, {}", ours, alias),
                         "both are set, to different files ('{}' and '{}'); set only one of them",
                         *mine, *theirs);
    }
    if (mine) {
        return std::optional<tls::NamedFile>{tls::NamedFile{*mine, ours}};
    }
    if (theirs) {
        return std::optional<tls::NamedFile>{tls::NamedFile{*theirs, alias}};
    }
    return std::optional<tls::NamedFile>{};
}

Result<tls::TlsMode> parse_mode(std::string_view text, std::string_view where) {
    if (to_lower(trim(text)) == "require") {
        return tls::TlsMode::require;
    }
    const auto on = parse_switch(text, where);
    if (!on) {
        return bad_input(std::string(where),
                         "'{}' is not a TLS mode; use off, on or require (also true/false, "
                         "yes/no, 1/0)",
                         text);
    }
    return *on ? tls::TlsMode::on : tls::TlsMode::off;
}

// POSTGRES_TLS and POSTGRESQL_ENABLE_TLS compared by meaning (yes and on agree).
Result<std::optional<tls::TlsMode>> read_mode(const Environment& environment) {
    std::optional<tls::TlsMode> mine;
    std::optional<tls::TlsMode> theirs;
    if (const auto text = environment.get_non_empty("POSTGRES_TLS")) {
        PGFIT_TRY_ASSIGN(mine, parse_mode(*text, "POSTGRES_TLS"));
    }
    if (const auto text = environment.get_non_empty("POSTGRESQL_ENABLE_TLS")) {
        PGFIT_TRY_ASSIGN(const bool on, parse_switch(*text, "POSTGRESQL_ENABLE_TLS"));
        theirs = on ? tls::TlsMode::on : tls::TlsMode::off;
    }
    if (mine && theirs && (*mine == tls::TlsMode::off) != (*theirs == tls::TlsMode::off)) {
        return bad_input("POSTGRES_TLS, POSTGRESQL_ENABLE_TLS",
                         "one turns TLS on and the other off ('{}' and '{}'); set only one of them",
                         *environment.get_non_empty("POSTGRES_TLS"),
                         *environment.get_non_empty("POSTGRESQL_ENABLE_TLS"));
    }
    return mine ? mine : theirs;
}

Result<std::string> parse_min_version(std::string_view text, std::string_view where) {
    const auto lower = to_lower(trim(text));
    if (lower == "tlsv1.2" || lower == "1.2") {
        return std::string("TLSv1.2");
    }
    if (lower == "tlsv1.3" || lower == "1.3") {
        return std::string("TLSv1.3");
    }
    return bad_input(std::string(where), "'{}' is not a TLS version; use TLSv1.2 or TLSv1.3", text);
}

} // namespace

Result<tls::TlsSettings> read_tls_settings(const Environment& environment,
                                           std::vector<std::string>& warnings) {
    tls::TlsSettings settings;
    PGFIT_TRY_ASSIGN(const auto mode, read_mode(environment));
    PGFIT_TRY_ASSIGN(settings.cert, file_variable(environment, "POSTGRES_TLS_CERT_FILE",
                                                  "POSTGRESQL_TLS_CERT_FILE"));
    PGFIT_TRY_ASSIGN(settings.key, file_variable(environment, "POSTGRES_TLS_KEY_FILE",
                                                 "POSTGRESQL_TLS_KEY_FILE"));
    PGFIT_TRY_ASSIGN(settings.ca,
                     file_variable(environment, "POSTGRES_TLS_CA_FILE", "POSTGRESQL_TLS_CA_FILE"));
    PGFIT_TRY_ASSIGN(settings.crl, file_variable(environment, "POSTGRES_TLS_CRL_FILE",
                                                 "POSTGRESQL_TLS_CRL_FILE"));
    if (settings.key && !settings.cert) {
        return bad_input(settings.key->variable,
                         "a private key without a certificate; set POSTGRES_TLS_CERT_FILE too");
    }
    if (settings.cert && !settings.key) {
        return bad_input(settings.cert->variable,
                         "a certificate without its private key; set POSTGRES_TLS_KEY_FILE too");
    }
    if (const auto text = environment.get_non_empty("POSTGRES_TLS_MIN_VERSION")) {
        PGFIT_TRY_ASSIGN(settings.min_protocol,
                         parse_min_version(*text, "POSTGRES_TLS_MIN_VERSION"));
    }
    settings.mode = mode.value_or(settings.cert ? tls::TlsMode::on : tls::TlsMode::off);
    if (settings.mode == tls::TlsMode::off) {
        if (settings.cert || settings.ca || settings.crl) {
            warnings.push_back("TLS is off (POSTGRES_TLS or POSTGRESQL_ENABLE_TLS); the "
                               "certificate, CA and CRL files given are not used");
        }
        settings.cert.reset();
        settings.key.reset();
        settings.ca.reset();
        settings.crl.reset();
    }
    return settings;
}

} // namespace pgfit::config
