/* tt/sha256.h - SHA-256 (FIPS 180-4), for file, manifest, lexicon and cache-key fingerprints: an x86 SHA
 * extensions path where the CPU has them, portable C otherwise (same digests).
 *
 * Ownership: the state is the caller's (no allocation). tt_sha256_hex finishes the digest: re-initialise the
 * state before using it again. Errors: only tt_sha256_file can fail (TT_EIO, with the path). */
#ifndef TT_SHA256_H
#define TT_SHA256_H

#include "tt/common.h"

typedef struct tt_sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
    int impl; /* set by tt_sha256_init: 1 = x86 SHA extensions, 0 = portable C (a test may force 0) */
} tt_sha256;
void tt_sha256_init(tt_sha256 *s);
void tt_sha256_update(tt_sha256 *s, const void *p, size_t n);
void tt_sha256_hex(tt_sha256 *s, char hex[65]); /* finishes; s must be re-initialised before reuse */
/* SHA-256 of a whole file as hex. Returns 0 or TT_EIO. */
int tt_sha256_file(const char *path, char hex[65], tt_error *err);

#endif
