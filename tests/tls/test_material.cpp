#include <doctest/doctest.h>

#include "support/scratch_dir.hpp"
#include "tls/material.hpp"
#include "tls/self_signed.hpp"

using namespace pgfit;
using namespace pgfit::tls;
using pgfit::test::ScratchDir;

namespace {

TlsMaterial generated(const std::string& host = "db.example") {
    auto material = generate_self_signed(host);
    REQUIRE(material.has_value());
    return *material;
}

TlsSettings settings_for(const std::string& cert, const std::string& key) {
    TlsSettings settings;
    settings.mode = TlsMode::on;
    settings.cert = NamedFile{cert, "POSTGRES_TLS_CERT_FILE"};
    settings.key = NamedFile{key, "POSTGRES_TLS_KEY_FILE"};
    return settings;
}

std::string error_of(const TlsSettings& settings) {
    auto material = read_mounted_files(settings);
    REQUIRE_FALSE(material.has_value());
    CHECK(material.error().kind == ErrorKind::bad_input);
    return material.error().to_string();
}

} // namespace

TEST_SUITE("tls::check_pair") {
    TEST_CASE("a generated pair matches; another key does not") {
        const auto one = generated();
        const auto other = generated();
        CHECK(check_pair(one.cert, one.key, "cert", "key").has_value());
        const auto mismatch = check_pair(one.cert, other.key, "cert", "key");
        REQUIRE_FALSE(mismatch.has_value());
        CHECK(mismatch.error().to_string() == "key: not the private key of the certificate cert");
    }

    TEST_CASE("text that is not PEM names its input") {
        const auto one = generated();
        const auto bad_cert = check_pair("hello", one.key, "cert", "key");
        REQUIRE_FALSE(bad_cert.has_value());
        CHECK(bad_cert.error().to_string().starts_with("cert: not a PEM certificate ("));
        const auto bad_key = check_pair(one.cert, one.cert, "cert", "key");
        REQUIRE_FALSE(bad_key.has_value());
        CHECK(bad_key.error().to_string().starts_with("key: not a PEM private key ("));
    }
}

TEST_SUITE("tls::generate_self_signed") {
    TEST_CASE("the host name is the subject; each call makes a new key") {
        const auto one = generated("pg-1");
        const auto subject = subject_line(one.cert, "cert");
        REQUIRE(subject.has_value());
        CHECK(*subject == "CN = pg-1");
        CHECK(one.key.starts_with("-----BEGIN PRIVATE KEY-----"));
        CHECK(generated("pg-1").key != one.key);
    }

    TEST_CASE("valid ten years from now") {
        const auto days = days_until_expiry(generated().cert, "cert");
        REQUIRE(days.has_value());
        CHECK(*days >= 3649);
        CHECK(*days <= 3650);
    }

    TEST_CASE("the fingerprint is 32 colon-separated upper-case hex pairs") {
        const auto fingerprint = sha256_fingerprint(generated().cert, "cert");
        REQUIRE(fingerprint.has_value());
        CHECK(fingerprint->size() == 32 * 3 - 1);
        CHECK(fingerprint->find_first_not_of("0123456789ABCDEF:") == std::string::npos);
    }
}

TEST_SUITE("tls::read_mounted_files") {
    TEST_CASE("a matching pair, a CA and no CRL") {
        ScratchDir dir;
        const auto pair = generated();
        auto settings = settings_for(dir.file("c.pem", pair.cert), dir.file("k.pem", pair.key));
        settings.ca = NamedFile{dir.file("ca.pem", pair.cert), "POSTGRESQL_TLS_CA_FILE"};
        const auto material = read_mounted_files(settings);
        REQUIRE(material.has_value());
        CHECK(material->cert == pair.cert);
        CHECK(material->key == pair.key);
        CHECK(material->ca == pair.cert);
        CHECK_FALSE(material->crl.has_value());
    }

    TEST_CASE("missing, empty and mismatched files name the variable and the path") {
        ScratchDir dir;
        const auto pair = generated();
        const auto cert = dir.file("c.pem", pair.cert);
        CHECK(error_of(settings_for(cert, dir.path + "/nothere.pem")) ==
              "POSTGRES_TLS_KEY_FILE (" + dir.path +
                  "/nothere.pem): cannot read the file: cannot open: No such file or directory");
        CHECK(error_of(settings_for(dir.file("empty.pem", ""), dir.file("k.pem", pair.key))) ==
              "POSTGRES_TLS_CERT_FILE (" + dir.path + "/empty.pem): the file is empty");
        const auto other = dir.file("other.pem", generated().key);
        CHECK(error_of(settings_for(cert, other)) == "POSTGRES_TLS_KEY_FILE (" + other +
                                                         "): not the private key of the "
                                                         "certificate POSTGRES_TLS_CERT_FILE (" +
                                                         cert + ")");
        auto with_crl = settings_for(cert, dir.file("k.pem", pair.key));
        with_crl.crl = NamedFile{cert, "POSTGRES_TLS_CRL_FILE"};
        CHECK(error_of(with_crl).starts_with("POSTGRES_TLS_CRL_FILE (" + cert +
                                             "): not a PEM certificate revocation list"));
    }
}
