#ifndef OPTNB_CLIBCRYPTO_SHIM_H
#define OPTNB_CLIBCRYPTO_SHIM_H
// OpenSSL's digest API (EVP), found through pkg-config's `libcrypto`
// (libssl-dev on Debian). Only SHA-256 is used: cache keys and the library
// build's digest. The EVP calls are the ones OpenSSL 3 does not deprecate.
#include <openssl/evp.h>
#endif
