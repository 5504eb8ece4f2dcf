/* tokenize_priv.h - the tokenizer's private state and the functions its files share (not installed; see
 * tt/tokenize.h for the contract). Internal names start with tk_.
 *
 *   tokenize.c         create/free, tokseq, tt_tokenize (the pass over a piece), tt_tokenize_cut
 *   tokenize_to16.c    the UTF-16 copy of a piece (tk_to16) and its fast paths
 *   tokenize_data.c    loading <data>/abbreviations/<lang>.txt and <data>/headings.tsv
 *   tokenize_heading.c line scan: blank lines, article and chapter headings
 *   tokenize_sent.c    sentences: the segmenter's breaks, merged after abbreviations, numbers, wrapped lines
 *   tokenize_hyphen.c  words: the segmenter's words, hyphen re-join, line-end hyphenation, match forms
 * Word and sentence segmentation itself is tt/segment.h.
 */
#ifndef TT_TOKENIZE_PRIV_H
#define TT_TOKENIZE_PRIV_H

#include "tt/common.h"
#include "tt/norm.h"
#include "tt/segment.h"
#include "tt/tokenize.h"

#include <unicode/uchar.h>
#include <unicode/uregex.h>

enum { H_ARTICLE = 1, H_CHAPTER = 2 };
/* internal token flag during a call: a hard line-end hyphen not yet resolved */
#define TOK_PENDING (1u << 31)

typedef struct heading_re {
    URegularExpression *re;
    int kind;
} heading_re;

typedef struct abbr {
    UChar *s; /* case-folded, ends with '.' */
    int32_t n;
} abbr;

typedef struct rawtok {
    int32_t s, e;   /* UTF-16 span of the token as written */
    int32_t js, je; /* for a line-end join: span of the second part (else -1) */
    uint32_t flags;
    int soft;       /* line join over a soft hyphen */
} rawtok;

typedef struct event {
    int32_t pos;  /* UTF-16 position of the line start */
    int32_t hend; /* heading: end of the heading match */
    int kind;     /* 0 = paragraph break, H_ARTICLE, H_CHAPTER */
    int32_t ls, le; /* label span */
} event;

struct tt_tokenizer {
    tt_segmenter *seg;
    heading_re *heads[TT_LANG_COUNT];
    size_t nheads[TT_LANG_COUNT];
    abbr *abbrs[TT_LANG_COUNT];
    size_t nabbrs[TT_LANG_COUNT];
    int32_t abbr_max[TT_LANG_COUNT];
    UChar *u;
    int32_t ucap;
    int32_t *b8; /* byte offset in the piece of each unit of u (and of its end) */
    size_t capb8;
    UChar *tmp;
    int32_t tmpcap;
    rawtok *rt;
    size_t nrt, caprt;
    int32_t *sbreaks;
    size_t nsb, capsb;
    event *ev;
    size_t nev, capev;
    /* kk, uz: match forms of the one-word abbreviations, without the final full stop, NUL-separated (built on
       first use, with the first normalizer given), so that млрд. = mlrd. and ж. = j. in any script/alphabet */
    tt_buf abbr_mf[TT_LANG_COUNT];
    int abbr_mf_ready[TT_LANG_COUNT];
    tt_buf word_mf;
    int end_blank; /* the last piece ended with a blank line */
    /* heading_plain (TT_HEADINGS=plain): every expression is tried on every line that starts with a capital or
       a digit, ICU's text set to the line alone, without the caches below (the reference the unit test
       compares the fast path with). Otherwise the expressions are given the piece once and each line as a
       region, and caches (of a line's first character, first words, or the whole short line) rule out or
       decide expressions without ICU (tokenize_heading.c). */
    int heading_plain;
    /* heading pre-filter, per language: the first character of a line -> bit h set when heading expression h
       can match a line that starts with it (probed once per character: a match, or ICU's hitEnd on the
       character alone); a direct-mapped cache */
    struct hprobe {
        UChar c;
        uint8_t valid;
        uint32_t mask;
    } hprobe[TT_LANG_COUNT][256];
    /* the same over a line's first word (or two), the spaces after it and the next character (only for lines
       whose first character passes): a failed match that did not reach the end of the prefix cannot match the
       whole line either, and a match that did not is the line's match (struct tk_hpfx in tokenize_heading.c:
       4-way set-associative, 16,384 entries, about 1 MB, allocated on first use) */
    struct tk_hpfx *hpfx;
    /* the first-word prefix of each line the prefetch pass looked at (line start p after spaces, length k,
       whole line or not), in line order: the scan reads it instead of measuring the prefix again */
    struct tk_pline {
        int32_t p, k;
        int whole;
    } *pl;
    size_t npl, cappl;
    /* case of U+0000..U+052F (Latin and Cyrillic, Kazakh letters included), read from ICU when the tokenizer is
       made: CASE_UPPER (u_isupper or u_istitle), CASE_LOWER (u_islower), CASE_ALPHA (u_isalpha); case_of asks
       ICU itself beyond */
    uint8_t ccase[0x530];
    struct tk_u8blk *u8tab; /* tk_to16's block table (tokenize_to16.c), NULL without SSSE3 */
    tt_type_fn typer; /* tt_tokenizer_set_typer */
    tt_type_begin_fn typer_begin;
    void *typer_ctx;
};
enum { CASE_UPPER = 1, CASE_LOWER = 2, CASE_ALPHA = 4 };

/* ---- tokenize.c ---- */
int tk_grow16(UChar **p, int32_t *cap, int32_t need);

/* ---- tokenize_to16.c ---- */
/* UTF-8 s[0..n) -> tk->u (invalid bytes -> U+FFFD as ICU's U8_NEXT takes them, U+200B -> U+2060) and tk->b8 (the
 * byte offset of each unit; of the second unit of a pair, the offset after the character; b8[len] = n), the
 * TT_NORM_PAD16 units after the text zero. Returns the length in units or a negative TT_E*. Exposed for
 * tests/unit/test_to16.c. */
int32_t tk_to16(tt_tokenizer *tk, const char *s, size_t n, tt_error *err);
/* The block table (tk->u8tab) where the CPU has SSSE3: 0 or TT_ENOMEM. / Frees it. */
int tk_to16_init(tt_tokenizer *tk);
void tk_to16_free(tt_tokenizer *tk);

static inline int
tk_is_hyphen(UChar c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

/* 1 if c is a default-ignorable code point (U+00AD is the first one: below it, no call into ICU) */
static inline int
tk_ignorable(UChar c)
{
    return c >= 0xAD && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

static inline int
tk_is_hspace(UChar c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F;
}

/* ---- tokenize_data.c ---- */
/* Loads the abbreviations and headings of data_dir into tk. */
int tk_load_data(tt_tokenizer *tk, const char *data_dir, tt_error *err);
void tk_free_data(tt_tokenizer *tk);

/* ---- tokenize_heading.c ---- */
/* Line scan of tk->u[0..len): paragraph breaks (a blank line; a line break before a heading) and headings
 * -> tk->ev; tk->end_blank. */
int tk_scan_lines(tt_tokenizer *tk, tt_lang lang, int32_t len, tt_error *err);

/* ---- tokenize_sent.c ---- */
/* Sentence breaks of tk->u[0..len) -> tk->sbreaks. */
int tk_sentences(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, int32_t len, tt_error *err);

/* ---- tokenize_hyphen.c ---- */
/* Words + hyphen re-join + line-end hyphenation candidates -> tk->rt. */
int tk_words(tt_tokenizer *tk, tt_tokseq *ts, tt_error *err);
/* Match form of a raw token into out. For a line-join candidate, parts: s..hyphen end (without the hyphen
 * when `joined`), then js..je. */
int tk_form_of(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const rawtok *r, int joined,
               tt_buf *out, unsigned *nfl, tt_error *err);
/* Resolves the hard line-end hyphens of tokens first.. of ts: joined when the joined form is known or occurs
 * unhyphenated in the piece, else hyphenated. */
void tk_resolve_lines(tt_tokseq *ts, size_t first, size_t pending, tt_lang lang, tt_known_fn known,
                      void *known_ctx);

#endif
