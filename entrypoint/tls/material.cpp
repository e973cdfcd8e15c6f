#include "tls/material.hpp"

#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fmt/format.h>

#include "util/file.hpp"

namespace pgfit::tls {

namespace {

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
    void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CrlFree {
    void operator()(X509_CRL* crl) const { X509_CRL_free(crl); }
};

std::unique_ptr<BIO, BioFree> memory_bio(const std::string& text) {
    return std::unique_ptr<BIO, BioFree>(
        BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// libcrypto's reason for the last failure, and its error queue emptied.
std::string openssl_reason() {
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0) {
        return "no PEM data found";
    }
    const char* reason = ERR_reason_error_string(code);
    return reason != nullptr ? reason : fmt::format("OpenSSL error {:#x}", code);
}

Result<std::unique_ptr<X509, X509Free>> parse_cert(const std::string& text,
                                                   const std::string& where) {
    auto bio = memory_bio(text);
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        return bad_input(where, "not a PEM certificate ({})", openssl_reason());
    }
    return cert;
}

// Never asks for a passphrase: an encrypted key fails to load.
int no_passphrase(char*, int, int, void*) {
    return -1;
}

Result<std::unique_ptr<EVP_PKEY, KeyFree>> parse_key(const std::string& text,
                                                     const std::string& where) {
    auto bio = memory_bio(text);
    std::unique_ptr<EVP_PKEY, KeyFree> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
    if (!key) {
        const auto reason = openssl_reason();
        if (text.find("ENCRYPTED") != std::string::npos) {
            return bad_input(where, "an encrypted private key; postgres needs it unencrypted ({})",
                             reason);
        }
        return bad_input(where, "not a PEM private key ({})", reason);
    }
    return key;
}

Result<std::string> read_named(const NamedFile& file) {
    const std::string where = fmt::format("{} ({})", file.variable, file.path);
    auto text = read_file(file.path);
    if (!text) {
        return bad_input(where, "cannot read the file: {}", text.error().message);
    }
    if (text->empty()) {
        return bad_input(where, "the file is empty");
    }
    return std::move(*text);
}

std::string where_of(const NamedFile& file) {
    return fmt::format("{} ({})", file.variable, file.path);
}

} // namespace

Result<std::string> sha256_fingerprint(const std::string& cert, const std::string& cert_where) {
    PGFIT_TRY_ASSIGN(const auto parsed, parse_cert(cert, cert_where));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(parsed.get(), EVP_sha256(), digest, &length) != 1) {
        return fail(cert_where, "cannot compute the SHA-256 fingerprint ({})", openssl_reason());
    }
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += fmt::format("{}{:02X}", i == 0 ? "" : ":", digest[i]);
    }
    return hex;
}

Result<std::string> subject_line(const std::string& cert, const std::string& cert_where) {
    PGFIT_TRY_ASSIGN(const auto parsed, parse_cert(cert, cert_where));
    std::unique_ptr<BIO, BioFree> out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), X509_get_subject_name(parsed.get()), 0, XN_FLAG_ONELINE);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

Result<int> days_until_expiry(const std::string& cert, const std::string& cert_where) {
    PGFIT_TRY_ASSIGN(const auto parsed, parse_cert(cert, cert_where));
    int days = 0;
    int seconds = 0;
    if (ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(parsed.get())) != 1) {
        return bad_input(cert_where, "cannot read the certificate's expiry ({})", openssl_reason());
    }
    return days;
}

Result<void> check_pair(const std::string& cert, const std::string& key,
                        const std::string& cert_where, const std::string& key_where) {
    PGFIT_TRY_ASSIGN(const auto parsed_cert, parse_cert(cert, cert_where));
    PGFIT_TRY_ASSIGN(const auto parsed_key, parse_key(key, key_where));
    if (X509_check_private_key(parsed_cert.get(), parsed_key.get()) != 1) {
        ERR_clear_error();
        return bad_input(key_where, "not the private key of the certificate {}", cert_where);
    }
    return {};
}

Result<TlsMaterial> read_mounted_files(const TlsSettings& settings) {
    TlsMaterial material;
    PGFIT_TRY_ASSIGN(material.cert, read_named(*settings.cert));
    PGFIT_TRY_ASSIGN(material.key, read_named(*settings.key));
    PGFIT_TRY(
        check_pair(material.cert, material.key, where_of(*settings.cert), where_of(*settings.key)));
    if (settings.ca) {
        PGFIT_TRY_ASSIGN(material.ca, read_named(*settings.ca));
        PGFIT_TRY(parse_cert(*material.ca, where_of(*settings.ca)));
    }
    if (settings.crl) {
        PGFIT_TRY_ASSIGN(material.crl, read_named(*settings.crl));
        auto bio = memory_bio(*material.crl);
        std::unique_ptr<X509_CRL, CrlFree> crl(
            PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
        if (!crl) {
            return bad_input(where_of(*settings.crl), "not a PEM certificate revocation list ({})",
                             openssl_reason());
        }
    }
    return material;
}

} // namespace pgfit::tls
