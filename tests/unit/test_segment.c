/* test_segment.c - the differential test of the segmenter (tt/segment.h): the fast UAX #29 paths against ICU's
 * break iterators alone, word segments (start, end, number or word) and sentence breaks (position, after a
 * terminator or not) compared one by one,
 *   - on every text file of ../shared/corpus (SKIP, counted, when the folder is absent), cut into pieces at
 *     line breaks as the pipeline feeds them;
 *   - on 300,000 generated strings of 1 to 24 characters drawn from the characters where the two could
 *     disagree (every word and sentence break class the fast paths handle, their neighbours that go to ICU,
 *     line and paragraph separators, surrogate pairs, unpaired surrogates), by a fixed xorshift generator so
 *     every run checks the same strings.
 * Both need the ICU the fast paths were written for (72); on another ICU the pipeline uses ICU alone and the
 * comparison is skipped with its reason. The modes themselves (auto, TT_SEGMENTER=icu) are checked too. */
#include "support.h"
#include "tt/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

typedef struct seglist {
    int32_t *v; /* triples: start, end, class (words) or pos, class, 0 (sentences) */
    size_t n, cap;
} seglist;

static void
push3(seglist *l, int32_t a, int32_t b, int32_t c)
{
    if (l->n + 3 > l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    l->v[l->n++] = a;
    l->v[l->n++] = b;
    l->v[l->n++] = c;
}

static int
word_cb(void *ctx, int32_t s, int32_t e, int32_t status)
{
    push3(ctx, s, e, status < 200); /* what the tokenizer reads of the status: a number or not */
    return 0;
}

static int
sent_cb(void *ctx, int32_t pos, int32_t status)
{
    push3(ctx, pos, status < 100, 0); /* after a terminator or not */
    return 0;
}

static tt_segmenter *fast_sg, *icu_sg;
static seglist lf, li;
static long compared, mismatches;

static void
segment(tt_segmenter *sg, const UChar *u, int32_t len, seglist *w)
{
    tt_error err;
    w->n = 0;
    CU_ASSERT_EQUAL_FATAL(tt_segment_prepare(sg, u, len, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_segment_words(sg, word_cb, w, &err), 0);
    /* the array the tokenizer reads holds the same segments */
    const tt_seg_word *sw;
    size_t nsw;
    CU_ASSERT_EQUAL_FATAL(tt_segment_word_list(sg, &sw, &nsw, &err), 0);
    int same = nsw * 3 == w->n;
    for (size_t i = 0; same && i < nsw; i++)
        same = sw[i].start == w->v[3 * i] && sw[i].end == w->v[3 * i + 1] && (sw[i].status < 200) == w->v[3 * i + 2];
    CU_ASSERT(same);
    push3(w, -1, -1, -1);
    CU_ASSERT_EQUAL_FATAL(tt_segment_sentences(sg, sent_cb, w, &err), 0);
}

static void
show(const UChar *u, int32_t len)
{
    fprintf(stderr, "  text (UTF-16):");
    for (int32_t i = 0; i < len && i < 64; i++)
        fprintf(stderr, " %04X", u[i]);
    fprintf(stderr, "\n");
}

/* Compares the two segmenters on u[0..len); prints the first few differences. */
static void
compare(const UChar *u, int32_t len)
{
    segment(fast_sg, u, len, &lf);
    segment(icu_sg, u, len, &li);
    compared++;
    if (lf.n == li.n && memcmp(lf.v, li.v, lf.n * sizeof *lf.v) == 0)
        return;
    if (mismatches++ < 5) {
        size_t i = 0;
        while (i < lf.n && i < li.n && lf.v[i] == li.v[i])
            i++;
        fprintf(stderr, "segment: fast paths and ICU differ at item %zu (fast %d, icu %d)\n", i / 3,
                i < lf.n ? lf.v[i] : -9, i < li.n ? li.v[i] : -9);
        show(u, len);
    }
}

static int
need_icu72(const char *what)
{
    if (tt_segmenter_fast_supported())
        return 1;
    tt_test_skip(TT_SKIP_OTHER, "%s: the fast paths are for ICU 72 and this build or run uses another ICU (the "
                 "pipeline then uses ICU alone)", what);
    return 0;
}

/* ---- the shared corpora --------------------------------------------------------------------------------- */

/* One file of ../shared/corpus (tt_test_each_file's callback), in the pieces the pipeline would feed. */
static void
compare_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    tt_test_utf16_pieces(text, n, compare);
}

static long files_read;

static void
test_corpora(void)
{
    if (!need_icu72("fast paths vs ICU on ../shared/corpus"))
        return;
    long before = compared;
    mismatches = 0;
    files_read = tt_test_corpus("fast paths vs ICU on ../shared/corpus", compare_text, NULL);
    if (files_read < 0)
        return;
    printf("segment: %ld files of ../shared/corpus, %ld pieces, %ld differ\n", files_read, compared - before, mismatches);
    CU_ASSERT(files_read > 0);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* ---- generated strings ---------------------------------------------------------------------------------- */

/* The characters of the generated strings: each word and sentence break class of the fast paths and the
 * characters next to them that must go to ICU. */
static const UChar32 alphabet[] = {
    'a', 'Z', 'q', 0x0430, 0x0416, 0x04D9, 0x049B, 0x02BB, 0x02BC, 0x00E9, 0x0131, 0x01C5, /* letters */
    '0', '7', 0x0660, 0x0966, 0xFF11,                                                         /* digits */
    '.', ',', ';', ':', '\'', '"', 0x2019, 0x2018, 0x2024, 0xFE52, 0xFF0E, 0x00B7, 0x05F4, 0x037E, /* mid */
    '!', '?', 0x0589, 0x3002, 0x2026, 0x203C, 0xFF01,                                            /* terms */
    '(', ')', '[', 0x00AB, 0x00BB, 0x201C, 0x201D,                                              /* close */
    ' ', '\t', 0x00A0, 0x2003, 0x3000, 0x1680,                                                  /* space */
    '\n', '\r', 0x0B, 0x0C, 0x0085, 0x2028, 0x2029,                                             /* breaks */
    0x0301, 0x0308, 0x200D, 0x200C, 0x2060, 0x00AD, 0xFEFF, 0x200B, 0x061C,                     /* extend */
    '-', 0x2010, 0x2013, '_', '@', '#', '/', 0x203F,                                            /* other */
    0x05D0, 0x3042, 0x30A2, 0x4E2D, 0xAC00, 0x0E01, 0x1F1F0, 0x1F600, 0x1F3FB, 0xD800, 0xDC00,  /* to ICU */
};

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t
next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

static void
test_generated(void)
{
    if (!need_icu72("fast paths vs ICU on generated strings"))
        return;
    const size_t na = sizeof alphabet / sizeof alphabet[0];
    UChar u[64];
    long before = compared;
    mismatches = 0;
    for (long k = 0; k < 300000; k++) {
        int32_t len = 0, want = 1 + (int32_t)(next_rand() % 24);
        for (int32_t i = 0; i < want; i++) {
            /* letters and digits more often, so that words, numbers and their joins are common */
            uint32_t r = next_rand();
            UChar32 c = (r & 3) == 0 ? alphabet[(r >> 8) % 17] : alphabet[(r >> 8) % na];
            if (c > 0xFFFF) {
                u[len++] = U16_LEAD(c);
                u[len++] = U16_TRAIL(c);
            } else {
                u[len++] = (UChar)c;
            }
        }
        compare(u, len);
    }
    printf("segment: %ld generated strings, %ld differ\n", compared - before, mismatches);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* ---- modes ---------------------------------------------------------------------------------------------- */

static void
test_modes(void)
{
    tt_segmenter *sg;
    tt_error err;
    setenv("TT_SEGMENTER", "icu", 1);
    CU_ASSERT_STRING_EQUAL(tt_segmenter_choice(), "icu");
    CU_ASSERT_EQUAL_FATAL(tt_segmenter_new(&sg, TT_SEG_AUTO, &err), 0);
    CU_ASSERT_EQUAL(tt_segmenter_is_fast(sg), 0);
    tt_segmenter_free(sg);
    setenv("TT_SEGMENTER", "auto", 1);
    CU_ASSERT_EQUAL_FATAL(tt_segmenter_new(&sg, TT_SEG_AUTO, &err), 0);
    CU_ASSERT_EQUAL(tt_segmenter_is_fast(sg), tt_segmenter_fast_supported());
    tt_segmenter_free(sg);
    setenv("TT_SEGMENTER", "fastest", 1);
    CU_ASSERT_PTR_NULL(tt_segmenter_choice());
    CU_ASSERT_EQUAL(tt_segmenter_new(&sg, TT_SEG_AUTO, &err), TT_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "TT_SEGMENTER"));
    unsetenv("TT_SEGMENTER");
    CU_ASSERT_EQUAL_FATAL(tt_segmenter_new(&sg, TT_SEG_ICU, &err), 0);
    CU_ASSERT_EQUAL(tt_segmenter_is_fast(sg), 0);
    tt_segmenter_free(sg);
}

/* A small text whose segments are known, through both paths. */
static void
test_known(void)
{
    static const char text[] = "Көші-қон туралы 6-бап. O'zbek tili 12.05.2020 ж.\nBu 3,5 mln.";
    UChar u[128];
    int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 128, &len, text, (int32_t)strlen(text), &st);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    tt_segmenter *sgs[2] = {fast_sg, icu_sg};
    for (int k = 0; k < 2; k++) {
        seglist w = {0};
        segment(sgs[k], u, len, &w);
        /* words: Көші қон туралы 6 бап O'zbek tili 12.05.2020 ж Bu 3,5 mln = 12, then the separator */
        CU_ASSERT_EQUAL(w.v[0], 0);
        CU_ASSERT_EQUAL(w.v[1], 4);
        CU_ASSERT_EQUAL(w.n, 3 * (12 + 1 + 3));
        free(w.v);
    }
}

static int
setup(void)
{
    tt_error err;
    return tt_segmenter_new(&fast_sg, TT_SEG_FAST, &err) || tt_segmenter_new(&icu_sg, TT_SEG_ICU, &err);
}

static void
reg(void)
{
    if (setup())
        return;
    tt_test_suite("segment", "modes: auto, TT_SEGMENTER=icu, a bad TT_SEGMENTER", test_modes,
                  "a known text through both paths", test_known,
                  "fast paths = ICU on 300,000 generated strings", test_generated,
                  "fast paths = ICU on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_segmenter_free(fast_sg);
    tt_segmenter_free(icu_sg);
    free(lf.v);
    free(li.v);
    return rc;
}
