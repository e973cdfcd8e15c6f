#include "tls/install.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "tls/self_signed.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::tls {

namespace {

constexpr mode_t k_file_mode = 0600;

Result<void> ensure_private_directory(const std::string& directory) {
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        const int saved = errno;
        return fail(directory, "cannot create the directory: {}", std::strerror(saved));
    }
    if (::chmod(directory.c_str(), 0700) != 0) {
        const int saved = errno;
        return fail(directory, "cannot chmod 0700: {}", std::strerror(saved));
    }
    return {};
}

// `content` at `path`, mode 0600, unless it is there already.
Result<void> put_file(const std::string& path, const std::string& content) {
    if (const auto current = read_file(path); current && *current == content) {
        return {};
    }
    PGFIT_TRY(write_file_atomic(path, content, k_file_mode));
    if (::chmod(path.c_str(), k_file_mode) != 0) {
        const int saved = errno;
        return fail(path, "cannot chmod 0600: {}", std::strerror(saved));
    }
    return {};
}

Result<void> remove_if_present(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        const int saved = errno;
        return fail(path, "cannot remove: {}", std::strerror(saved));
    }
    return {};
}

Result<InstalledTls> describe(InstalledTls installed, const std::string& cert) {
    PGFIT_TRY_ASSIGN(installed.fingerprint, sha256_fingerprint(cert, installed.cert_path));
    PGFIT_TRY_ASSIGN(installed.subject, subject_line(cert, installed.cert_path));
    PGFIT_TRY_ASSIGN(installed.days_left, days_until_expiry(cert, installed.cert_path));
    return installed;
}

// postgres serves an expired certificate without a word; clients that verify it refuse it.
void warn_about_expiry(const InstalledTls& installed) {
    if (installed.days_left < 0) {
        log::warning("TLS: the certificate {} expired {} days ago; clients with sslmode=verify-ca "
                     "or verify-full refuse it",
                     installed.subject, -installed.days_left);
    } else if (installed.days_left < 30) {
        log::warning("TLS: the certificate {} expires in {} days", installed.subject,
                     installed.days_left);
    }
}

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
        return "localhost";
    }
    return name;
}

} // namespace

std::string tls_directory(const std::string& pgdata) {
    return pgdata + "/" + k_tls_directory_name;
}

std::vector<tune::Setting> server_settings(const TlsSettings& settings,
                                           const InstalledTls& installed) {
    const auto from = [](const std::optional<NamedFile>& file, std::string_view fallback) {
        return file ? fmt::format("TLS: a copy of {}", file->variable) : std::string(fallback);
    };
    std::vector<tune::Setting> result{
        {"ssl", "on", "TLS: POSTGRES_TLS"},
        {"ssl_cert_file", installed.cert_path,
         from(settings.cert, "TLS: the self-signed certificate")},
        {"ssl_key_file", installed.key_path, from(settings.key, "TLS: the self-signed key")},
    };
    if (installed.ca_path) {
        result.push_back({"ssl_ca_file", *installed.ca_path, from(settings.ca, "")});
    }
    if (installed.crl_path) {
        result.push_back({"ssl_crl_file", *installed.crl_path, from(settings.crl, "")});
    }
    result.push_back(
        {"ssl_min_protocol_version", settings.min_protocol, "TLS: POSTGRES_TLS_MIN_VERSION"});
    return result;
}

Result<InstalledTls> install_mounted(const std::string& pgdata, const TlsMaterial& material) {
    const auto directory = tls_directory(pgdata);
    PGFIT_TRY(ensure_private_directory(directory));
    InstalledTls installed{
        directory + "/server.crt", directory + "/server.key", {}, {}, {}, {}, false};
    // The key first: until the certificate follows, postgres (which reads both only on a
    // reload, after this returns) is not asked to read anything.
    PGFIT_TRY(put_file(installed.key_path, material.key));
    PGFIT_TRY(put_file(installed.cert_path, material.cert));
    const auto ca_path = directory + "/ca.crt";
    if (material.ca) {
        PGFIT_TRY(put_file(ca_path, *material.ca));
        installed.ca_path = ca_path;
    } else {
        PGFIT_TRY(remove_if_present(ca_path));
    }
    const auto crl_path = directory + "/crl.pem";
    if (material.crl) {
        PGFIT_TRY(put_file(crl_path, *material.crl));
        installed.crl_path = crl_path;
    } else {
        PGFIT_TRY(remove_if_present(crl_path));
    }
    return describe(std::move(installed), material.cert);
}

Result<InstalledTls> install_self_signed(const std::string& pgdata, const std::string& host_name) {
    const auto directory = tls_directory(pgdata);
    PGFIT_TRY(ensure_private_directory(directory));
    InstalledTls installed{
        directory + "/self-signed.crt", directory + "/self-signed.key", {}, {}, {}, {}, false};
    const auto cert = read_file(installed.cert_path);
    const auto key = read_file(installed.key_path);
    if (cert && key && check_pair(*cert, *key, installed.cert_path, installed.key_path)) {
        return describe(std::move(installed), *cert);
    }
    PGFIT_TRY_ASSIGN(const auto material, generate_self_signed(host_name));
    PGFIT_TRY(put_file(installed.key_path, material.key));
    PGFIT_TRY(put_file(installed.cert_path, material.cert));
    installed.generated_now = true;
    return describe(std::move(installed), material.cert);
}

Result<std::optional<InstalledTls>> install_tls(const TlsSettings& settings,
                                                const std::optional<TlsMaterial>& mounted,
                                                const std::string& pgdata) {
    if (!settings.enabled()) {
        return std::optional<InstalledTls>{};
    }
    std::optional<InstalledTls> installed;
    if (mounted) {
        PGFIT_TRY_ASSIGN(installed, install_mounted(pgdata, *mounted));
        log::info("TLS: serving {} from {} (copied to {}); SHA-256 fingerprint {}",
                  installed->subject, settings.cert->path, installed->cert_path,
                  installed->fingerprint);
    } else {
        PGFIT_TRY_ASSIGN(installed, install_self_signed(pgdata, host_name()));
        log::info("TLS: serving the self-signed certificate {} ({}, {}); SHA-256 fingerprint {}",
                  installed->cert_path, installed->subject,
                  installed->generated_now ? "generated now" : "generated at an earlier start",
                  installed->fingerprint);
    }
    warn_about_expiry(*installed);
    return installed;
}

Result<std::optional<TlsMaterial>> read_mounted_if_any(const TlsSettings& settings) {
    if (!settings.enabled() || settings.self_signed()) {
        return std::optional<TlsMaterial>{};
    }
    PGFIT_TRY_ASSIGN(auto material, read_mounted_files(settings));
    return std::optional<TlsMaterial>{std::move(material)};
}

} // namespace pgfit::tls
