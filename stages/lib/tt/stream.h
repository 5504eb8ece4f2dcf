/* tt/stream.h - the record stream between the stage programs (tt-decode | tt-normalize | tt-tokenize |
 * tt-match | tt-count), specified in stages/README.md.
 *
 * One record per line, fields separated by tabs and escaped as in TSV (\t \n \r \\), except the bytes of a
 * `text` record, which follow its line raw (binary-safe: the line gives their length):
 *
 *   ttstream <TAB> <kind> <TAB> 2           first line; kind = text | tokens | hits
 *   doc <TAB> doc_id                         a document begins
 *   meta <TAB> key <TAB> value               a manifest column (doc_id first, manifest order)
 *   stat <TAB> key <TAB> value               a statistic (decode info, script, counts)
 *   text <TAB> offset <TAB> nbytes \n <nbytes raw bytes> \n
 *                                            a piece of the document's text; offset = its byte offset in the
 *                                            document's (decoded, later NFC) text
 *   art <TAB> n <TAB> label                  article n (1-based) has this heading label
 *   tok <TAB> start <TAB> end <TAB> sent <TAB> para <TAB> article <TAB> flags <TAB> match
 *                                            a word token (index = its order in the document, from 0)
 *   hit <TAB> concept_id <TAB> concept <TAB> entry <TAB> tok_first <TAB> tok_last <TAB> start <TAB> end <TAB>
 *       sent <TAB> para <TAB> article <TAB> article_label <TAB> surface <TAB> left <TAB> right <TAB> form <TAB>
 *       role <TAB> name                      role: text|quoted|note|repealed (tt/roles.h); name: 0, or the key of
 *                                            the name exclusion the hit would meet mid-sentence (tt/count.h)
 *   name <TAB> key                           (hits stream, before enddoc) the document uses this name
 *                                            mid-sentence: the hits with this name key are dropped
 * In a hits stream, tok flags also carry the token's role in bits 7-8 (TT_TOK_ROLE_SHIFT, tt/roles.h).
 *   enddoc <TAB> doc_id                      the document ends
 */
#ifndef TT_STREAM_H
#define TT_STREAM_H

#include "tt/common.h"

#include <stdio.h>

#define TT_STREAM_VERSION 2
#define TT_STREAM_VERSION_S "2"
#define TT_STREAM_MAXF 18
/* The largest text record a reader accepts (writers cut pieces of at most 4 MiB + one decoder chunk). */
#define TT_STREAM_MAX_TEXT ((uint64_t)1 << 30)

typedef enum tt_rec_kind {
    TT_REC_HEADER = 1,
    TT_REC_DOC,
    TT_REC_META,
    TT_REC_STAT,
    TT_REC_TEXT,
    TT_REC_ART,
    TT_REC_TOK,
    TT_REC_HIT,
    TT_REC_ENDDOC,
    TT_REC_NAME,
} tt_rec_kind;

typedef struct tt_rec {
    tt_rec_kind kind;
    size_t nf;                    /* fields after the tag */
    const char *f[TT_STREAM_MAXF]; /* unescaped, NUL-terminated; borrowed until the next read */
    size_t n[TT_STREAM_MAXF];
    uint64_t u[TT_STREAM_MAXF];   /* the values of the numeric fields (art n; tok start..flags; hit concept,
                                     tok_first..article), checked when read: digits only, 32-bit ones in range */
    const char *text;             /* TT_REC_TEXT: the raw bytes (borrowed until the next read) */
    size_t text_len;
    uint64_t text_offset;
} tt_rec;

typedef struct tt_stream_reader {
    FILE *f;
    const char *name; /* for messages */
    uint64_t line;
    tt_buf line_buf, fields, text;
    char *raw;
    size_t rawcap;
} tt_stream_reader;

/* f and name are borrowed. */
void tt_stream_reader_init(tt_stream_reader *r, FILE *f, const char *name);
void tt_stream_reader_free(tt_stream_reader *r);
/* Reads the next record. Returns 1, 0 at end of input, or TT_ESYNTAX (err: name, line and reason: unknown tag,
 * wrong field count, bad escape, short text), TT_EIO, TT_ENOMEM. `expect` is the stream kind the caller reads
 * ("text", "tokens", "hits"; the header is checked against it) or NULL for any. */
int tt_stream_read(tt_stream_reader *r, const char *expect, tt_rec *rec, tt_error *err);
/* The same over a buffer (for fuzzing): parses all records of s[0..n), returns the number read or TT_E*. */
long tt_stream_parse_mem(const char *s, size_t n, tt_error *err);

/* Writers: append one record to b. */
int tt_stream_put(tt_buf *b, const char *tag, size_t nf, const char *const *f, const size_t *n);
int tt_stream_put_text(tt_buf *b, uint64_t offset, const char *s, size_t n);

/* Writes b to f and empties b; TT_EIO on a write error. */
int tt_stream_flush(tt_buf *b, FILE *f, tt_error *err);

#endif
