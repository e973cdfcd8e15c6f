#include "tls/reload.hpp"

#include "tls/install.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::tls {

ReloadOutcome reload_mounted_files(const TlsSettings& settings, const std::string& pgdata) {
    if (!settings.enabled() || settings.self_signed()) {
        return ReloadOutcome::not_used;
    }
    const auto material = read_mounted_files(settings);
    if (!material) {
        log::error("TLS: {}; the new files are not installed, the server keeps its current "
                   "certificate",
                   material.error().to_string());
        return ReloadOutcome::refused;
    }
    const auto directory = tls_directory(pgdata);
    const auto served_cert = read_file(directory + "/server.crt");
    const auto served_key = read_file(directory + "/server.key");
    const auto served_ca = read_file(directory + "/ca.crt");
    const auto served_crl = read_file(directory + "/crl.pem");
    const auto same = [](const Result<std::string>& served, const std::optional<std::string>& now) {
        return served ? now && *now == *served : !now.has_value();
    };
    if (served_cert && served_key && *served_cert == material->cert &&
        *served_key == material->key && same(served_ca, material->ca) &&
        same(served_crl, material->crl)) {
        log::debug("TLS: the mounted files are unchanged");
        return ReloadOutcome::unchanged;
    }
    const auto installed = install_mounted(pgdata, *material);
    if (!installed) {
        log::error("TLS: {}; the server may now read a partial update of its files",
                   installed.error().to_string());
        return ReloadOutcome::refused;
    }
    log::info("TLS: new files from {} installed; postgres reloads them; SHA-256 fingerprint {} "
              "({})",
              settings.cert->variable, installed->fingerprint, installed->subject);
    if (installed->days_left < 30) {
        log::warning("TLS: the new certificate expires in {} days", installed->days_left);
    }
    return ReloadOutcome::installed;
}

} // namespace pgfit::tls
