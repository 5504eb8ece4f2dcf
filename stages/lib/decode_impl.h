/* decode_impl.h - private to the decode module (decode.c, decode_detect.c, decode_table.c): the encoding table
 * loaded from lexicons/encodings.tsv, single-byte decoding tables built from glibc iconv, and detection. */
#ifndef TT_DECODE_IMPL_H
#define TT_DECODE_IMPL_H

#include "tt/decode.h"
#include "tt/utf8.h"

#include <stddef.h>
#include <stdint.h>

/* ---- Single-byte encodings (decode_table.c) */
#define TT_SBCS_UNDEF 0xFFFFFFFFu
typedef struct tt_sbcs {
    uint32_t cp[256];           /* code point of each byte, TT_SBCS_UNDEF if iconv refuses it */
    unsigned char u8[256][4];   /* its UTF-8 */
    unsigned char u8len[256];   /* 0 = undefined */
    int ascii_identity;         /* bytes 0x00-0x7F decode to themselves */
} tt_sbcs;

/* ---- The encoding table (decode_table.c). Loaded once per process (pthread_once) into static storage and
 * never changed after: read-only, shared by all threads. */
#define TT_ENC_NAME 40
#define TT_ENC_MAX_ALIAS 512
#define TT_ENC_MAX_DETECT 16
#define TT_ENC_MAX_SCORE 256
#define TT_ENC_MAX_LACKS 128
#define TT_ENC_MAX_LETTERS 64

typedef struct tt_enc_alias {
    char key[TT_ENC_NAME];   /* the name folded: lowercase, without - _ . space */
    char iconv[TT_ENC_NAME]; /* glibc name = canonical name */
} tt_enc_alias;

typedef struct tt_enc_range {
    uint32_t lo, hi;
    int weight;
} tt_enc_range;

typedef struct tt_enc_lacks {
    char iconv[TT_ENC_NAME];
    tt_lang lang;
    uint32_t letters[TT_ENC_MAX_LETTERS];
    size_t nletters;
} tt_enc_lacks;

typedef struct tt_enc_table {
    int code;            /* 0, or the TT_E* code of a failed load */
    char msg[512];       /* reason of the failed load */
    char path[512];
    tt_enc_alias alias[TT_ENC_MAX_ALIAS];
    size_t nalias;
    const char *detect[TT_ENC_MAX_DETECT]; /* canonical names (point into alias[]) */
    size_t ndetect;
    /* built on the first tt_enc_table_get for the detect candidates: byte tables, score weight and case class of
       each byte (tt_encoding_canonical and tt_decode_degraded read the rows only) */
    tt_sbcs detect_sbcs[TT_ENC_MAX_DETECT];
    int detect_wt[TT_ENC_MAX_DETECT][256];
    unsigned char detect_cls[TT_ENC_MAX_DETECT][256]; /* 1 lowercase, 2 uppercase, 0 other */
    tt_enc_range score[TT_ENC_MAX_SCORE];
    size_t nscore;
    tt_enc_lacks lacks[TT_ENC_MAX_LACKS];
    size_t nlacks;
} tt_enc_table;

/* The table with its detection tables, loaded on first use. Returns 0, or the load error (err filled with the
 * path and reason). */
int tt_enc_table_get(const tt_enc_table **out, tt_error *err);
/* Detection weight of a code point (first matching score row; 0 if none). */
int tt_enc_weight(const tt_enc_table *t, uint32_t cp);
/* The prebuilt table of a detect candidate, or NULL. */
const tt_sbcs *tt_enc_detect_sbcs(const tt_enc_table *t, const char *canonical);

/* Builds the table of a glibc iconv encoding by converting each byte alone. Returns 1 if the encoding is
 * single-byte (every byte is one character or refused), 0 if it is not (multi-byte or stateful: use iconv
 * directly), TT_EUSAGE if iconv does not know the name. */
int tt_sbcs_build(tt_sbcs *t, const char *iconv_name);

/* The C0 controls of p[0..n) that text does not use: bytes 00..1F other than \t \n \f \r (NUL included; the
 * decoder refuses a NUL before it counts). Returns their number, with the offset of the first in *first (n when
 * none). tt_dec_controls has a fast path of 32-byte blocks where the CPU has AVX2 (chosen at run time), else
 * 16-byte blocks (SSE2; build with -DTT_DECODE_PLAIN to leave both out), tt_dec_controls_plain is the byte loop
 * alone, tt_dec_controls_steps the blocks of at most `steps` bytes (32, 16, or 0 for the byte loop); they always
 * agree (tests/unit/test_decode_fast.c). */
size_t tt_dec_controls(const unsigned char *p, size_t n, size_t *first);
size_t tt_dec_controls_plain(const unsigned char *p, size_t n, size_t *first);
size_t tt_dec_controls_steps(const unsigned char *p, size_t n, size_t *first, int steps);

/* What a binary-magic check found: a description ("PNG image") or NULL for none. */
const char *tt_dec_magic(const unsigned char *p, size_t n);

/* BOM at p: returns its length (0 = none) and sets *enc to "UTF-8", "UTF-16LE", ... */
size_t tt_dec_bom(const unsigned char *p, size_t n, const char **enc);

/* UTF-16 without BOM (normalization.md §1.3 step 3) on the first 4 KiB: "UTF-16LE", "UTF-16BE" or NULL. */
const char *tt_dec_utf16_guess(const unsigned char *p, size_t n);

/* Detection of a window that starts with a non-ASCII byte (normalization.md §1.3 steps 4-5). */
typedef struct tt_dec_guess {
    const char *encoding; /* canonical name */
    const char *method;   /* "utf8" or "score" */
    int confidence;
    const char *runner_up; /* NULL if none */
    long score, runner_up_score;
    int ambiguous; /* the runner-up decodes the window differently and scores within 2 % */
    size_t valid_prefix; /* "utf8": bytes of the window already validated as strict UTF-8 without NUL */
} tt_dec_guess;
/* at_end: the window reaches the end of the document (an incomplete UTF-8 sequence at its end is invalid). */
int tt_dec_guess_8bit(const tt_enc_table *t, const unsigned char *p, size_t n, int at_end, tt_dec_guess *g,
                      tt_error *err);

/* A declared encoding against the bytes of a window that starts at a non-ASCII byte: returns 1 when the
 * declaration decodes clearly worse than what detection finds (declared UTF-8 for bytes that score as a legacy
 * encoding; a legacy encoding for valid UTF-8 with at least 3 multi-byte characters; a detect candidate whose
 * letter score is more than a tenth below the winner's, the two decoding the window differently), with the
 * detected name in found and the evidence in why; else 0 (always 0 with fewer than 8 bytes >= 0x80, and for an
 * ambiguous score). *valid gets the bytes of the window validated as strict UTF-8 without NUL when UTF-8 is
 * declared and the window passes the strict test (as tt_dec_guess_8bit's valid_prefix), else 0. */
int tt_dec_mismatch(const tt_enc_table *t, const char *decl, const unsigned char *p, size_t n, int at_end,
                    char *found, size_t foundn, char *why, size_t whyn, size_t *valid);

#endif
