// libcrypto, loaded the first time pgfit calls it (util/library_on_demand.hpp): only TLS
// (tls/: checking, copying and generating certificates) uses it, while linking it cost every
// pgfit process about 0.6 ms at exec. libpq, which pgfit
// also opens on demand, depends on the same library. To use another libcrypto function, add its
// forwarder below (macros such as BIO_get_mem_data or EVP_EC_gen name the function to add).
#include <cstdarg>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "util/library_on_demand.hpp"

namespace {

void* libcrypto_handle() {
    static void* const handle = pgfit::open_library_or_exit("libcrypto.so.3");
    return handle;
}

template <typename Function>
Function* resolve(Function* self, const char* name) {
    return pgfit::resolve_or_exit(libcrypto_handle(), self, name);
}

} // namespace

extern "C" {

int ASN1_TIME_diff(int* pday, int* psec, const ASN1_TIME* from, const ASN1_TIME* to) {
    static auto* const real = resolve(&ASN1_TIME_diff, "ASN1_TIME_diff");
    return real(pday, psec, from, to);
}
long BIO_ctrl(BIO* bp, int cmd, long larg, void* parg) {
    static auto* const real = resolve(&BIO_ctrl, "BIO_ctrl");
    return real(bp, cmd, larg, parg);
}
int BIO_free(BIO* a) {
    static auto* const real = resolve(&BIO_free, "BIO_free");
    return real(a);
}
BIO* BIO_new(const BIO_METHOD* type) {
    static auto* const real = resolve(&BIO_new, "BIO_new");
    return real(type);
}
BIO* BIO_new_mem_buf(const void* buf, int len) {
    static auto* const real = resolve(&BIO_new_mem_buf, "BIO_new_mem_buf");
    return real(buf, len);
}
const BIO_METHOD* BIO_s_mem(void) {
    static auto* const real = resolve(&BIO_s_mem, "BIO_s_mem");
    return real();
}
void BN_free(BIGNUM* a) {
    static auto* const real = resolve(&BN_free, "BN_free");
    real(a);
}
BIGNUM* BN_new(void) {
    static auto* const real = resolve(&BN_new, "BN_new");
    return real();
}
int BN_rand(BIGNUM* rnd, int bits, int top, int bottom) {
    static auto* const real = resolve(&BN_rand, "BN_rand");
    return real(rnd, bits, top, bottom);
}
ASN1_INTEGER* BN_to_ASN1_INTEGER(const BIGNUM* bn, ASN1_INTEGER* ai) {
    static auto* const real = resolve(&BN_to_ASN1_INTEGER, "BN_to_ASN1_INTEGER");
    return real(bn, ai);
}
void ERR_clear_error(void) {
    static auto* const real = resolve(&ERR_clear_error, "ERR_clear_error");
    real();
}
unsigned long ERR_get_error(void) {
    static auto* const real = resolve(&ERR_get_error, "ERR_get_error");
    return real();
}
unsigned long ERR_peek_last_error(void) {
    static auto* const real = resolve(&ERR_peek_last_error, "ERR_peek_last_error");
    return real();
}
const char* ERR_reason_error_string(unsigned long e) {
    static auto* const real = resolve(&ERR_reason_error_string, "ERR_reason_error_string");
    return real(e);
}
void EVP_PKEY_free(EVP_PKEY* pkey) {
    static auto* const real = resolve(&EVP_PKEY_free, "EVP_PKEY_free");
    real(pkey);
}
const EVP_MD* EVP_sha256(void) {
    static auto* const real = resolve(&EVP_sha256, "EVP_sha256");
    return real();
}
EVP_PKEY* PEM_read_bio_PrivateKey(BIO* out, EVP_PKEY** x, pem_password_cb* cb, void* u) {
    static auto* const real = resolve(&PEM_read_bio_PrivateKey, "PEM_read_bio_PrivateKey");
    return real(out, x, cb, u);
}
X509* PEM_read_bio_X509(BIO* out, X509** x, pem_password_cb* cb, void* u) {
    static auto* const real = resolve(&PEM_read_bio_X509, "PEM_read_bio_X509");
    return real(out, x, cb, u);
}
X509_CRL* PEM_read_bio_X509_CRL(BIO* out, X509_CRL** x, pem_password_cb* cb, void* u) {
    static auto* const real = resolve(&PEM_read_bio_X509_CRL, "PEM_read_bio_X509_CRL");
    return real(out, x, cb, u);
}
int PEM_write_bio_PrivateKey(BIO* out, const EVP_PKEY* x, const EVP_CIPHER* enc, const unsigned char* kstr, int klen, pem_password_cb* cb, void* u) {
    static auto* const real = resolve(&PEM_write_bio_PrivateKey, "PEM_write_bio_PrivateKey");
    return real(out, x, enc, kstr, klen, cb, u);
}
int PEM_write_bio_X509(BIO* out, const X509* x) {
    static auto* const real = resolve(&PEM_write_bio_X509, "PEM_write_bio_X509");
    return real(out, x);
}
X509_EXTENSION* X509V3_EXT_conf_nid(LHASH_OF(CONF_VALUE)* conf, X509V3_CTX* ctx, int ext_nid, const char* value) {
    static auto* const real = resolve(&X509V3_EXT_conf_nid, "X509V3_EXT_conf_nid");
    return real(conf, ctx, ext_nid, value);
}
void X509V3_set_ctx(X509V3_CTX* ctx, X509* issuer, X509* subject, X509_REQ* req, X509_CRL* crl, int flags) {
    static auto* const real = resolve(&X509V3_set_ctx, "X509V3_set_ctx");
    real(ctx, issuer, subject, req, crl, flags);
}
void X509_CRL_free(X509_CRL* a) {
    static auto* const real = resolve(&X509_CRL_free, "X509_CRL_free");
    real(a);
}
void X509_EXTENSION_free(X509_EXTENSION* a) {
    static auto* const real = resolve(&X509_EXTENSION_free, "X509_EXTENSION_free");
    real(a);
}
int X509_NAME_add_entry_by_txt(X509_NAME* name, const char* field, int type, const unsigned char* bytes, int len, int loc, int set) {
    static auto* const real = resolve(&X509_NAME_add_entry_by_txt, "X509_NAME_add_entry_by_txt");
    return real(name, field, type, bytes, len, loc, set);
}
int X509_NAME_print_ex(BIO* out, const X509_NAME* nm, int indent, unsigned long flags) {
    static auto* const real = resolve(&X509_NAME_print_ex, "X509_NAME_print_ex");
    return real(out, nm, indent, flags);
}
int X509_add_ext(X509* x, X509_EXTENSION* ex, int loc) {
    static auto* const real = resolve(&X509_add_ext, "X509_add_ext");
    return real(x, ex, loc);
}
int X509_check_private_key(const X509* x509, const EVP_PKEY* pkey) {
    static auto* const real = resolve(&X509_check_private_key, "X509_check_private_key");
    return real(x509, pkey);
}
int X509_digest(const X509* data, const EVP_MD* type, unsigned char* md, unsigned int* len) {
    static auto* const real = resolve(&X509_digest, "X509_digest");
    return real(data, type, md, len);
}
void X509_free(X509* a) {
    static auto* const real = resolve(&X509_free, "X509_free");
    real(a);
}
const ASN1_TIME* X509_get0_notAfter(const X509* x) {
    static auto* const real = resolve(&X509_get0_notAfter, "X509_get0_notAfter");
    return real(x);
}
ASN1_INTEGER* X509_get_serialNumber(X509* x) {
    static auto* const real = resolve(&X509_get_serialNumber, "X509_get_serialNumber");
    return real(x);
}
X509_NAME* X509_get_subject_name(const X509* a) {
    static auto* const real = resolve(&X509_get_subject_name, "X509_get_subject_name");
    return real(a);
}
ASN1_TIME* X509_getm_notAfter(const X509* x) {
    static auto* const real = resolve(&X509_getm_notAfter, "X509_getm_notAfter");
    return real(x);
}
ASN1_TIME* X509_getm_notBefore(const X509* x) {
    static auto* const real = resolve(&X509_getm_notBefore, "X509_getm_notBefore");
    return real(x);
}
ASN1_TIME* X509_gmtime_adj(ASN1_TIME* s, long adj) {
    static auto* const real = resolve(&X509_gmtime_adj, "X509_gmtime_adj");
    return real(s, adj);
}
X509* X509_new(void) {
    static auto* const real = resolve(&X509_new, "X509_new");
    return real();
}
int X509_set_issuer_name(X509* x, const X509_NAME* name) {
    static auto* const real = resolve(&X509_set_issuer_name, "X509_set_issuer_name");
    return real(x, name);
}
int X509_set_pubkey(X509* x, EVP_PKEY* pkey) {
    static auto* const real = resolve(&X509_set_pubkey, "X509_set_pubkey");
    return real(x, pkey);
}
int X509_set_version(X509* x, long version) {
    static auto* const real = resolve(&X509_set_version, "X509_set_version");
    return real(x, version);
}
int X509_sign(X509* x, EVP_PKEY* pkey, const EVP_MD* md) {
    static auto* const real = resolve(&X509_sign, "X509_sign");
    return real(x, pkey, md);
}
// Variadic: pgfit calls it only through EVP_EC_gen, whose one extra argument is the curve's
// name.
EVP_PKEY* EVP_PKEY_Q_keygen(OSSL_LIB_CTX* libctx, const char* propq, const char* type, ...) {
    static auto* const real = resolve(&EVP_PKEY_Q_keygen, "EVP_PKEY_Q_keygen");
    va_list arguments;
    va_start(arguments, type);
    const char* curve = va_arg(arguments, const char*);
    va_end(arguments);
    return real(libctx, propq, type, curve);
}
} // extern "C"
