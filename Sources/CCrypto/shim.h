#ifndef RIR_CCRYPTO_SHIM_H
#define RIR_CCRYPTO_SHIM_H
// SHA-256 from the system's libcrypto (OpenSSL 3, libssl-dev): libcurl already loads it, so
// hashing costs no second copy of a crypto library in the binary and no BoringSSL build.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
