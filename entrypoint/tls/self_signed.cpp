#include "tls/self_signed.hpp"

#include <memory>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

namespace pgfit::tls {

namespace {

constexpr long k_valid_seconds = 10L * 365 * 24 * 3600;

struct X509Free {
    void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct ExtensionFree {
    void operator()(X509_EXTENSION* extension) const { X509_EXTENSION_free(extension); }
};
struct BignumFree {
    void operator()(BIGNUM* number) const { BN_free(number); }
};

Unexpected crypto_failure(const char* what) {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
    return fail("self-signed certificate", "{} failed ({})", what,
                reason != nullptr ? reason : "unknown OpenSSL error");
}

bool add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, ExtensionFree> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    return extension && X509_add_ext(cert, extension.get(), -1) == 1;
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

Result<TlsMaterial> generate_self_signed(const std::string& host_name) {
    std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
    if (!key) {
        return crypto_failure("generating the P-256 key");
    }
    std::unique_ptr<X509, X509Free> cert(X509_new());
    std::unique_ptr<BIGNUM, BignumFree> serial(BN_new());
    if (!cert || !serial || X509_set_version(cert.get(), 2) != 1 ||
        BN_rand(serial.get(), 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
        return crypto_failure("creating the certificate");
    }
    // A minute back, for clocks slightly behind this one.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), k_valid_seconds);
    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto* common_name = reinterpret_cast<const unsigned char*>(host_name.c_str());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, common_name, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 ||
        X509_set_pubkey(cert.get(), key.get()) != 1) {
        return crypto_failure("naming the certificate");
    }
    std::string alt_names = "DNS:localhost,IP:127.0.0.1";
    if (host_name != "localhost") {
        alt_names = fmt::format("DNS:{},{}", host_name, alt_names);
    }
    if (!add_extension(cert.get(), NID_subject_alt_name, alt_names) ||
        !add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !add_extension(cert.get(), NID_subject_key_identifier, "hash")) {
        return crypto_failure("adding the certificate's extensions");
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        return crypto_failure("signing the certificate");
    }
    std::unique_ptr<BIO, BioFree> cert_out(BIO_new(BIO_s_mem()));
    std::unique_ptr<BIO, BioFree> key_out(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(cert_out.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1) {
        return crypto_failure("writing the certificate and key as PEM");
    }
    TlsMaterial material;
    material.cert = bio_text(cert_out.get());
    material.key = bio_text(key_out.get());
    return material;
}

} // namespace pgfit::tls
