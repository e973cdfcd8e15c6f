#include <sys/stat.h>

#include <doctest/doctest.h>

#include "support/scratch_dir.hpp"
#include "tls/install.hpp"
#include "tls/reload.hpp"
#include "tls/self_signed.hpp"
#include "util/file.hpp"

using namespace pgfit;
using namespace pgfit::tls;
using pgfit::test::ScratchDir;

namespace {

TlsMaterial generated() {
    auto material = generate_self_signed("db.example");
    REQUIRE(material.has_value());
    return *material;
}

mode_t mode_of(const std::string& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

std::string content(const std::string& path) {
    auto text = read_file(path);
    REQUIRE(text.has_value());
    return *text;
}

} // namespace

TEST_SUITE("tls::server_settings") {
    TEST_CASE("the installed files, with the CA, CRL and version") {
        TlsSettings settings;
        settings.mode = TlsMode::require;
        settings.cert = NamedFile{"/m/c", "POSTGRESQL_TLS_CERT_FILE"};
        settings.key = NamedFile{"/m/k", "POSTGRESQL_TLS_KEY_FILE"};
        settings.ca = NamedFile{"/m/ca", "POSTGRES_TLS_CA_FILE"};
        settings.min_protocol = "TLSv1.3";
        const InstalledTls installed{
            "/d/server.crt", "/d/server.key", "/d/ca.crt", {}, "", "", false};
        const auto result = server_settings(settings, installed);
        REQUIRE(result.size() == 5);
        CHECK(result[0] == tune::Setting{"ssl", "on", "TLS: POSTGRES_TLS"});
        CHECK(result[1] == tune::Setting{"ssl_cert_file", "/d/server.crt",
                                         "TLS: a copy of POSTGRESQL_TLS_CERT_FILE"});
        CHECK(result[2].name == "ssl_key_file");
        CHECK(result[2].value == "/d/server.key");
        CHECK(result[3] ==
              tune::Setting{"ssl_ca_file", "/d/ca.crt", "TLS: a copy of POSTGRES_TLS_CA_FILE"});
        CHECK(result[4].name == "ssl_min_protocol_version");
        CHECK(result[4].value == "TLSv1.3");
    }
}

TEST_SUITE("tls::install_mounted") {
    TEST_CASE("private copies, 0600 in a 0700 directory; a CA no longer given is removed") {
        ScratchDir dir;
        auto material = generated();
        material.ca = material.cert;
        const auto installed = install_mounted(dir.path, material);
        REQUIRE(installed.has_value());
        CHECK(installed->key_path == dir.path + "/pgfit-tls/server.key");
        CHECK(mode_of(dir.path + "/pgfit-tls") == 0700);
        CHECK(mode_of(installed->key_path) == 0600);
        CHECK(mode_of(installed->cert_path) == 0600);
        CHECK(content(installed->key_path) == material.key);
        REQUIRE(installed->ca_path.has_value());
        material.ca.reset();
        REQUIRE(install_mounted(dir.path, material).has_value());
        CHECK_FALSE(path_exists(dir.path + "/pgfit-tls/ca.crt"));
    }
}

TEST_SUITE("tls::install_self_signed") {
    TEST_CASE("generated once, then reused") {
        ScratchDir dir;
        const auto first = install_self_signed(dir.path, "pg-a");
        REQUIRE(first.has_value());
        CHECK(first->generated_now);
        CHECK(first->subject == "CN = pg-a");
        CHECK(mode_of(first->key_path) == 0600);
        const auto second = install_self_signed(dir.path, "pg-b");
        REQUIRE(second.has_value());
        CHECK_FALSE(second->generated_now);
        CHECK(second->fingerprint == first->fingerprint);
    }
}

TEST_SUITE("tls::reload_mounted_files") {
    TEST_CASE("unchanged, rotated, and a broken pair that is not installed") {
        ScratchDir dir;
        const auto pgdata = dir.dir("data");
        const auto one = generated();
        TlsSettings settings;
        settings.mode = TlsMode::on;
        settings.cert = NamedFile{dir.file("c.pem", one.cert), "POSTGRES_TLS_CERT_FILE"};
        settings.key = NamedFile{dir.file("k.pem", one.key), "POSTGRES_TLS_KEY_FILE"};
        REQUIRE(install_mounted(pgdata, one).has_value());
        CHECK(reload_mounted_files(settings, pgdata) == ReloadOutcome::unchanged);

        const auto two = generated();
        dir.file("c.pem", two.cert);
        CHECK(reload_mounted_files(settings, pgdata) == ReloadOutcome::refused);
        CHECK(content(pgdata + "/pgfit-tls/server.crt") == one.cert);
        CHECK(content(pgdata + "/pgfit-tls/server.key") == one.key);

        dir.file("k.pem", two.key);
        CHECK(reload_mounted_files(settings, pgdata) == ReloadOutcome::installed);
        CHECK(content(pgdata + "/pgfit-tls/server.crt") == two.cert);
        CHECK(content(pgdata + "/pgfit-tls/server.key") == two.key);
    }

    TEST_CASE("self-signed and off: nothing to reload") {
        ScratchDir dir;
        TlsSettings settings;
        CHECK(reload_mounted_files(settings, dir.path) == ReloadOutcome::not_used);
        settings.mode = TlsMode::on;
        CHECK(reload_mounted_files(settings, dir.path) == ReloadOutcome::not_used);
    }
}
