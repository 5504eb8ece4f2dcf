/* tokenize.c - words, sentences, paragraphs and legal articles of a piece of text (tt/tokenize.h), with each
 * word's match form from norm.c.
 *
 * One pass plan per piece: UTF-8 -> private UTF-16 copy (pre-break fixes of normalization.md §2.2 steps 1-2 on
 * it, one unit for one unit; the byte offset of each unit kept) -> word and sentence break classes of each unit
 * -> line scan (blank lines, headings from <data>/headings.tsv) -> sentence break (ICU's rules, see "sentence
 * break without ICU"), merged after abbreviations (<data>/abbreviations/<lang>.txt) and numbers -> word break
 * (ICU's rules, see "word break without ICU"), hyphen re-join and line-end hyphenation -> tokens with byte
 * offsets and match forms. All buffers live in the tokenizer or the tokseq and are reused: no allocation per
 * token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "norm_priv.h"
#include "tt/common.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

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

/* ---- word break without ICU where ICU's rules are simple ----------------------------------------------------
 * ICU's word break iterator (UAX #29 as ICU 72 tailors it) costs most of the tokenizer. For the characters of
 * the texts this pipeline reads - letters (ALetter), digits, the mid-word and mid-number punctuation, spaces,
 * Extend/Format, other punctuation and symbols below U+2E80 - its rules reduce to: letters and digits join
 * (WB5, WB8-WB10), a MidLetter/MidNumLet/quote between two letters and a MidNum/MidNumLet/quote between two
 * digits join (WB6/7, WB11/12), Extend and Format attach to what precedes (WB4), line breaks split (WB3a/b),
 * and the rule status of a word is that of its last letter or digit (200 letter, 100 number). A line holding
 * any other character (CJK, Hebrew, Katakana, emoji, ZWJ, '_' and the other ExtendNumLet, '@', Regional
 * Indicators, surrogates) goes to ICU itself; line breaks are hard boundaries (WB3a/b), so per line and whole
 * text give the same words. Checked against ICU on the bench corpora and on 170M synthetic strings. */
enum { W_OTHER, W_AL, W_NU, W_MNL, W_ML, W_MN, W_SQ, W_WS, W_EXT, W_NL, W_UNSUP };

static uint8_t
wb_class_of(UChar32 c)
{
    if (c == '@' || (c >= 0x2E80 && c != 0xFEFF) || U_IS_SURROGATE(c) ||
        u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
        return W_UNSUP;
    int lb = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
    if (lb == U_LB_COMPLEX_CONTEXT || lb == U_LB_IDEOGRAPHIC)
        return W_UNSUP;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER:
        return W_AL;
    case U_WB_NUMERIC:
        return W_NU;
    case U_WB_MIDNUMLET:
        return W_MNL;
    case U_WB_MIDLETTER:
        return c == ':' ? W_OTHER : W_ML;
    case U_WB_MIDNUM:
        return W_MN;
    case U_WB_SINGLE_QUOTE:
        return W_SQ;
    case U_WB_DOUBLE_QUOTE:
    case U_WB_OTHER:
        return W_OTHER;
    case U_WB_WSEGSPACE:
        return W_WS;
    case U_WB_EXTEND:
    case U_WB_FORMAT:
        return W_EXT;
    case U_WB_CR:
    case U_WB_LF:
    case U_WB_NEWLINE:
        return W_NL;
    default:
        return W_UNSUP;
    }
}


/* Word and number segments of the text [ls..le) whose word break classes are cl[ls..le) (no W_UNSUP; a W_NL is
 * never part of a word, so whole lines may be given at once),
 * as ICU's word break iterator finds them: emit(ctx, start, end, status) for each segment of rule status
 * UBRK_WORD_NUMBER (100) or UBRK_WORD_LETTER (200). */
static inline int
wb_line(const uint8_t *cl, int32_t ls, int32_t le, int (*emit)(void *, int32_t, int32_t, int32_t), void *ctx)
{
    int32_t i = ls;
    while (i < le) {
        uint8_t c = cl[i];
        int32_t j = i + 1;
        if (c == W_WS)
            while (j < le && cl[j] == W_WS)
                j++;
        while (j < le && cl[j] == W_EXT)
            j++;
        if (c != W_AL && c != W_NU) {
            i = j;
            continue;
        }
        uint8_t last = c; /* the last letter or digit; Extend/Format inside the word change nothing */
        while (j < le) {
            uint8_t y = cl[j];
            if (y == W_AL || y == W_NU) {
                last = y;
                j++;
                continue;
            }
            if (y == W_EXT) {
                j++;
                continue;
            }
            if (!(y == W_MNL || y == W_SQ || (y == W_ML && last == W_AL) || (y == W_MN && last == W_NU)))
                break;
            int32_t k = j + 1;
            while (k < le && cl[k] == W_EXT)
                k++;
            if (k >= le || cl[k] != last)
                break;
            j = k + 1;
        }
        int rc = emit(ctx, i, j, last == W_AL ? 200 : 100);
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}

/* ---- sentence break without ICU ----------------------------------------------------------------------------
 * The same idea for ICU's sentence break iterator (UAX #29 SB1-SB11, no tailoring in the root rules): a break
 * comes only after a paragraph separator (SB4: CR LF, LF, CR, NEL, LS, PS) or after a terminator sequence
 * SATerm Close* Sp* (SB11) unless SB6, SB7, SB8 or SB8a keeps it, Extend and Format attaching to what precedes
 * (SB5); status UBRK_SENTENCE_TERM after a terminator, UBRK_SENTENCE_SEP otherwise. Paragraphs are hard
 * boundaries, so the text is taken a paragraph at a time, and one holding a character at or above U+2E80 goes
 * to ICU. Checked against ICU like the word break. */
enum { S_OTHER, S_ATERM, S_STERM, S_CLOSE, S_SP, S_LOWER, S_UPPER, S_OLETTER, S_NUMERIC, S_SCONT, S_EXT, S_CR,
       S_SEP, S_UNSUP };

static uint8_t
sb_class_of(UChar32 c)
{
    if ((c >= 0x2E80 && c != 0xFEFF) || U_IS_SURROGATE(c))
        return S_UNSUP;
    switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
    case U_SB_OTHER:
        return S_OTHER;
    case U_SB_ATERM:
        return S_ATERM;
    case U_SB_STERM:
        return S_STERM;
    case U_SB_CLOSE:
        return S_CLOSE;
    case U_SB_SP:
        return S_SP;
    case U_SB_LOWER:
        return S_LOWER;
    case U_SB_UPPER:
        return S_UPPER;
    case U_SB_OLETTER:
        return S_OLETTER;
    case U_SB_NUMERIC:
        return S_NUMERIC;
    case U_SB_SCONTINUE:
        return S_SCONT;
    case U_SB_EXTEND:
    case U_SB_FORMAT:
        return S_EXT;
    case U_SB_CR:
        return S_CR;
    case U_SB_LF:
    case U_SB_SEP:
        return S_SEP;
    default:
        return S_UNSUP;
    }
}

/* Positions in the piece (UTF-16 indexes), in increasing order. */
typedef struct poslist {
    int32_t *v;
    size_t n, cap;
} poslist;

static int is_nl(UChar c);

/* Both classes of the BMP: word | sentence << 4, by 256-character pages. */
typedef struct bktab {
    uint8_t ready[256];
    uint8_t cls[256][256];
} bktab;

static void
bk_fill(bktab *t, unsigned pg)
{
    for (unsigned k = 0; k < 256; k++) {
        UChar32 c = (UChar32)(pg << 8 | k);
        uint8_t w = wb_class_of(c);
        if ((w == W_NL) != is_nl((UChar)c))
            w = W_UNSUP; /* W_NL marks exactly the line breaks of scan_lines (and ICU takes any other case) */
        t->cls[pg][k] = (uint8_t)(w | sb_class_of(c) << 4);
    }
    t->ready[pg] = 1;
}

/* next effective position after i (Extend/Format attach to what precedes, SB5) */
static inline int32_t
sb_next(const uint8_t *cl, int32_t i, int32_t be)
{
    i++;
    while (i < be && cl[i] == S_EXT)
        i++;
    return i;
}

/* Sentence breaks of the chunk [cs..ce) - a paragraph ending after its separator (CR LF, LF, CR, NEL, LS, PS)
 * or at the end of the text - whose body [cs..be) has sentence break classes cl[cs..be) (no S_UNSUP, no
 * separator), as ICU's sentence break iterator finds them: emit(ctx, position, status) with status
 * UBRK_SENTENCE_TERM (0) after a terminator, UBRK_SENTENCE_SEP (100) at the end of a chunk without one.
 * terms[0..nterms) are the positions of the text's terminators (SATerm), *tp the first one not yet passed. */
static inline int
sb_chunk(const uint8_t *cl, int32_t cs, int32_t be, int32_t ce, const int32_t *terms, size_t nterms, size_t *tp,
         int (*emit)(void *, int32_t, int32_t), void *ctx)
{
    int32_t i = cs;
    for (;;) {
        while (*tp < nterms && terms[*tp] < i)
            (*tp)++;
        if (*tp >= nterms || terms[*tp] >= be)
            break;
        i = terms[*tp];
        uint8_t c = cl[i];
        int32_t j = sb_next(cl, i, be);
        if (c == S_ATERM && j < be) {
            if (cl[j] == S_NUMERIC) { /* SB6 */
                i = j;
                continue;
            }
            if (cl[j] == S_UPPER) { /* SB7: (Upper | Lower) ATerm x Upper */
                int32_t p = i - 1;
                while (p > cs && cl[p] == S_EXT)
                    p--;
                if (p >= cs && cl[p] != S_EXT && (cl[p] == S_UPPER || cl[p] == S_LOWER)) {
                    i = j;
                    continue;
                }
            }
        }
        while (j < be && cl[j] == S_CLOSE)
            j = sb_next(cl, j, be);
        while (j < be && cl[j] == S_SP)
            j = sb_next(cl, j, be);
        if (j >= be) {
            int rc = emit(ctx, ce, 0);
            return rc;
        }
        if (c == S_ATERM) { /* SB8 */
            int32_t k = j;
            while (k < be && cl[k] != S_OLETTER && cl[k] != S_UPPER && cl[k] != S_LOWER && cl[k] != S_ATERM &&
                   cl[k] != S_STERM)
                k++;
            if (k < be && cl[k] == S_LOWER) {
                i = j;
                continue;
            }
        }
        if (cl[j] == S_SCONT || cl[j] == S_ATERM || cl[j] == S_STERM) { /* SB8a */
            i = j;
            continue;
        }
        int rc = emit(ctx, j, 0); /* SB11 */
        if (rc)
            return rc;
        i = j;
    }
    return emit(ctx, ce, 100);
}

struct tt_tokenizer {
    UBreakIterator *wb, *sb;
    uint8_t *scl; /* sentence break class of each UTF-16 unit of the piece */
    size_t capscl;
    bktab bkt; /* word | sentence << 4 break classes of the BMP, filled by 256-character pages on first use */
    uint8_t *wcl; /* word break class of each UTF-16 unit of the piece */
    size_t capwcl;
    /* from classify(): line breaks (is_nl), sentence separators (S_CR, S_SEP) and terminators (S_ATERM,
       S_STERM), units that only ICU segments (W_UNSUP, S_UNSUP) */
    poslist nls, seps, terms, wuns, suns;
    int odd_nl; /* a line break of scan_lines that ICU's word break may not take as one: ICU on the whole piece */
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
    tt_buf scratch;
    /* kk, uz: match forms of the one-word abbreviations, without the final full stop, NUL-separated (built on
       first use, with the first normalizer given), so that млрд. = mlrd. and ж. = j. in any script/alphabet */
    tt_buf abbr_mf[TT_LANG_COUNT];
    int abbr_mf_ready[TT_LANG_COUNT];
    tt_buf word_mf;
    int end_blank; /* the last piece ended with a blank line */
    /* heading pre-filter, per language: the first character of a line -> bit h set when heading expression h
       can match a line that starts with it (probed once per character: a match, or ICU's hitEnd on the
       character alone); a direct-mapped cache */
    struct hprobe {
        UChar c;
        uint8_t valid;
        uint32_t mask;
    } hprobe[TT_LANG_COUNT][256];
    UChar probe_text[2];
};

/* ---- small helpers ------------------------------------------------------------------------------------ */

static int
grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, nc * size);
    if (!np)
        return TT_ENOMEM;
    *p = np;
    *cap = nc;
    return 0;
}

static int
grow16(UChar **p, int32_t *cap, int32_t need)
{
    size_t c = (size_t)*cap;
    int rc = grow((void **)p, &c, (size_t)need, sizeof(UChar));
    *cap = (int32_t)c;
    return rc;
}

/* Calls fn(ctx, line, len, lineno) for each non-blank, non-comment line of a file. Missing file: TT_EIO. */
static int
each_line(const char *path, int (*fn)(void *, const char *, size_t, uint64_t, tt_error *), void *ctx,
          tt_error *err)
{
    size_t n;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read data file");
        return tt_error_at(err, path, 0, 0);
    }
    int rc = 0;
    uint64_t lineno = 0;
    for (char *p = text, *end = text + n; p < end && rc == 0;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        lineno++;
        while (le > p && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
            le--;
        if (le > p && *p != '#') {
            rc = fn(ctx, p, (size_t)(le - p), lineno, err);
            if (rc)
                tt_error_at(err, path, lineno, 0);
        }
        p = nl ? nl + 1 : end;
    }
    free(text);
    return rc;
}

/* Case-folded UTF-16 of s[0..n), malloc'ed; NULL with *nomem = 1 when out of memory, 0 when not UTF-8. */
static UChar *
fold16(const char *s, size_t n, int32_t *len, int *nomem)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = malloc(sizeof(UChar) * (n + 1)), *f = NULL;
    *nomem = !u;
    if (!u)
        return NULL;
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &st);
    if (U_SUCCESS(st)) {
        f = malloc(sizeof(UChar) * (size_t)(3 * ulen + 1));
        *nomem = !f;
        if (f)
            *len = u_strFoldCase(f, 3 * ulen + 1, u, ulen, U_FOLD_CASE_DEFAULT, &st);
        if (U_FAILURE(st)) {
            free(f);
            f = NULL;
        }
    }
    free(u);
    return f;
}

/* ---- loading ------------------------------------------------------------------------------------------ */

typedef struct abbr_ctx {
    tt_tokenizer *tk;
    tt_lang lang;
} abbr_ctx;

static int
abbr_line(void *vctx, const char *s, size_t n, uint64_t lineno, tt_error *err)
{
    abbr_ctx *c = vctx;
    tt_tokenizer *tk = c->tk;
    (void)lineno;
    if (s[n - 1] != '.')
        return 0;
    size_t cap = tk->nabbrs[c->lang];
    /* capacity = count rounded up to a power of two */
    if ((cap & (cap - 1)) == 0) {
        abbr *na = realloc(tk->abbrs[c->lang], sizeof(abbr) * (cap ? cap * 2 : 16));
        if (!na)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tk->abbrs[c->lang] = na;
    }
    abbr *a = &tk->abbrs[c->lang][tk->nabbrs[c->lang]];
    int nomem = 0;
    a->s = fold16(s, n, &a->n, &nomem);
    if (!a->s)
        return nomem ? tt_error_set(err, TT_ENOMEM, "out of memory")
                     : tt_error_set(err, TT_ESYNTAX, "abbreviation is not UTF-8");
    tk->nabbrs[c->lang]++;
    if (a->n > tk->abbr_max[c->lang])
        tk->abbr_max[c->lang] = a->n;
    return 0;
}

typedef struct head_ctx {
    tt_tokenizer *tk;
} head_ctx;

static int
add_heading(tt_tokenizer *tk, tt_lang l, int kind, const UChar *pat, int32_t plen, tt_error *err)
{
    size_t cap = tk->nheads[l];
    if ((cap & (cap - 1)) == 0) {
        heading_re *nh = realloc(tk->heads[l], sizeof(heading_re) * (cap ? cap * 2 : 8));
        if (!nh)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tk->heads[l] = nh;
    }
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re = uregex_open(pat, plen, UREGEX_CASE_INSENSITIVE, &pe, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_ESYNTAX, "ICU rejects the heading pattern: %s", u_errorName(st));
    if (uregex_groupCount(re, &st) < 1) {
        uregex_close(re);
        return tt_error_set(err, TT_ESYNTAX, "heading pattern needs a group for the label");
    }
    tk->heads[l][tk->nheads[l]].re = re;
    tk->heads[l][tk->nheads[l]].kind = kind;
    tk->nheads[l]++;
    return 0;
}

static int
head_line(void *vctx, const char *s, size_t n, uint64_t lineno, tt_error *err)
{
    tt_tokenizer *tk = ((head_ctx *)vctx)->tk;
    (void)lineno;
    const char *t1 = memchr(s, '\t', n);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(s + n - t1 - 1)) : NULL;
    if (!t2)
        return tt_error_set(err, TT_ESYNTAX, "expected: lang <TAB> kind <TAB> pattern");
    size_t ll = (size_t)(t1 - s), kl = (size_t)(t2 - t1 - 1);
    int kind = kl == 7 && memcmp(t1 + 1, "article", 7) == 0   ? H_ARTICLE
               : kl == 7 && memcmp(t1 + 1, "chapter", 7) == 0 ? H_CHAPTER
                                                                : 0;
    int all = ll == 1 && s[0] == '*';
    if (!kind || (!all && !tt_lang_known(s, ll)))
        return tt_error_set(err, TT_ESYNTAX, "bad language or kind (expected kk uz ru en * and article|chapter)");
    const char *p = t2 + 1;
    size_t pn = (size_t)(s + n - p);
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = malloc(sizeof(UChar) * (pn + 1));
    if (!u)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    u_strFromUTF8(u, (int32_t)pn + 1, &ulen, p, (int32_t)pn, &st);
    int rc = U_FAILURE(st) ? tt_error_set(err, TT_ESYNTAX, "pattern is not UTF-8") : 0;
    for (int l = 1; l < TT_LANG_COUNT && rc == 0; l++)
        if (all || tt_lang_parse(s, ll) == (tt_lang)l)
            rc = add_heading(tk, (tt_lang)l, kind, u, ulen, err);
    free(u);
    return rc;
}

int
tt_tokenizer_new(tt_tokenizer **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    if (!data_dir)
        data_dir = tt_data_dir();
    tt_tokenizer *tk = calloc(1, sizeof *tk);
    if (!tk)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    UErrorCode st = U_ZERO_ERROR;
    tk->wb = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    tk->sb = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &st);
    int rc = 0;
    if (U_FAILURE(st))
        rc = tt_error_set(err, TT_EICU, "cannot open break iterators: %s", u_errorName(st));
    char path[1024];
    for (int l = TT_LANG_KK; l < TT_LANG_COUNT && rc == 0; l++) {
        snprintf(path, sizeof path, "%s/abbreviations/%s.txt", data_dir, tt_lang_name((tt_lang)l));
        abbr_ctx c = {tk, (tt_lang)l};
        rc = each_line(path, abbr_line, &c, err);
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/headings.tsv", data_dir);
        head_ctx c = {tk};
        rc = each_line(path, head_line, &c, err);
    }
    if (rc) {
        tt_tokenizer_free(tk);
        return rc;
    }
    *out = tk;
    return 0;
}

void
tt_tokenizer_free(tt_tokenizer *tk)
{
    if (!tk)
        return;
    if (tk->wb)
        ubrk_close(tk->wb);
    if (tk->sb)
        ubrk_close(tk->sb);
    for (int l = 0; l < TT_LANG_COUNT; l++) {
        for (size_t i = 0; i < tk->nheads[l]; i++)
            uregex_close(tk->heads[l][i].re);
        free(tk->heads[l]);
        for (size_t i = 0; i < tk->nabbrs[l]; i++)
            free(tk->abbrs[l][i].s);
        free(tk->abbrs[l]);
    }
    free(tk->u);
    free(tk->tmp);
    free(tk->rt);
    free(tk->wcl);
    free(tk->b8);
    free(tk->scl);
    free(tk->nls.v);
    free(tk->seps.v);
    free(tk->terms.v);
    free(tk->wuns.v);
    free(tk->suns.v);
    free(tk->sbreaks);
    free(tk->ev);
    tt_buf_free(&tk->scratch);
    for (int l = 0; l < TT_LANG_COUNT; l++)
        tt_buf_free(&tk->abbr_mf[l]);
    tt_buf_free(&tk->word_mf);
    free(tk);
}

/* ---- tokseq ------------------------------------------------------------------------------------------- */

void
tt_tokseq_init(tt_tokseq *ts)
{
    memset(ts, 0, sizeof *ts);
}

void
tt_tokseq_free(tt_tokseq *ts)
{
    free(ts->tok);
    tt_buf_free(&ts->forms);
    tt_buf_free(&ts->labels);
    free(ts->label_off);
    memset(ts, 0, sizeof *ts);
}

void
tt_tokseq_reset(tt_tokseq *ts)
{
    ts->ntok = 0;
    tt_buf_reset(&ts->forms);
}

void
tt_tokseq_reset_doc(tt_tokseq *ts)
{
    ts->ntok = 0;
    tt_buf_reset(&ts->forms);
    tt_buf_reset(&ts->labels);
    ts->narticles = 0;
    ts->sentences = ts->paragraphs = 0;
    ts->homoglyph_repairs = ts->mixed_unrepaired = ts->hyphen_joins = ts->line_joins = 0;
    ts->cur_article = 0;
    ts->mid_sentence = 0;
    ts->pending_para = 0;
}

const char *
tt_tokseq_article_label(const tt_tokseq *ts, uint32_t a)
{
    if (a == 0 || a > ts->narticles)
        return "";
    return ts->labels.data + ts->label_off[a - 1];
}

/* ---- the piece ---------------------------------------------------------------------------------------- */

/* UTF-8 -> tk->u (invalid bytes -> U+FFFD, U+200B -> U+2060), and tk->b8: the byte offset of each unit. */
static int32_t
to16(tt_tokenizer *tk, const char *s, size_t n, tt_error *err)
{
    if (n >= (size_t)INT32_MAX - 16)
        return tt_error_set(err, TT_ELIMIT, "piece of %zu bytes exceeds INT32_MAX UTF-16 units: feed smaller "
                                            "pieces", n);
    if (grow16(&tk->u, &tk->ucap, (int32_t)n + 1) ||
        grow((void **)&tk->b8, &tk->capb8, n + 1, sizeof *tk->b8))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    UChar *u = tk->u;
    int32_t *b8 = tk->b8;
    int32_t j = 0;
    const uint8_t *b = (const uint8_t *)s;
    int32_t i = 0, nn = (int32_t)n;
    while (i < nn) {
        if (b[i] < 0x80) {
            b8[j] = i;
            u[j++] = b[i++];
            continue;
        }
        if (b[i] >= 0xC2 && b[i] < 0xE0 && i + 1 < nn && (b[i + 1] & 0xC0) == 0x80) {
            b8[j] = i;
            u[j++] = (UChar)((b[i] & 0x1F) << 6 | (b[i + 1] & 0x3F)); /* as U8_NEXT would */
            i += 2;
            continue;
        }
        UChar32 c;
        int32_t i0 = i;
        U8_NEXT(b, i, nn, c);
        if (c < 0)
            c = 0xFFFD;
        else if (c == 0x200B)
            c = 0x2060; /* the pre-break fix of every language (tt_norm_prebreak16) */
        b8[j] = i0;
        if (c > 0xFFFF)
            b8[j + 1] = i; /* the second unit of a pair: the offset after the character */
        U16_APPEND_UNSAFE(u, j, c);
    }
    b8[j] = nn;
    return j;
}

static int
is_hyphen(UChar c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static int
is_hspace(UChar c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F;
}

static int
is_nl(UChar c)
{
    /* \n \v \f \r, U+0085, U+2028, U+2029 */
    return (unsigned)c - 0x0A <= 3u || c == 0x85 || (c | 1) == 0x2029;
}

/* Bit h of the result: heading expression h of lang can match a line that starts with c. */
static uint32_t
heading_mask(tt_tokenizer *tk, tt_lang lang, UChar c)
{
    size_t nh = tk->nheads[lang];
    if (nh == 0)
        return 0;
    if (nh > 32 || U16_IS_SURROGATE(c))
        return ~(uint32_t)0;
    struct hprobe *pr = &tk->hprobe[lang][c & 255];
    if (pr->valid && pr->c == c)
        return pr->mask;
    uint32_t mask = 0;
    tk->probe_text[0] = c;
    for (size_t h = 0; h < nh; h++) {
        URegularExpression *re = tk->heads[lang][h].re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(re, tk->probe_text, 1, &st);
        UBool m = U_SUCCESS(st) ? uregex_lookingAt(re, 0, &st) : 0;
        UBool more = U_SUCCESS(st) ? uregex_hitEnd(re, &st) : 1;
        if (m || more || U_FAILURE(st))
            mask |= 1u << h;
    }
    pr->c = c;
    pr->valid = 1;
    pr->mask = mask;
    return mask;
}

/* Line scan: paragraph breaks (a blank line; a line break before a heading) and headings. */
static int
scan_lines(tt_tokenizer *tk, tt_lang lang, int32_t len, tt_error *err)
{
    const UChar *u = tk->u;
    tk->nev = 0;
    int prev_blank = 0;
    size_t np = 0;
    for (int32_t ls = 0; ls < len;) {
        while (np < tk->nls.n && tk->nls.v[np] < ls)
            np++;
        int32_t le = np < tk->nls.n ? tk->nls.v[np] : len; /* the next is_nl unit (classify) */
        int32_t p = ls;
        while (p < le && (is_hspace(u[p]) || u[p] == 0xFEFF))
            p++;
        if (p == le) {
            prev_blank = 1;
        } else {
            int kind = 0;
            int32_t hend = 0, lbs = 0, lbe = 0;
            /* headings start with a capital letter or a digit; only then ask the regular expressions */
            uint32_t hm = 0;
            if (u_isdigit(u[p]) || u_isupper(u[p]) || u_istitle(u[p]))
                hm = heading_mask(tk, lang, u[p]);
            if (hm) {
                for (size_t h = 0; h < tk->nheads[lang] && !kind; h++) {
                    if (h < 32 && !(hm >> h & 1))
                        continue; /* cannot match a line that starts with this character */
                    URegularExpression *re = tk->heads[lang][h].re;
                    UErrorCode st = U_ZERO_ERROR;
                    uregex_setText(re, u + p, le - p, &st);
                    if (U_FAILURE(st))
                        return tt_error_set(err, TT_EICU, "heading regex: %s", u_errorName(st));
                    if (!uregex_lookingAt(re, 0, &st) || U_FAILURE(st))
                        continue;
                    int32_t me = uregex_end(re, 0, &st);
                    UChar after = p + me < le ? u[p + me] : 0;
                    if (after && !(after == '.' || after == ':' || is_hspace(after) || is_hyphen(after) ||
                                   after == 0x2013 || after == 0x2014))
                        continue;
                    lbs = p + uregex_start(re, 1, &st);
                    lbe = p + uregex_end(re, 1, &st);
                    if (U_FAILURE(st) || lbs < p || lbe <= lbs)
                        continue;
                    kind = tk->heads[lang][h].kind;
                    hend = p + me;
                }
            }
            if (kind || prev_blank) {
                if (grow((void **)&tk->ev, &tk->capev, tk->nev + 1, sizeof(event)))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                event *e = &tk->ev[tk->nev++];
                e->pos = p;
                e->kind = kind;
                e->hend = hend;
                e->ls = lbs;
                e->le = lbe;
            }
            prev_blank = 0;
        }
        ls = le;
        if (ls < len && u[ls] == '\r' && ls + 1 < len && u[ls + 1] == '\n')
            ls++;
        if (ls < len)
            ls++;
    }
    tk->end_blank = prev_blank;
    return 0;
}

/* Kazakh and Uzbek are written in several scripts and alphabets while abbreviations/<lang>.txt lists one
 * spelling (млрд., т.б., ж.): compare the word before a full stop by match form too. Builds tk->abbr_mf[lang]
 * on first use. Abbreviations of several words (va h.k.) are compared as written only. */
static int
abbr_forms(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_error *err)
{
    if (tk->abbr_mf_ready[lang] || (lang != TT_LANG_KK && lang != TT_LANG_UZ) || !nz)
        return 0;
    tt_buf *b = &tk->abbr_mf[lang];
    tt_script sc = lang == TT_LANG_KK ? TT_SCRIPT_CYRL : TT_SCRIPT_ANY;
    for (size_t i = 0; i < tk->nabbrs[lang]; i++) {
        const abbr *a = &tk->abbrs[lang][i];
        const UChar sp = ' ';
        if (a->n < 2 || u_strFindFirst(a->s, a->n, &sp, 1))
            continue;
        size_t at = b->len;
        int rc = tt_norm_word16(nz, lang, sc, a->s, a->n - 1, b, NULL, err);
        if (rc)
            return rc;
        if (b->len == at)
            continue;
        if (tt_buf_putc(b, 0))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    tk->abbr_mf_ready[lang] = 1;
    return 0;
}

/* Is the match form of s[0..n) (the word before a full stop) that of an abbreviation? */
static int
abbr_by_form(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n)
{
    if (!tk->abbr_mf_ready[lang] || tk->abbr_mf[lang].len == 0 || n <= 0)
        return 0;
    tt_error e = {0};
    tt_buf_reset(&tk->word_mf);
    if (tt_norm_word16(nz, lang, script, s, n, &tk->word_mf, NULL, &e) || tk->word_mf.len == 0)
        return 0;
    const char *p = tk->abbr_mf[lang].data, *end = p + tk->abbr_mf[lang].len;
    while (p < end) {
        size_t l = strlen(p);
        if (l == tk->word_mf.len && memcmp(p, tk->word_mf.data, l) == 0)
            return 1;
        p += l + 1;
    }
    return 0;
}

/* Does the text before position p (a sentence break) end with an abbreviation, a number or an article
 * number followed by a full stop? */
static int
no_end_after(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, int32_t start, int32_t p)
{
    const UChar *u = tk->u;
    while (p > start && (is_hspace(u[p - 1]) || u[p - 1] == 0xFEFF))
        p--;
    if (p <= start || u[p - 1] != '.')
        return 0;
    /* the word before the full stop */
    int32_t w = p - 1;
    while (w > start && !is_hspace(u[w - 1]) && !is_nl(u[w - 1]) && u[w - 1] != '(' && u[w - 1] != 0xAB)
        w--;
    for (int32_t i = w; i < p - 1; i++)
        if (u[i] >= '0' && u[i] <= '9')
            return 1; /* 6. / 6-бап. / 12.05.2020. / п.6. */
    if (p - 1 - w == 1 && u_isalpha(u[w]))
        return 1; /* an initial: И. И. Иванов, A. Smith */
    if (p - 1 - w == 2 && u_isalpha(u[w]) && !tt_norm_is_apostrophe(u[w]) && tt_norm_is_apostrophe(u[w + 1]))
        return 1; /* an initial of one letter written with an apostrophe: Kazakh 2017 I'. (И.), Uzbek Oʻ. */
    int32_t max = tk->abbr_max[lang];
    if (max <= 0)
        return 0;
    int32_t from = p - max - 1 < start ? start : p - max - 1;
    UChar folded[128];
    UErrorCode st = U_ZERO_ERROR;
    if (p - from > 40)
        from = p - 40;
    int32_t fn = u_strFoldCase(folded, 128, u + from, p - from, U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st) || fn > 128)
        return 0;
    for (size_t i = 0; i < tk->nabbrs[lang]; i++) {
        const abbr *a = &tk->abbrs[lang][i];
        if (a->n > fn || memcmp(folded + fn - a->n, a->s, sizeof(UChar) * (size_t)a->n) != 0)
            continue;
        /* must start a word: what precedes is not a letter */
        if (fn - a->n == 0 ? from == start || !u_isalpha(u[from - 1]) : !u_isalpha(folded[fn - a->n - 1]))
            return 1;
    }
    return abbr_by_form(tk, nz, lang, script, u + w, p - 1 - w);
}

/* A break after one line break inside a hard-wrapped sentence (PDF text): the line does not end in sentence
 * punctuation, and the next one goes on in lowercase. */
static int
wrapped_line(const UChar *u, int32_t start, int32_t b, int32_t len)
{
    int32_t p = b, nls = 0;
    while (p > start && (is_hspace(u[p - 1]) || is_nl(u[p - 1]))) {
        if (u[p - 1] == '\n' || (u[p - 1] != '\r' && is_nl(u[p - 1])) || (u[p - 1] == '\r' && u[p] != '\n'))
            nls++;
        p--;
    }
    if (nls != 1 || p <= start)
        return 0;
    UChar c = u[p - 1];
    if (u_hasBinaryProperty(c, UCHAR_S_TERM) || c == ':' || c == ';')
        return 0;
    int32_t q = b;
    while (q < len && is_hspace(u[q]))
        q++;
    return q < len && u_islower(u[q]);
}

static int
pos_push(poslist *l, int32_t p)
{
    if (grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return TT_ENOMEM;
    l->v[l->n++] = p;
    return 0;
}

/* Word and sentence break classes of every unit of tk->u[0..len) -> tk->wcl, tk->scl (one table lookup each),
 * and the position lists of tk (nls, seps, terms, wuns, suns). */
static int
classify(tt_tokenizer *tk, int32_t len, tt_error *err)
{
    if (grow((void **)&tk->wcl, &tk->capwcl, (size_t)len + 1, 1) ||
        grow((void **)&tk->scl, &tk->capscl, (size_t)len + 1, 1))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    const UChar *u = tk->u;
    tk->nls.n = tk->seps.n = tk->terms.n = tk->wuns.n = tk->suns.n = 0;
    tk->odd_nl = 0;
    int rc = 0;
    for (int32_t i = 0; i < len; i++) {
        UChar c = u[i];
        unsigned pg = c >> 8;
        if (!tk->bkt.ready[pg])
            bk_fill(&tk->bkt, pg);
        uint8_t x = tk->bkt.cls[pg][c & 255], w = x & 15, sc = x >> 4;
        tk->wcl[i] = w;
        tk->scl[i] = sc;
        if (w >= W_NL) {
            if (w == W_UNSUP)
                rc |= pos_push(&tk->wuns, i);
            if (w == W_NL || is_nl(c))
                rc |= pos_push(&tk->nls, i);
            if (w == W_UNSUP && is_nl(c))
                tk->odd_nl = 1;
        }
        if (sc == S_ATERM || sc == S_STERM)
            rc |= pos_push(&tk->terms, i);
        else if (sc >= S_CR)
            rc |= pos_push(sc == S_UNSUP ? &tk->suns : &tk->seps, i);
    }
    return rc ? tt_error_set(err, TT_ENOMEM, "out of memory") : 0;
}

typedef struct sentctx {
    tt_tokenizer *tk;
    tt_normalizer *nz;
    tt_lang lang;
    tt_script script;
    int32_t len, last;
} sentctx;

/* One break of the sentence break iterator at b with rule status `status`: kept unless it follows an
 * abbreviation or a number (no_end_after) or a hard-wrapped line (wrapped_line). 0 or TT_ENOMEM. */
static int
sent_brk(void *vctx, int32_t b, int32_t status)
{
    sentctx *c = vctx;
    tt_tokenizer *tk = c->tk;
    if (b < c->len && status < UBRK_SENTENCE_SEP && no_end_after(tk, c->nz, c->lang, c->script, c->last, b))
        return 0;
    if (b < c->len && status >= UBRK_SENTENCE_SEP && wrapped_line(tk->u, c->last, b, c->len))
        return 0;
    if (grow((void **)&tk->sbreaks, &tk->capsb, tk->nsb + 1, sizeof(int32_t)))
        return TT_ENOMEM;
    tk->sbreaks[tk->nsb++] = b;
    c->last = b;
    return 0;
}

static int
sentences(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, int32_t len, tt_error *err)
{
    int rc = abbr_forms(tk, nz, lang, err);
    if (rc)
        return rc;
    tk->nsb = 0;
    sentctx sc = {tk, nz, lang, script, len, 0};
    const UChar *u = tk->u;
    const uint8_t *cl = tk->scl; /* by classify() */
    /* paragraph by paragraph: [cs..ce), body [cs..be) before its separator */
    size_t sp = 0, up = 0, tp = 0;
    for (int32_t cs = 0; cs < len;) {
        while (sp < tk->seps.n && tk->seps.v[sp] < cs)
            sp++;
        while (up < tk->suns.n && tk->suns.v[up] < cs)
            up++;
        int32_t be = sp < tk->seps.n ? tk->seps.v[sp] : len;
        int unsup = up < tk->suns.n && tk->suns.v[up] < be;
        uint8_t c = be < len ? cl[be] : 0;
        int32_t ce = be >= len ? len : (c == S_CR && be + 1 < len && u[be + 1] == '\n') ? be + 2 : be + 1;
        if (!unsup) {
            if (sb_chunk(cl, cs, be, ce, tk->terms.v, tk->terms.n, &tp, sent_brk, &sc))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        } else {
            UErrorCode st = U_ZERO_ERROR;
            ubrk_setText(tk->sb, u + cs, ce - cs, &st);
            if (U_FAILURE(st))
                return tt_error_set(err, TT_EICU, "sentence break: %s", u_errorName(st));
            for (int32_t b = ubrk_next(tk->sb); b != UBRK_DONE; b = ubrk_next(tk->sb))
                if (sent_brk(&sc, cs + b, ubrk_getRuleStatus(tk->sb)))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        cs = ce;
    }
    return 0;
}

static int
push_raw(tt_tokenizer *tk, int32_t s, int32_t e, uint32_t flags)
{
    if (grow((void **)&tk->rt, &tk->caprt, tk->nrt + 1, sizeof(rawtok)))
        return TT_ENOMEM;
    rawtok *r = &tk->rt[tk->nrt++];
    r->s = s;
    r->e = e;
    r->js = r->je = -1;
    r->flags = flags;
    r->soft = 0;
    return 0;
}

typedef struct wordctx {
    tt_tokenizer *tk;
    tt_tokseq *ts;
} wordctx;

/* One word or number segment u[prev..b) with ICU rule status `status`: hyphen re-join, line-end hyphenation
 * candidates, else a new raw token. 0 or TT_ENOMEM. */
static int
word_seg(void *vctx, int32_t prev, int32_t b, int32_t status)
{
    tt_tokenizer *tk = ((wordctx *)vctx)->tk;
    tt_tokseq *ts = ((wordctx *)vctx)->ts;
    const UChar *u = tk->u;
    uint32_t fl = status < UBRK_WORD_NUMBER_LIMIT ? TT_TOK_NUMBER : 0;
    rawtok *last = tk->nrt ? &tk->rt[tk->nrt - 1] : NULL;
    if (last && last->js < 0) {
        int32_t gap = prev - last->e;
        /* word-hyphen-word with nothing between but default-ignorable characters (қадір-<U+2060>қасиеті) */
        int32_t h = last->e;
        while (gap > 1 && gap <= 8 && h < prev && u_hasBinaryProperty(u[h], UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            h++;
        int32_t r = h < prev && is_hyphen(u[h]) ? h + 1 : -1;
        while (r >= 0 && r < prev && u_hasBinaryProperty(u[r], UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            r++;
        if (r == prev) {
            last->e = b;
            last->flags = (last->flags | TT_TOK_HYPHEN) & ~(uint32_t)TT_TOK_NUMBER;
            ts->hyphen_joins++;
            return 0;
        }
        /* line-end hyphenation: X-[spaces]\n[spaces]Y or X<SHY>\n Y */
        int32_t q = last->e;
        int soft = q > last->s && u[q - 1] == 0xAD;
        int hard = !soft && q < prev && is_hyphen(u[q]);
        if (soft || hard) {
            if (hard)
                q++;
            while (q < prev && is_hspace(u[q]))
                q++;
            int nl = 0;
            if (q < prev && u[q] == '\r')
                q++, nl = 1;
            if (q < prev && u[q] == '\n')
                q++, nl = 1;
            while (q < prev && is_hspace(u[q]))
                q++;
            if (nl && q == prev && u_isalpha(u[last->e - 1 - soft]) && u_isalpha(u[prev])) {
                last->js = prev;
                last->je = b;
                last->soft = soft;
                last->flags &= ~(uint32_t)TT_TOK_NUMBER;
                return 0;
            }
        }
    }
    return push_raw(tk, prev, b, fl);
}

/* Word break + hyphen re-join + line-end hyphenation candidates -> tk->rt. Line by line: wb_line() where it
 * applies, else ICU's word break iterator on the line. */
static int
words(tt_tokenizer *tk, int32_t len, tt_tokseq *ts, tt_error *err)
{
    const UChar *u = tk->u;
    wordctx wc = {tk, ts};
    tk->nrt = 0;
    const uint8_t *cl = tk->wcl; /* by classify() */
    /* wb_line from `from` up to the next line holding a W_UNSUP unit, ICU on that line [ls..le), and so on */
    int32_t from = 0;
    size_t np = 0;
    size_t nuns = tk->odd_nl ? 1 : tk->wuns.n;
    for (size_t k = 0; k <= nuns; k++) {
        if (k < nuns && tk->wuns.v[k] < from)
            continue; /* on a line already given to ICU */
        int32_t p = k < nuns ? tk->wuns.v[k] : len;
        while (np < tk->nls.n && tk->nls.v[np] < p)
            np++;
        int32_t ls = k == nuns ? len : np > 0 ? tk->nls.v[np - 1] + 1 : 0;
        int32_t le = np < tk->nls.n ? tk->nls.v[np] : len;
        if (tk->odd_nl)
            ls = 0, le = len;
        if (ls > from && wb_line(cl, from, ls, word_seg, &wc))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        if (k == nuns)
            break;
        {
            UErrorCode st = U_ZERO_ERROR;
            ubrk_setText(tk->wb, u + ls, le - ls, &st);
            if (U_FAILURE(st))
                return tt_error_set(err, TT_EICU, "word break: %s", u_errorName(st));
            int32_t prev = 0;
            for (int32_t b = ubrk_next(tk->wb); b != UBRK_DONE; prev = b, b = ubrk_next(tk->wb)) {
                int32_t status = ubrk_getRuleStatus(tk->wb);
                if (status >= UBRK_WORD_NONE_LIMIT && word_seg(&wc, ls + prev, ls + b, status))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
            }
        }
        from = le;
    }
    return 0;
}

/* Match form of a raw token into ts->forms; returns 0 or TT_E*. For a line-join candidate, parts: s..hyphen
 * end (without the hyphen when `joined`), then js..je. */
static int
form_of(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const rawtok *r, int joined,
        tt_buf *out, unsigned *nfl, tt_error *err)
{
    if (r->js < 0)
        return tt_norm_word16(nz, lang, script, tk->u + r->s, r->e - r->s, out, nfl, err);
    int32_t a = r->e - r->s, bn = r->je - r->js;
    if (grow16(&tk->tmp, &tk->tmpcap, a + bn + 2))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    memcpy(tk->tmp, tk->u + r->s, sizeof(UChar) * (size_t)a);
    int32_t k = a;
    if (!joined)
        tk->tmp[k++] = '-';
    memcpy(tk->tmp + k, tk->u + r->js, sizeof(UChar) * (size_t)bn);
    return tt_norm_word16(nz, lang, script, tk->tmp, k + bn, out, nfl, err);
}

static int
forms_has(const tt_tokseq *ts, size_t from, const char *s, size_t n)
{
    for (size_t i = from; i < ts->ntok; i++)
        if (ts->tok[i].match_len == n && memcmp(ts->forms.data + ts->tok[i].match_off, s, n) == 0 &&
            !(ts->tok[i].flags & (TT_TOK_LINEJOIN | TOK_PENDING)))
            return 1;
    return 0;
}

/* Case of the token u[s..e) as written: TT_TOK_CAPITAL when its first letter is upper or title case and a
 * lowercase letter follows (Азамат, McDonald, Oʻzbekiston; not АЗАМАТ, азамат, iPhone). Also, in *lead, 1 when
 * the token begins with a digit (6, 6-бап, 12.05.2020): such tokens do not take a sentence's first place. */
static uint32_t
case_of(const UChar *u, int32_t s, int32_t e, int *lead)
{
    int32_t i = s;
    UChar32 c;
    *lead = s < e && u[s] >= '0' && u[s] <= '9';
    for (;;) {
        if (i >= e)
            return 0;
        U16_NEXT(u, i, e, c);
        if (c < 0x80) {
            if ((unsigned)c - 'A' < 26u)
                break;
            if ((unsigned)c - 'a' < 26u)
                return 0;
            continue;
        }
        if (u_isupper(c) || u_istitle(c))
            break;
        if (u_isalpha(c))
            return 0;
    }
    while (i < e) {
        U16_NEXT(u, i, e, c);
        if (c < 0x80 ? (unsigned)c - 'a' < 26u : u_islower(c))
            return TT_TOK_CAPITAL;
    }
    return 0;
}

/* A list or section label that does not take a sentence's first place: one letter or a Roman numeral
 * (I V X L C D M) right before ')' or '.' ("а) Азаматтар", "II. Азаматтық"). */
static int
is_label(const UChar *u, int32_t s, int32_t e, int32_t len)
{
    if (e >= len || (u[e] != ')' && u[e] != '.'))
        return 0;
    if (e - s == 1 || (e - s == 2 && U16_IS_LEAD(u[s])))
        return 1;
    for (int32_t i = s; i < e; i++)
        if (!memchr("IVXLCDM", u[i] < 0x80 ? (int)u[i] : '?', 7))
            return 0;
    return 1;
}

int
tt_tokenize(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script script, const char *text, size_t n,
            uint64_t base_offset, tt_known_fn known, void *known_ctx, tt_tokseq *ts, tt_error *err)
{
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_OTHER;
    if (lang == TT_LANG_KK && script != TT_SCRIPT_CYRL && script != TT_SCRIPT_LATN_2017 &&
        script != TT_SCRIPT_LATN_2018 && script != TT_SCRIPT_LATN_2021)
        script = tt_norm_detect_script(nz, lang, text, n, NULL);
    int32_t len = to16(tk, text, n, err);
    if (len < 0)
        return len;
    if (tt_norm_prebreak_apos(lang, script))
        tt_norm_prebreak16(lang, script, tk->u, len); /* to16 did U+200B */
    int rc = classify(tk, len, err);
    if (rc == 0)
        rc = scan_lines(tk, lang, len, err);
    if (rc == 0)
        rc = sentences(tk, nz, lang, script, len, err);
    if (rc == 0)
        rc = words(tk, len, ts, err);
    if (rc)
        return rc;

    size_t first = ts->ntok, nsb = 0, nev = 0;
    int new_para = ts->paragraphs == 0 || ts->pending_para, new_sent = !ts->mid_sentence;
    int32_t heading_end = -1;
    int want_start = 0; /* no token of the current sentence has taken its first place yet */
    size_t pending_lines = 0; /* line-join candidates to resolve after the pass */
    uint64_t nkey[32];        /* tt_norm_key16 of tokens i .. i+16 (ring) */
    for (size_t i = 0; i < tk->nrt; i++) {
        const rawtok *r = &tk->rt[i];
        /* the match-form cache lookups of the tokens ahead: key and slot 16 tokens ahead, entry 8 ahead */
        for (size_t a = i ? i + 16 : 0; a <= i + 16 && a < tk->nrt; a++)
            nkey[a & 31] = tk->rt[a].js < 0 ? tt_norm_key16(nz, lang, script, tk->u + tk->rt[a].s,
                                                            tk->rt[a].e - tk->rt[a].s)
                                            : 0;
        if (i + 8 < tk->nrt)
            tt_norm_prefetch_key(nz, nkey[(i + 8) & 31]);
        /* events (paragraph breaks, headings) at or before this token */
        while (nev < tk->nev && tk->ev[nev].pos <= r->s) {
            const event *e = &tk->ev[nev++];
            new_para = 1;
            new_sent = 1;
            if (e->kind == H_ARTICLE) {
                if (grow((void **)&ts->label_off, &ts->caparticles, ts->narticles + 1, sizeof(uint32_t)))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                if (ts->labels.len > UINT32_MAX - 4096)
                    return tt_error_set(err, TT_ELIMIT, "too many article labels");
                ts->label_off[ts->narticles++] = (uint32_t)ts->labels.len;
                UErrorCode st = U_ZERO_ERROR;
                int32_t bl = 0;
                if (tt_buf_reserve(&ts->labels, (size_t)(e->le - e->ls) * 3 + 1))
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                u_strToUTF8WithSub(ts->labels.data + ts->labels.len, (int32_t)(ts->labels.cap - ts->labels.len),
                                   &bl, tk->u + e->ls, e->le - e->ls, 0xFFFD, NULL, &st);
                if (U_FAILURE(st))
                    return tt_error_set(err, TT_EICU, "label: %s", u_errorName(st));
                ts->labels.len += (size_t)bl;
                tt_buf_putc(&ts->labels, 0);
                ts->cur_article = (uint32_t)ts->narticles;
                heading_end = e->hend;
            } else if (e->kind == H_CHAPTER) {
                ts->cur_article = 0;
                heading_end = e->hend;
            }
        }
        /* sentence of this token */
        while (nsb < tk->nsb && tk->sbreaks[nsb] <= r->s) {
            nsb++;
            new_sent = 1;
        }
        if (grow((void **)&ts->tok, &ts->captok, ts->ntok + 1, sizeof(tt_token)))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tt_token *t = &ts->tok[ts->ntok];
        size_t off = ts->forms.len;
        if (off > UINT32_MAX - 65536)
            return tt_error_set(err, TT_ELIMIT, "match forms of one piece exceed 4 GB: feed smaller pieces");
        unsigned nfl = 0;
        uint32_t fl = r->flags;
        int32_t e16 = r->e;
        if (r->js >= 0) {
            /* candidate: joined form first, hyphenated form after it; resolved below */
            rc = form_of(tk, nz, lang, script, r, 1, &ts->forms, &nfl, err);
            e16 = r->je;
            if (rc == 0 && !r->soft) {
                size_t mid = ts->forms.len;
                unsigned nfl2 = 0;
                rc = form_of(tk, nz, lang, script, r, 0, &ts->forms, &nfl2, err);
                nfl |= nfl2;
                /* the hyphenated form follows the joined one up to the next token's form */
                t->match_len = (uint32_t)(mid - off);
                pending_lines++;
                fl |= TOK_PENDING;
            } else {
                fl |= TT_TOK_LINEJOIN;
                t->match_len = (uint32_t)(ts->forms.len - off);
            }
        } else {
            rc = tt_norm_word16k(nz, lang, script, tk->u + r->s, r->e - r->s, nkey[i & 31], &ts->forms, &nfl, err);
            t->match_len = (uint32_t)(ts->forms.len - off);
        }
        if (rc)
            return rc;
        if (ts->forms.len == off)
            continue; /* only ignorable characters */
        if (nfl & TT_NORM_HOMOGLYPH) {
            fl |= TT_TOK_HOMOGLYPH;
            ts->homoglyph_repairs++;
        }
        if (nfl & TT_NORM_MIXED_UNREPAIRED)
            ts->mixed_unrepaired++;
        if (r->s < heading_end)
            fl |= TT_TOK_HEADING;
        if (new_para) {
            ts->paragraphs++;
            new_para = 0;
            new_sent = 1;
        }
        if (new_sent) {
            ts->sentences++;
            new_sent = 0;
            want_start = 1;
        }
        /* case as written; the sentence's first token that is not a number, a label or a heading word */
        int lead;
        fl |= case_of(tk->u, r->s, e16, &lead);
        if (want_start && !lead && !(fl & TT_TOK_HEADING) && !is_label(tk->u, r->s, r->e, len)) {
            fl |= TT_TOK_SENT_START;
            want_start = 0;
        }
        t->start = base_offset + (uint64_t)tk->b8[r->s];
        t->end = base_offset + (uint64_t)tk->b8[e16];
        t->sent = ts->sentences - 1;
        t->para = ts->paragraphs - 1;
        t->article = ts->cur_article;
        t->flags = fl;
        t->match_off = (uint32_t)off;
        ts->ntok++;
    }
    /* resolve hard line-end hyphens: join when the joined form is known or occurs unhyphenated here */
    for (size_t i = first; pending_lines && i < ts->ntok; i++) {
        tt_token *t = &ts->tok[i];
        if (!(t->flags & TOK_PENDING))
            continue;
        size_t next_off = i + 1 < ts->ntok ? ts->tok[i + 1].match_off : ts->forms.len;
        pending_lines--;
        const char *jf = ts->forms.data + t->match_off;
        size_t jn = t->match_len;
        int join = (known && known(known_ctx, lang, jf, jn)) || forms_has(ts, first, jf, jn);
        t->flags &= ~(uint32_t)TOK_PENDING;
        if (join) {
            t->flags |= TT_TOK_LINEJOIN;
            ts->line_joins++;
        } else {
            t->match_off += (uint32_t)jn;
            t->match_len = (uint32_t)(next_off - t->match_off);
            t->flags |= TT_TOK_HYPHEN;
            ts->hyphen_joins++;
        }
    }
    /* does the piece end inside a sentence? */
    int32_t p = len;
    while (p > 0 && (is_hspace(tk->u[p - 1])))
        p--;
    ts->pending_para = tk->end_blank;
    ts->mid_sentence = p > 0 && !is_nl(tk->u[p - 1]) && !u_hasBinaryProperty(tk->u[p - 1], UCHAR_S_TERM);
    return 0;
}

size_t
tt_tokenize_cut(const char *text, size_t n)
{
    size_t line = 0, space = 0;
    for (size_t i = n; i > 0; i--) {
        char c = text[i - 1];
        if (c == '\n') {
            /* blank line: \n [spaces] \n */
            size_t j = i - 1;
            while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '\t' || text[j - 1] == '\r'))
                j--;
            if (j > 0 && text[j - 1] == '\n')
                return i;
            /* a line ending in a hyphen may be joined with the next: do not cut there */
            int hy = (j > 0 && text[j - 1] == '-') || (j > 1 && (unsigned char)text[j - 2] == 0xC2 &&
                                                          (unsigned char)text[j - 1] == 0xAD);
            if (!line && !hy)
                line = i;
        } else if ((c == ' ' || c == '\t') && !space) {
            space = i;
        }
        if (line && n - i > (1u << 16))
            break; /* a blank line far back is not worth a scan of the whole text */
    }
    return line ? line : space;
}
