#include <doctest/doctest.h>

#include "config/container.hpp"
#include "config/tls_variables.hpp"

using namespace pgfit;
using namespace pgfit::config;

namespace {

using Variables = std::map<std::string, std::string, std::less<>>;

tls::TlsSettings tls_of(const Variables& variables, std::vector<std::string>* warnings = nullptr) {
    std::vector<std::string> collected;
    auto settings = read_tls_settings(Environment(variables), collected);
    REQUIRE(settings.has_value());
    if (warnings != nullptr) {
        *warnings = collected;
    }
    return *settings;
}

std::string error_of(const Variables& variables) {
    std::vector<std::string> warnings;
    auto settings = read_tls_settings(Environment(variables), warnings);
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().kind == ErrorKind::bad_input);
    return settings.error().to_string();
}

} // namespace

TEST_SUITE("config::read_tls_settings") {
    TEST_CASE("nothing set: TLS off") {
        const auto settings = tls_of({});
        CHECK(settings.mode == tls::TlsMode::off);
        CHECK_FALSE(settings.enabled());
    }

    TEST_CASE("a certificate and key without POSTGRES_TLS turn TLS on") {
        const auto settings = tls_of(
            {{"POSTGRES_TLS_CERT_FILE", "/tls/c.pem"}, {"POSTGRES_TLS_KEY_FILE", "/tls/k.pem"}});
        CHECK(settings.mode == tls::TlsMode::on);
        CHECK(settings.cert == tls::NamedFile{"/tls/c.pem", "POSTGRES_TLS_CERT_FILE"});
        CHECK(settings.key == tls::NamedFile{"/tls/k.pem", "POSTGRES_TLS_KEY_FILE"});
        CHECK(settings.min_protocol == "TLSv1.2");
        CHECK_FALSE(settings.self_signed());
    }

    TEST_CASE("POSTGRES_TLS=on without files: self-signed") {
        const auto settings = tls_of({{"POSTGRES_TLS", "on"}});
        CHECK(settings.mode == tls::TlsMode::on);
        CHECK(settings.self_signed());
    }

    TEST_CASE("require, and the switch spellings") {
        CHECK(tls_of({{"POSTGRES_TLS", " Require "}}).mode == tls::TlsMode::require);
        CHECK(tls_of({{"POSTGRES_TLS", "yes"}}).mode == tls::TlsMode::on);
        CHECK(tls_of({{"POSTGRES_TLS", "false"}}).mode == tls::TlsMode::off);
    }

    TEST_CASE("Bitnami's names alone") {
        const auto settings = tls_of({{"POSTGRESQL_ENABLE_TLS", "yes"},
                                      {"POSTGRESQL_TLS_CERT_FILE", "/b/cert.pem"},
                                      {"POSTGRESQL_TLS_KEY_FILE", "/b/key.pem"},
                                      {"POSTGRESQL_TLS_CA_FILE", "/b/ca.pem"},
                                      {"POSTGRESQL_TLS_CRL_FILE", "/b/crl.pem"}});
        CHECK(settings.mode == tls::TlsMode::on);
        CHECK(settings.cert == tls::NamedFile{"/b/cert.pem", "POSTGRESQL_TLS_CERT_FILE"});
        CHECK(settings.ca == tls::NamedFile{"/b/ca.pem", "POSTGRESQL_TLS_CA_FILE"});
        CHECK(settings.crl == tls::NamedFile{"/b/crl.pem", "POSTGRESQL_TLS_CRL_FILE"});
    }

    TEST_CASE("both names equal: accepted; different: an error naming both") {
        CHECK(tls_of({{"POSTGRES_TLS_CERT_FILE", "/c"},
                      {"POSTGRESQL_TLS_CERT_FILE", "/c"},
                      {"POSTGRES_TLS_KEY_FILE", "/k"}})
                  .cert->path == "/c");
        CHECK(error_of({{"POSTGRES_TLS_CERT_FILE", "/c"},
                        {"POSTGRESQL_TLS_CERT_FILE", "/other"},
                        {"POSTGRES_TLS_KEY_FILE", "/k"}}) ==
              "POSTGRES_TLS_CERT_FILE, POSTGRESQL_TLS_CERT_FILE: both are set, to different files "
              "('/c' and '/other'); set only one of them");
        CHECK(tls_of({{"POSTGRES_TLS", "require"}, {"POSTGRESQL_ENABLE_TLS", "yes"}}).mode ==
              tls::TlsMode::require);
        CHECK(error_of({{"POSTGRES_TLS", "on"}, {"POSTGRESQL_ENABLE_TLS", "no"}}) ==
              "POSTGRES_TLS, POSTGRESQL_ENABLE_TLS: one turns TLS on and the other off ('on' and "
              "'no'); set only one of them");
    }

    TEST_CASE("a key without a certificate, and the reverse") {
        CHECK(error_of({{"POSTGRESQL_TLS_KEY_FILE", "/k"}}) ==
              "POSTGRESQL_TLS_KEY_FILE: a private key without a certificate; set "
              "POSTGRES_TLS_CERT_FILE too");
        CHECK(error_of({{"POSTGRES_TLS", "require"}, {"POSTGRES_TLS_CERT_FILE", "/c"}}) ==
              "POSTGRES_TLS_CERT_FILE: a certificate without its private key; set "
              "POSTGRES_TLS_KEY_FILE too");
    }

    TEST_CASE("bad values name their variable") {
        CHECK(error_of({{"POSTGRES_TLS", "maybe"}}) ==
              "POSTGRES_TLS: 'maybe' is not a TLS mode; use off, on or require (also true/false, "
              "yes/no, 1/0)");
        CHECK(error_of({{"POSTGRESQL_ENABLE_TLS", "sure"}}).starts_with("POSTGRESQL_ENABLE_TLS: "));
        CHECK(error_of({{"POSTGRES_TLS", "on"}, {"POSTGRES_TLS_MIN_VERSION", "TLSv1.1"}}) ==
              "POSTGRES_TLS_MIN_VERSION: 'TLSv1.1' is not a TLS version; use TLSv1.2 or TLSv1.3");
    }

    TEST_CASE("the minimum version") {
        CHECK(tls_of({{"POSTGRES_TLS", "on"}, {"POSTGRES_TLS_MIN_VERSION", "1.3"}}).min_protocol ==
              "TLSv1.3");
        CHECK(tls_of({{"POSTGRES_TLS", "on"}, {"POSTGRES_TLS_MIN_VERSION", "tlsv1.2"}})
                  .min_protocol == "TLSv1.2");
    }

    TEST_CASE("TLS turned off explicitly: the files are ignored, with a warning") {
        std::vector<std::string> warnings;
        const auto settings = tls_of({{"POSTGRESQL_ENABLE_TLS", "no"},
                                      {"POSTGRESQL_TLS_CERT_FILE", "/c"},
                                      {"POSTGRESQL_TLS_KEY_FILE", "/k"}},
                                     &warnings);
        CHECK(settings.mode == tls::TlsMode::off);
        CHECK_FALSE(settings.cert.has_value());
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].starts_with("TLS is off"));
    }
}

TEST_SUITE("config::read_container_config") {
    TEST_CASE("POSTGRES_TLS=require fills the access rule; on does not") {
        auto required = read_container_config(Environment(Variables{{"POSTGRES_TLS", "require"}}));
        REQUIRE(required.has_value());
        CHECK(required->access.require_tls);
        CHECK(required->tls.mode == tls::TlsMode::require);
        auto on = read_container_config(Environment(Variables{{"POSTGRES_TLS", "on"}}));
        REQUIRE(on.has_value());
        CHECK_FALSE(on->access.require_tls);
    }
}
