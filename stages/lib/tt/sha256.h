/* tt/sha256.h - SHA-256 (FIPS 180-4), for document, file, manifest, lexicon and cache-key fingerprints, through
 * OpenSSL's libcrypto (sha256.c).
 *
 * Ownership: tt_sha256_init allocates libcrypto's digest state; tt_sha256_hex finishes the digest and frees it,
 * tt_sha256_discard frees an unfinished one (a path that gives up before the end): one of the two must follow
 * every tt_sha256_init, whatever it returned. Re-initialise the state before using it again.
 * Errors: a digest whose state could not be made (out of memory) or whose step failed is not a digest:
 * tt_sha256_init and tt_sha256_hex then return TT_ENOMEM (tt_sha256_hex leaves hex empty, never a wrong
 * fingerprint); tt_sha256_update records the failure for tt_sha256_hex. tt_sha256_file also fails with TT_EIO
 * (with the path). */
#ifndef TT_SHA256_H
#define TT_SHA256_H

#include "tt/common.h"

typedef struct tt_sha256 {
    struct evp_md_ctx_st *ctx; /* libcrypto's EVP_MD_CTX (owned), NULL once finished or discarded */
    int failed;
} tt_sha256;
int tt_sha256_init(tt_sha256 *s); /* 0 or TT_ENOMEM */
void tt_sha256_update(tt_sha256 *s, const void *p, size_t n);
int tt_sha256_hex(tt_sha256 *s, char hex[65]); /* finishes and frees: 0 or TT_ENOMEM (hex "") */
void tt_sha256_discard(tt_sha256 *s);           /* frees an unfinished digest */
/* Frees what the first digest fetched from libcrypto (the algorithm, kept for the process), so that libcrypto's
 * own clean-up at exit leaves nothing behind (tests/valgrind.sh): call it once, at exit, after the last digest, as
 * ICU's u_cleanup. A digest begun after it fails (TT_ENOMEM). */
void tt_sha256_cleanup(void);
/* The libcrypto version ("3.0.19"; static), for run.json. */
const char *tt_sha256_lib_version(void);
/* SHA-256 of p[0..n) as hex: 0 or TT_ENOMEM (hex ""). */
int tt_sha256_buf(const void *p, size_t n, char hex[65]);
/* SHA-256 of a whole file as hex. Returns 0, TT_EIO or TT_ENOMEM. */
int tt_sha256_file(const char *path, char hex[65], tt_error *err);

#endif
