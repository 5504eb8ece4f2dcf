/* tt/decode.h - bytes of a file in any encoding (optionally gzipped) -> UTF-8, streamed in chunks.
 *
 * A tt_decoder reads one document. It recognises gzip by its magic bytes (1F 8B) and inflates with zlib; it
 * recognises a BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE) and strips it; without a declared encoding it detects one
 * (normalization.md §1.3 steps 3-5: UTF-16 without BOM by the zero/0x04 high bytes, strict UTF-8, else a
 * scored choice among CP1251, RK1048, PT154, KOI8-R, CP866, ISO-8859-5, MAC-CYRILLIC on the first 64 KiB).
 * Legacy encodings go through glibc iconv; names are mapped through the alias table in
 * lexicons/encodings.tsv (KZ-1048 -> RK1048, PTCP154 -> PT154, ...). It rejects what is not text (NUL bytes in
 * an 8-bit text, PNG/PDF/ELF/ZIP magic, too many control characters) with TT_EBINARY.
 *
 * Output is UTF-8 exactly as decoded (not yet NFC: that is the normalize stage's job). Chunks always end on a
 * character boundary. Invalid byte sequences are TT_EENCODING with the byte offset in the (decompressed)
 * input, unless opts.replace_invalid, which writes U+FFFD and counts the replacement in info.replaced.
 *
 * The decoder also computes the SHA-256 of the raw file bytes (before decompression), the raw byte count and
 * the decoded byte count, available in tt_decode_info after the last chunk.
 *
 * Memory: bounded by the chunk size and the 64 KiB detection window, whatever the document's size.
 */
#ifndef TT_DECODE_H
#define TT_DECODE_H

#include "tt/common.h"

#include <stdio.h>

typedef struct tt_decode_opts {
    const char *encoding;  /* declared encoding name (any alias), or NULL/"" to detect */
    int replace_invalid;   /* 1: invalid sequences -> U+FFFD, counted; 0: TT_EENCODING */
    uint64_t max_bytes;    /* limit on decoded UTF-8 bytes per document (TT_ELIMIT); 0 = no limit */
    uint64_t max_gunzip_ratio; /* refuse a gzip member inflating to more than ratio x its compressed size
                                  (TT_ELIMIT, "gzip bomb"); 0 = default 1000 */
    size_t chunk_size;     /* target size of the chunks tt_decoder_read returns; 0 = default 1 MiB */
} tt_decode_opts;

typedef struct tt_decode_info {
    char encoding[32];     /* canonical name actually used: "UTF-8", "UTF-16LE", "CP1251", "RK1048", ... */
    int detected;          /* 1 if detected, 0 if declared */
    char method[16];       /* "declared", "bom", "utf8", "utf16-heuristic", "score", "ascii" */
    int confidence;        /* 0..100: 100 for BOM/declared/valid UTF-8; for scored: winner's margin */
    char runner_up[32];    /* scored detection: second-best candidate ("" if none) */
    long score, runner_up_score;
    int gzip;              /* 1 if the file was gzip */
    int bom;               /* 1 if a BOM was stripped */
    int ambiguous;         /* scored detection: the runner-up decodes the text differently and scores within
                              2 % of the winner (normalization.md §1.3: warn) */
    int degraded;          /* 1 if the encoding cannot carry the language's letters (e.g. Kazakh in CP1251);
                              set by the caller's knowledge of the language: see tt_decode_degraded() */
    uint64_t raw_bytes;    /* bytes of the file as stored */
    uint64_t in_bytes;     /* bytes after decompression */
    uint64_t out_bytes;    /* UTF-8 bytes produced */
    uint64_t replaced;     /* invalid sequences replaced by U+FFFD */
    char sha256[65];       /* hex SHA-256 of the raw file bytes, valid after the last chunk (EOF) */
} tt_decode_info;

typedef struct tt_decoder tt_decoder;

/* Opens `path` for decoding. The caller owns *out (tt_decoder_free). Fails with TT_EIO (cannot open/read),
 * TT_EUSAGE (unknown encoding name), TT_EBINARY, TT_EENCODING, TT_ELIMIT (detection reads the first 64 KiB).
 * err->path is set to path on failure. */
int tt_decoder_open(tt_decoder **out, const char *path, const tt_decode_opts *opts, tt_error *err);

/* The same over bytes in memory (the decoder copies nothing: p must outlive it). `name` is used in error
 * messages only (may be NULL). */
int tt_decoder_open_mem(tt_decoder **out, const void *p, size_t n, const char *name,
                        const tt_decode_opts *opts, tt_error *err);

/* Appends the next chunk of UTF-8 to `out` (does not reset it). Returns 1 when bytes were appended, 0 at the
 * end of the document, or a negative TT_E* code (err filled with path and byte offset). After an error the
 * decoder must only be freed. */
int tt_decoder_read(tt_decoder *d, tt_buf *out, tt_error *err);

/* Borrowed; complete after tt_decoder_read returned 0. */
const tt_decode_info *tt_decoder_info(const tt_decoder *d);

void tt_decoder_free(tt_decoder *d);

/* Convenience: decodes a whole file into out (appending). Returns 0 or TT_E*. info may be NULL. */
int tt_decode_file(const char *path, const tt_decode_opts *opts, tt_buf *out, tt_decode_info *info,
                   tt_error *err);

/* Canonical glibc iconv name for an encoding name or alias ("KZ-1048" -> "RK1048", "utf8" -> "UTF-8"), or
 * NULL if unknown. Static string. */
const char *tt_encoding_canonical(const char *name);

/* 1 if text in `lang` written in `encoding` has lost letters (Kazakh or Uzbek in CP1251/KOI8-R/CP866/...). */
int tt_decode_degraded(tt_lang lang, const char *encoding);

/* SHA-256 (FIPS 180-4), used for file and lexicon fingerprints. */
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
