/* segment.c - word and sentence segmentation: the fast UAX #29 paths and the ICU fallback (see tt/segment.h).
 */
#include "tt/segment.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#if !defined(TT_SEGMENT_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Positions in the text (UTF-16 indexes), in increasing order. */
typedef struct poslist {
    int32_t *v;
    size_t n, cap;
} poslist;

/* ---- word break without ICU where ICU's rules are simple ----------------------------------------------------
 * ICU's word break iterator (UAX #29 as ICU 72 tailors it) costs most of the tokenizer. For the characters of
 * the texts this pipeline reads - letters (ALetter), digits, the mid-word and mid-number punctuation, spaces,
 * Extend/Format, other punctuation and symbols below U+2E80 - its rules reduce to: letters and digits join
 * (WB5, WB8-WB10), a MidLetter/MidNumLet/quote between two letters and a MidNum/MidNumLet/quote between two
 * digits join (WB6/7, WB11/12), Extend and Format attach to what precedes (WB4), line breaks split (WB3a/b),
 * and the rule status of a word is that of its last letter or digit (200 letter, 100 number). A line holding
 * any other character (CJK, Hebrew, Katakana, emoji, ZWJ, '_' and the other ExtendNumLet, '@', Regional
 * Indicators, surrogates) goes to ICU itself; line breaks are hard boundaries (WB3a/b), so per line and whole
 * text give the same words. Checked against ICU by tests/unit/test_segment.c and tests/fuzz/fuzz_segment.c. */
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
#define CL(x) (wcl[x]) /* the word break class of unit x */

/* Which units are letters or digits (W_AL, W_NU), 64 at a time: bit k of an is set when unit base + k is one.
 * With SSE2 the window is read in four 16-class loads once, and each word's start and end are then found with a
 * shift and a count of trailing zeros: one scan per word would wait on its load, the scans one after another
 * (switch: -DTT_SEGMENT_PLAIN, one class at a time; tests/unit/test_segment.c and fuzz_segment compare the words
 * with ICU's). wcl is readable (and W_OTHER) 64 bytes past the text. */
typedef struct anwin {
    int32_t base;
    uint64_t an;
} anwin;

#if !defined(TT_SEGMENT_PLAIN) && defined(__SSE2__)
static inline void
an_fill(anwin *w, const uint8_t *wcl, int32_t j)
{
    const __m128i al = _mm_set1_epi8(W_AL), nu = _mm_set1_epi8(W_NU);
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(wcl + j + 16 * k));
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, al), _mm_cmpeq_epi8(v, nu)))
             << (16 * k);
    }
    w->base = j;
    w->an = m;
}
#endif

/* The first position from j (j < le) whose class is W_AL or W_NU (alnum = 1) / is not (alnum = 0), or le. */
static inline int32_t
scan_alnum(const uint8_t *wcl, anwin *w, int32_t j, int32_t le, int alnum)
{
#if !defined(TT_SEGMENT_PLAIN) && defined(__SSE2__)
    while (j < le) {
        uint32_t off = (uint32_t)(j - w->base);
        if (off >= 64) {
            an_fill(w, wcl, j);
            off = 0;
        }
        /* the bits shifted in: past the window's end, neither a stop nor a start */
        uint64_t m = (alnum ? w->an : ~w->an) >> off;
        if (m) {
            j += __builtin_ctzll(m);
            return j < le ? j : le;
        }
        j = w->base + 64;
    }
    return le;
#else
    (void)w;
    while (j < le && (CL(j) == W_AL || CL(j) == W_NU) != alnum)
        j++;
    return j;
#endif
}

static inline __attribute__((always_inline)) int
wb_line(const uint8_t *wcl, int32_t ls, int32_t le, int (*emit)(void *, int32_t, int32_t, int32_t), void *ctx)
{
    int32_t i = ls;
    anwin win = {ls - 64, 0}; /* empty: the first scan fills it */
    while (i < le) {
        uint8_t c = CL(i);
        int32_t j = i + 1;
        if (c != W_AL && c != W_NU) {
            /* no word starts before the next letter or digit (spaces, punctuation, and the Extend/Format that
               attach to them, are not words) */
            i = scan_alnum(wcl, &win, j, le, 1);
            continue;
        }
        /* a word: Extend/Format after its first unit are taken by the loop below */
        uint8_t last = c; /* the last letter or digit; Extend/Format inside the word change nothing */
        while (j < le) {
            int32_t r = scan_alnum(wcl, &win, j, le, 0);
            if (r > j) {
                last = CL(r - 1);
                j = r;
                if (j >= le)
                    break;
            }
            uint8_t y = CL(j);
            if (y == W_EXT) {
                j++;
                continue;
            }
            if (!(y == W_MNL || y == W_SQ || (y == W_ML && last == W_AL) || (y == W_MN && last == W_NU)))
                break;
            int32_t k = j + 1;
            while (k < le && CL(k) == W_EXT)
                k++;
            if (k >= le || CL(k) != last)
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
#undef CL

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

/* Both classes of the BMP: word | sentence << 4, filled by 256-character pages on first use; and spec: the word
 * class, with bit 0x80 set for a unit that tt_segment_prepare records in a position list (a line break, a word or
 * sentence unit only ICU segments, a sentence terminator or separator) and for every unit of a page not filled
 * yet, so that the common unit costs one load and one test. */
typedef struct bktab {
    uint8_t ready[256];
    uint8_t cls[65536];
    uint8_t spec[65536];
} bktab;

static void
bk_fill(bktab *t, unsigned pg)
{
    for (unsigned k = 0; k < 256; k++) {
        UChar32 c = (UChar32)(pg << 8 | k);
        uint8_t w = wb_class_of(c);
        if ((w == W_NL) != tt_seg_is_nl((UChar)c))
            w = W_UNSUP; /* W_NL marks exactly the line breaks of tt_segment_lines (and ICU takes any other case) */
        uint8_t sc = sb_class_of(c);
        t->cls[c] = (uint8_t)(w | sc << 4);
        int special = w >= W_NL || tt_seg_is_nl((UChar)c) || sc == S_ATERM || sc == S_STERM || sc >= S_CR;
        t->spec[c] = (uint8_t)(w | (special ? 0x80 : 0));
    }
    t->ready[pg] = 1;
}

#define CL(x) (cls[u[x]] >> 4) /* the sentence break class of unit x */
/* next effective position after i (Extend/Format attach to what precedes, SB5) */
static inline int32_t
sb_next(const UChar *u, const uint8_t *cls, int32_t i, int32_t be)
{
    i++;
    while (i < be && CL(i) == S_EXT)
        i++;
    return i;
}

/* Sentence breaks of the chunk [cs..ce) - a paragraph ending after its separator (CR LF, LF, CR, NEL, LS, PS)
 * or at the end of the text - whose body [cs..be) has sentence break classes CL(cs..be) - the table cls at u[cs..be) - (no S_UNSUP, no
 * separator), as ICU's sentence break iterator finds them: emit(ctx, position, status) with status
 * UBRK_SENTENCE_TERM (0) after a terminator, UBRK_SENTENCE_SEP (100) at the end of a chunk without one.
 * terms[0..nterms) are the positions of the text's terminators (SATerm), *tp the first one not yet passed. */
static inline int
sb_chunk(const UChar *u, const uint8_t *cls, int32_t cs, int32_t be, int32_t ce, const int32_t *terms,
         size_t nterms, size_t *tp, int (*emit)(void *, int32_t, int32_t), void *ctx)
{
    int32_t i = cs;
    for (;;) {
        while (*tp < nterms && terms[*tp] < i)
            (*tp)++;
        if (*tp >= nterms || terms[*tp] >= be)
            break;
        i = terms[*tp];
        uint8_t c = CL(i);
        int32_t j = sb_next(u, cls, i, be);
        if (c == S_ATERM && j < be) {
            if (CL(j) == S_NUMERIC) { /* SB6 */
                i = j;
                continue;
            }
            if (CL(j) == S_UPPER) { /* SB7: (Upper | Lower) ATerm x Upper */
                int32_t p = i - 1;
                while (p > cs && CL(p) == S_EXT)
                    p--;
                if (p >= cs && CL(p) != S_EXT && (CL(p) == S_UPPER || CL(p) == S_LOWER)) {
                    i = j;
                    continue;
                }
            }
        }
        while (j < be && CL(j) == S_CLOSE)
            j = sb_next(u, cls, j, be);
        while (j < be && CL(j) == S_SP)
            j = sb_next(u, cls, j, be);
        if (j >= be) {
            int rc = emit(ctx, ce, 0);
            return rc;
        }
        if (c == S_ATERM) { /* SB8 */
            int32_t k = j;
            while (k < be && CL(k) != S_OLETTER && CL(k) != S_UPPER && CL(k) != S_LOWER && CL(k) != S_ATERM &&
                   CL(k) != S_STERM)
                k++;
            if (k < be && CL(k) == S_LOWER) {
                i = j;
                continue;
            }
        }
        if (CL(j) == S_SCONT || CL(j) == S_ATERM || CL(j) == S_STERM) { /* SB8a */
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
#undef CL

struct tt_segmenter {
    UBreakIterator *wb, *sb;
    int fast;
    const UChar *u;
    int32_t len;
    /* from prepare: line breaks (tt_seg_is_nl), sentence separators (S_CR, S_SEP) and terminators (S_ATERM,
       S_STERM), units that only ICU segments (W_UNSUP, S_UNSUP) */
    poslist nls, seps, terms, wuns, suns;
    int odd_nl; /* a line break that ICU's word break may not take as one: ICU on the whole text */
    uint8_t *wcl; /* the word break class of each unit of the text (wb_line reads every unit; the sentence
                     rules read few, and look theirs up in bkt) */
    size_t capwcl;
    int simd_classes; /* the table gives W_AL to A-Z a-z U+0400..U+0481 U+048A..U+052F, W_NU to 0-9, W_WS to ' ',
                         none of them special */
    tt_seg_word *sw; /* tt_segment_word_list's array */
    size_t nsw, capsw;
    bktab bkt;  /* word | sentence << 4 break classes of the BMP, filled by 256-character pages on first use */
};

static int
pos_push(poslist *l, int32_t p)
{
    if (tt_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return TT_ENOMEM;
    l->v[l->n++] = p;
    return 0;
}

int
tt_segmenter_fast_supported(void)
{
#if U_ICU_VERSION_MAJOR_NUM == 72
    UVersionInfo v;
    u_getVersion(v);
    return v[0] == 72;
#else
    return 0;
#endif
}

const char *
tt_segmenter_choice(void)
{
    const char *e = getenv("TT_SEGMENTER");
    if (e && !strcmp(e, "icu"))
        return "icu";
    if (e && *e && strcmp(e, "auto") != 0)
        return NULL;
    return tt_segmenter_fast_supported() ? "uax29-fast" : "icu";
}

int
tt_segmenter_new(tt_segmenter **out, tt_seg_mode mode, tt_error *err)
{
    *out = NULL;
    int fast = mode == TT_SEG_FAST;
    if (mode == TT_SEG_AUTO) {
        const char *c = tt_segmenter_choice();
        if (!c)
            return tt_error_set(err, TT_EUSAGE, "TT_SEGMENTER is '%s': set it to icu or auto, or unset it",
                                getenv("TT_SEGMENTER"));
        fast = c[0] == 'u';
    }
    tt_segmenter *sg = calloc(1, sizeof *sg);
    if (!sg)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    memset(sg->bkt.spec, 0x80, sizeof sg->bkt.spec); /* no page filled yet */
    sg->fast = fast;
    /* the pages tt_segment_prepare computes classes of (ASCII, Cyrillic): filled now, and checked */
    bk_fill(&sg->bkt, 0x00);
    bk_fill(&sg->bkt, 0x04);
    bk_fill(&sg->bkt, 0x05);
    sg->simd_classes = 1;
    for (UChar32 c = 0; c < 0x530; c++) {
        int want = -1;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x400 && c <= 0x481) ||
            (c >= 0x48A && c <= 0x52F))
            want = W_AL;
        else if (c >= '0' && c <= '9')
            want = W_NU;
        else if (c == ' ')
            want = W_WS;
        if (want >= 0 && sg->bkt.spec[c] != want)
            sg->simd_classes = 0; /* another ICU's classes: the table alone */
    }
    UErrorCode st = U_ZERO_ERROR;
    sg->wb = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    sg->sb = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &st);
    if (U_FAILURE(st)) {
        tt_segmenter_free(sg);
        return tt_error_set(err, TT_EICU, "cannot open break iterators: %s", u_errorName(st));
    }
    *out = sg;
    return 0;
}

void
tt_segmenter_free(tt_segmenter *sg)
{
    if (!sg)
        return;
    if (sg->wb)
        ubrk_close(sg->wb);
    if (sg->sb)
        ubrk_close(sg->sb);
    free(sg->nls.v);
    free(sg->seps.v);
    free(sg->terms.v);
    free(sg->wuns.v);
    free(sg->suns.v);
    free(sg->wcl);
    free(sg->sw);
    free(sg);
}

int
tt_segmenter_is_fast(const tt_segmenter *sg)
{
    return sg->fast;
}

const int32_t *
tt_segment_lines(const tt_segmenter *sg, size_t *n)
{
    *n = sg->nls.n;
    return sg->nls.v;
}

#if !defined(TT_SEGMENT_PLAIN) && defined(__SSE2__)
/* all-ones in each 16-bit lane of v that lies in [a, b] (unsigned) */
static inline __m128i
in_range16(__m128i v, int a, int b)
{
    __m128i d = _mm_sub_epi16(v, _mm_set1_epi16((short)a));
    return _mm_cmpeq_epi16(_mm_subs_epu16(d, _mm_set1_epi16((short)(b - a))), _mm_setzero_si128());
}
#endif

/* Unit i, whose table entry has the special bit: its page filled if it was not, its word class in wcl, and its
 * place in the position lists. 0 or TT_ENOMEM. (table_unit: the common case first.) */
static int
prepare_special(tt_segmenter *sg, int32_t i)
{
    bktab *t = &sg->bkt;
    UChar c = sg->u[i];
    if (!t->ready[c >> 8])
        bk_fill(t, c >> 8);
    sg->wcl[i] = t->cls[c] & 15;
    if (!(t->spec[c] & 0x80))
        return 0;
    int rc = 0;
    uint8_t x = t->cls[c], w = x & 15, sc = x >> 4;
    if (w >= W_NL) {
        if (w == W_UNSUP)
            rc |= pos_push(&sg->wuns, i);
        if (w == W_NL || tt_seg_is_nl(c))
            rc |= pos_push(&sg->nls, i);
        if (w == W_UNSUP && tt_seg_is_nl(c))
            sg->odd_nl = 1;
    }
    if (sc == S_ATERM || sc == S_STERM)
        rc |= pos_push(&sg->terms, i);
    else if (sc >= S_CR)
        rc |= pos_push(sc == S_UNSUP ? &sg->suns : &sg->seps, i);
    return rc;
}

/* Unit i from the table: its word class in wcl, one load and one test unless it is special. 0 or TT_ENOMEM. */
static inline int
table_unit(tt_segmenter *sg, const uint8_t *spec, const UChar *u, uint8_t *wcl, int32_t i)
{
    uint8_t ws = spec[u[i]];
    wcl[i] = ws & 15;
    return ws & 0x80 ? prepare_special(sg, i) : 0;
}

/* The word class of each unit (wcl, read by the word rules) and the position lists of the text (the sentence
 * rules read few units, and look their classes up in the table). */
int
tt_segment_prepare(tt_segmenter *sg, const UChar *u, int32_t len, tt_error *err)
{
    sg->u = u;
    sg->len = len;
    if (tt_grow((void **)&sg->wcl, &sg->capwcl, (size_t)len + 64, 1))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    uint8_t *restrict wcl = sg->wcl;
    memset(wcl + len, W_OTHER, 64); /* scan_alnum reads up to 64 classes ahead */
    sg->nls.n = sg->seps.n = sg->terms.n = sg->wuns.n = sg->suns.n = 0;
    sg->odd_nl = 0;
    int rc = 0;
    bktab *t = &sg->bkt;
    const uint8_t *spec = t->spec;
    int32_t i = 0;
#if !defined(TT_SEGMENT_PLAIN) && defined(__SSE2__)
    /* eight units at a time: the classes of ASCII letters, digits and spaces and of the Cyrillic letters are
       computed, not looked up (sg->simd_classes: the table agreed when the segmenter was made); the other units
       of the eight from the table (switch: -DTT_SEGMENT_PLAIN; test_segment and fuzz_segment compare the words
       and sentences that follow with ICU's) */
    if (sg->simd_classes) {
        const __m128i a20 = _mm_set1_epi16(0x20), z = _mm_setzero_si128();
        for (; i + 8 <= len; i += 8) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i al = _mm_or_si128(in_range16(_mm_or_si128(v, a20), 'a', 'z'),
                                      _mm_or_si128(in_range16(v, 0x400, 0x481), in_range16(v, 0x48A, 0x52F)));
            __m128i digit = in_range16(v, '0', '9'), space = _mm_cmpeq_epi16(v, _mm_set1_epi16(' '));
            __m128i cl = _mm_or_si128(_mm_and_si128(al, _mm_set1_epi16(W_AL)),
                                      _mm_or_si128(_mm_and_si128(digit, _mm_set1_epi16(W_NU)),
                                                   _mm_and_si128(space, _mm_set1_epi16(W_WS))));
            _mm_storel_epi64((__m128i *)(void *)(wcl + i), _mm_packus_epi16(cl, z));
            unsigned other = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(al, digit), space)) & 0xFFFF;
            for (; other; other &= other - 1, other &= other - 1) /* two mask bits per unit */
                rc |= table_unit(sg, spec, u, wcl, i + (__builtin_ctz(other) >> 1));
        }
    }
#endif
    for (; i < len; i++)
        rc |= table_unit(sg, spec, u, wcl, i);
    return rc ? tt_error_set(err, TT_ENOMEM, "out of memory") : 0;
}

/* ICU's sentence break iterator on u[cs..ce). */
static int
icu_sentences(tt_segmenter *sg, int32_t cs, int32_t ce, tt_seg_sent_fn emit, void *ctx, tt_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(sg->sb, sg->u + cs, ce - cs, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "sentence break: %s", u_errorName(st));
    for (int32_t b = ubrk_next(sg->sb); b != UBRK_DONE; b = ubrk_next(sg->sb))
        if (emit(ctx, cs + b, ubrk_getRuleStatus(sg->sb)))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

int
tt_segment_sentences(tt_segmenter *sg, tt_seg_sent_fn emit, void *ctx, tt_error *err)
{
    const UChar *u = sg->u;
    int32_t len = sg->len;
    const uint8_t *cls = sg->bkt.cls;
    if (!sg->fast)
        return len ? icu_sentences(sg, 0, len, emit, ctx, err) : 0;
    /* paragraph by paragraph: [cs..ce), body [cs..be) before its separator */
    size_t sp = 0, up = 0, tp = 0;
    for (int32_t cs = 0; cs < len;) {
        while (sp < sg->seps.n && sg->seps.v[sp] < cs)
            sp++;
        while (up < sg->suns.n && sg->suns.v[up] < cs)
            up++;
        int32_t be = sp < sg->seps.n ? sg->seps.v[sp] : len;
        int unsup = up < sg->suns.n && sg->suns.v[up] < be;
        uint8_t c = be < len ? cls[u[be]] >> 4 : 0;
        int32_t ce = be >= len ? len : (c == S_CR && be + 1 < len && u[be + 1] == '\n') ? be + 2 : be + 1;
        int rc;
        if (!unsup) {
            if (sb_chunk(u, cls, cs, be, ce, sg->terms.v, sg->terms.n, &tp, emit, ctx))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        } else if ((rc = icu_sentences(sg, cs, ce, emit, ctx, err))) {
            return rc;
        }
        cs = ce;
    }
    return 0;
}

/* ICU's word break iterator on u[ls..le). */
static int
icu_words(tt_segmenter *sg, int32_t ls, int32_t le, tt_seg_word_fn emit, void *ctx, tt_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(sg->wb, sg->u + ls, le - ls, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "word break: %s", u_errorName(st));
    int32_t prev = 0;
    for (int32_t b = ubrk_next(sg->wb); b != UBRK_DONE; prev = b, b = ubrk_next(sg->wb)) {
        int32_t status = ubrk_getRuleStatus(sg->wb);
        if (status >= UBRK_WORD_NONE_LIMIT && emit(ctx, ls + prev, ls + b, status))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    return 0;
}

/* Line by line: wb_line() from `from` up to the next line holding a W_UNSUP unit, ICU on that line [ls..le),
 * and so on. Inlined into its two callers, so that a known emit is inlined into wb_line's loop. */
static inline __attribute__((always_inline)) int
words_impl(tt_segmenter *sg, tt_seg_word_fn emit, void *ctx, tt_error *err)
{
    int32_t len = sg->len;
    if (!sg->fast || sg->odd_nl)
        return len ? icu_words(sg, 0, len, emit, ctx, err) : 0;
    int32_t from = 0;
    size_t np = 0, nuns = sg->wuns.n;
    for (size_t k = 0; k <= nuns; k++) {
        if (k < nuns && sg->wuns.v[k] < from)
            continue; /* on a line already given to ICU */
        int32_t p = k < nuns ? sg->wuns.v[k] : len;
        while (np < sg->nls.n && sg->nls.v[np] < p)
            np++;
        int32_t ls = k == nuns ? len : np > 0 ? sg->nls.v[np - 1] + 1 : 0;
        int32_t le = np < sg->nls.n ? sg->nls.v[np] : len;
        if (ls > from && wb_line(sg->wcl, from, ls, emit, ctx))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        if (k == nuns)
            break;
        int rc = icu_words(sg, ls, le, emit, ctx, err);
        if (rc)
            return rc;
        from = le;
    }
    return 0;
}

int
tt_segment_words(tt_segmenter *sg, tt_seg_word_fn emit, void *ctx, tt_error *err)
{
    return words_impl(sg, emit, ctx, err);
}

/* tt_segment_word_list's emit: one more segment in sg->sw. */
static int
sw_append(void *ctx, int32_t start, int32_t end, int32_t status)
{
    tt_segmenter *sg = ctx;
    if (sg->nsw >= sg->capsw && tt_grow((void **)&sg->sw, &sg->capsw, sg->nsw + 1, sizeof *sg->sw))
        return TT_ENOMEM;
    sg->sw[sg->nsw++] = (tt_seg_word){start, end, status};
    return 0;
}

int
tt_segment_word_list(tt_segmenter *sg, const tt_seg_word **out, size_t *n, tt_error *err)
{
    sg->nsw = 0;
    int rc = words_impl(sg, sw_append, sg, err);
    *out = sg->sw;
    *n = rc ? 0 : sg->nsw;
    return rc;
}
