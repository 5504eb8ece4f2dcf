/* tt/docres.h - reading docres records (the per-document result text of tt/count.h).
 *
 * The format is specified in stages/50-count/docres.md: one line per item, tab-separated, fields escaped
 * as in TSV (\t \n \r \\), a first line "docres<TAB><version>" and a last line "end<TAB><doc_id>". This reader
 * splits text into lines and unescapes their fields; it checks each line's tag and field count, not the order
 * of lines inside a record (tt_exporter_add does that).
 *
 * A reader is a plain struct: tt_docres_reader r; tt_docres_reader_init(&r, text, n); ... free with
 * tt_docres_reader_free. It borrows the text, which must outlive it.
 */
#ifndef TT_DOCRES_H
#define TT_DOCRES_H

#include "tt/common.h"

#define TT_DOCRES_VERSION 2 /* the version this library writes and reads */
#define TT_DOCRES_MAXF 12   /* most fields after the tag (a hit line) */

typedef enum tt_docres_kind {
    TT_DR_HEADER = 1, /* "docres" version */
    TT_DR_META,       /* key value: a manifest column */
    TT_DR_STAT,       /* key value: a statistic */
    TT_DR_TF,         /* concept_id count */
    TT_DR_COOC,       /* context concept_a concept_b value */
    TT_DR_HIT,        /* concept_id entry start end sentence article surface left right form role page */
    TT_DR_VOCAB,      /* term count sentences flags surface surface_count */
    TT_DR_VFORM,      /* term surface count */
    TT_DR_COLL,       /* context concept_id term count */
    TT_DR_COLLC,      /* context concept_id freq span */
    TT_DR_END,        /* doc_id */
} tt_docres_kind;

typedef struct tt_docres_line {
    tt_docres_kind kind;
    size_t nf;                          /* number of fields after the tag */
    const char *f[TT_DOCRES_MAXF];      /* unescaped fields, NUL-terminated; borrowed until the next call */
    size_t n[TT_DOCRES_MAXF];           /* their lengths in bytes */
    const char *raw[TT_DOCRES_MAXF];    /* the same fields as escaped in the text (not NUL-terminated), borrowed
                                           from the text given to the reader */
    size_t rawn[TT_DOCRES_MAXF];        /* their lengths in bytes */
    uint64_t lineno;                    /* 1-based line number in the text given to the reader */
} tt_docres_line;

typedef struct tt_docres_reader {
    const char *s;
    size_t n, pos;
    uint64_t line;
    tt_buf buf;
    size_t off[TT_DOCRES_MAXF];
} tt_docres_reader;

/* Starts reading s[0..n) (borrowed). */
void tt_docres_reader_init(tt_docres_reader *r, const char *s, size_t n);
/* Reads the next line into *ln. Returns 1 for a line, 0 at the end of the text, or TT_ESYNTAX (unknown tag,
 * wrong number of fields, bad escape, a last line without its newline; err->line is set) / TT_ENOMEM. Empty
 * lines are errors too: a record has none. */
int tt_docres_next(tt_docres_reader *r, tt_docres_line *ln, tt_error *err);
/* The same reader without its fast path (one pass over a line, SSE2; left out of tt_docres_next too when built
 * with -DTT_DOCRES_PLAIN): the reference tt_docres_next is tested against (tests/unit/test_docres.c). The two
 * give the same result, fields, error and reader state for any text. */
int tt_docres_next_plain(tt_docres_reader *r, tt_docres_line *ln, tt_error *err);
void tt_docres_reader_free(tt_docres_reader *r);

/* Checks that s[0..n) is a sequence of complete, well-formed records of this version: every line parses, each
 * record starts with "docres<TAB>2", has its meta lines (doc_id first, non-empty) and stat lines before any other
 * line, and ends with "end<TAB><its doc_id>". Use it before trusting a cache file or a shard. *nrecords (may be
 * NULL) gets the number of records. Returns 0, TT_EFORMAT (another version), TT_ESYNTAX (err->line = the line)
 * or TT_ENOMEM. An empty text is valid (0 records). */
int tt_docres_check(const char *s, size_t n, size_t *nrecords, tt_error *err);

/* The tag of a kind ("meta", ...). */
const char *tt_docres_tag(tt_docres_kind k);

#endif
