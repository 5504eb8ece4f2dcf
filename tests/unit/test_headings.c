/* test_headings.c - the differential test of the heading line scan (stages/lib/tokenize_heading.c): the fast
 * path (each line a region of the piece, expressions ruled out by the first-character and first-word caches)
 * against the plain one (tk->heading_plain, TT_HEADINGS=plain: every expression on every line that starts
 * with a capital or a digit, ICU's text set to the line alone). The events (position, kind, heading end,
 * label span) and the blank-line flag must be the same, for each of kk uz ru en,
 *   - on every text file of ../shared/corpus (a counted SKIP when absent), in pieces as in test_segment.c;
 *   - on 60,000 generated lines (a fixed xorshift generator): words of headings.tsv itself (every run of
 *     letters in its expressions) in random case, numbers, Roman numerals and the characters next to them in
 *     the expressions (spaces, dashes, dots, apostrophes), cut words, first words longer than the word cache
 *     takes (with a supplementary letter at its limit), surrogates and case-folding expansions.
 * The fast tokenizer keeps its caches from text to text and language to language, as a worker does. */
#include "support.h"
#include "tt/common.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "tokenize_priv.h"

static tt_tokenizer *fast_tk, *plain_tk;
static long pieces, lines_seen, headings_seen, mismatches;
static const tt_lang langs[] = {TT_LANG_KK, TT_LANG_UZ, TT_LANG_RU, TT_LANG_EN};

/* The line scan of u[0..len) in language lang by tk; events in tk->ev. */
static void
scan(tt_tokenizer *tk, tt_lang lang, const UChar *u, int32_t len)
{
    tt_error err;
    CU_ASSERT_EQUAL_FATAL(tk_grow16(&tk->u, &tk->ucap, len + 1), 0);
    memcpy(tk->u, u, sizeof(UChar) * (size_t)len);
    CU_ASSERT_EQUAL_FATAL(tt_segment_prepare(tk->seg, tk->u, len, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tk_scan_lines(tk, lang, len, &err), 0);
}

static void
show(const UChar *u, int32_t len, int32_t at)
{
    int32_t a = at > 20 ? at - 20 : 0;
    fprintf(stderr, "  text at %d (UTF-16):", at);
    for (int32_t i = a; i < len && i < a + 60; i++)
        fprintf(stderr, " %04X", u[i]);
    fprintf(stderr, "\n");
}

/* Compares the two paths on the piece u[0..len) in every language; prints the first few differences. */
static void
compare(const UChar *u, int32_t len)
{
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        scan(fast_tk, langs[l], u, len);
        scan(plain_tk, langs[l], u, len);
        pieces++;
        size_t n = plain_tk->nev;
        for (size_t i = 0; i < n; i++)
            headings_seen += plain_tk->ev[i].kind != 0;
        size_t i = 0;
        for (; i < n && i < fast_tk->nev; i++) {
            const event *a = &fast_tk->ev[i], *b = &plain_tk->ev[i];
            if (a->pos != b->pos || a->kind != b->kind || a->hend != b->hend || a->ls != b->ls || a->le != b->le)
                break;
        }
        if (i == n && i == fast_tk->nev && fast_tk->end_blank == plain_tk->end_blank)
            continue;
        if (mismatches++ < 5) {
            const event *a = i < fast_tk->nev ? &fast_tk->ev[i] : NULL, *b = i < n ? &plain_tk->ev[i] : NULL;
            fprintf(stderr, "headings (%s): fast and plain differ at event %zu of %zu/%zu: fast pos %d kind %d, plain pos %d kind %d\n",
                    tt_lang_name(langs[l]), i, fast_tk->nev, n, a ? a->pos : -1, a ? a->kind : -1, b ? b->pos : -1,
                    b ? b->kind : -1);
            show(u, len, a ? a->pos : b ? b->pos : 0);
        }
    }
}

/* ---- the shared corpora --------------------------------------------------------------------------------- */

/* One piece of a file: its lines counted, then compared. */
static void
count_compare(const UChar *u, int32_t len)
{
    for (int32_t i = 0; i < len; i++)
        lines_seen += u[i] == '\n';
    compare(u, len);
}

/* One file of ../shared/corpus (tt_test_each_file's callback), in the pieces the pipeline would feed. */
static void
compare_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    tt_test_utf16_pieces(text, n, count_compare);
}

static long files_read;

static void
test_corpora(void)
{
    mismatches = pieces = lines_seen = headings_seen = 0;
    files_read = tt_test_corpus("headings: fast = plain on ../shared/corpus", compare_text, NULL);
    if (files_read < 0)
        return;
    printf("headings: %ld files of ../shared/corpus, %ld lines, %ld pieces x language, %ld headings, %ld differ\n", files_read,
           lines_seen, pieces, headings_seen, mismatches);
    CU_ASSERT(files_read > 0);
    CU_ASSERT(headings_seen > 0);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* ---- generated lines ------------------------------------------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t
next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

/* the words of headings.tsv: every run of letters in its expressions, NUL-separated */
static UChar words[8192];
static int32_t word_at[512], nwords;

static void
load_words(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/headings.tsv", tt_data_dir());
    size_t n;
    char *s = tt_test_slurp(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    static UChar u[65536];
    int32_t len = 0, w = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 65536, &len, s, (int32_t)n, &st);
    free(s);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    for (int32_t i = 0; i < len;) {
        if (u[i] == '#') { /* a comment line */
            while (i < len && u[i] != '\n')
                i++;
            continue;
        }
        int32_t j = i;
        while (j < len && (u_isalpha(u[j]) || u[j] == 0x02BB || u[j] == 0x02BC))
            j++;
        if (j - i >= 2 && nwords < 512 && w + (j - i) + 1 < 8192) {
            word_at[nwords++] = w;
            memcpy(words + w, u + i, sizeof(UChar) * (size_t)(j - i));
            w += j - i;
            words[w++] = 0;
        }
        i = j > i ? j : i + 1;
    }
    CU_ASSERT_FATAL(nwords > 20);
}

/* characters that sit next to the words in the expressions, or that a prefix cut or a case fold could trip */
static const UChar32 extra[] = {
    ' ', ' ', ' ', '\t', 0x00A0, 0x2003, '-', '-', 0x2010, 0x2013, 0x2014, '.', '.', ':', ',', '\'', '`', 0x02BB,
    0x02BC, 0x2018, 0x2019, '(', ')', '0', '1', '7', 'I', 'V', 'X', 'L', 'C', 'i', 'x', 0x0660, 0xFF11, 0x00DF,
    0x0130, 0x0131, 0xFB01, 0x1E9E, 0x0301, 0x200B, 0xFEFF, 0x1F600, 0x1D400, 0x20000, 0xD800, 0xDC00, 'a', 'Z',
    0x0416, 0x04D9,
};

static void
put(UChar *u, int32_t *len, UChar32 c)
{
    if (c > 0xFFFF) {
        u[(*len)++] = U16_LEAD(c);
        u[(*len)++] = U16_TRAIL(c);
    } else {
        u[(*len)++] = (UChar)c;
    }
}

/* One generated line into u (at most ~120 units). */
static void
gen_line(UChar *u, int32_t *len)
{
    int items = 1 + (int)(next_rand() % 6);
    if (next_rand() % 8 == 0)
        put(u, len, next_rand() % 2 ? ' ' : 0xFEFF);
    if (next_rand() % 16 == 0) {
        /* a long first word (a supplementary letter at the word cache's limit, 24 units) and a word of the
           expressions: "<word> тарау" is a chapter heading in Kazakh */
        int32_t n = 23 + (int32_t)(next_rand() % 3);
        for (int32_t i = 0; i < n; i++)
            put(u, len, i == 0 ? 0x0416 : i >= 23 ? 0x20000 : 0x0430 + (UChar32)(next_rand() % 32));
        put(u, len, ' ');
        items = 1;
    }
    for (int k = 0; k < items; k++) {
        uint32_t r = next_rand();
        switch (r % 5) {
        case 0:
        case 1: { /* a word of the expressions, in random case, sometimes cut */
            const UChar *w = words + word_at[(r >> 8) % (uint32_t)nwords];
            int32_t wl = u_strlen(w), cut = (r >> 20) % 6 == 0 ? 1 + (int32_t)(next_rand() % (uint32_t)wl) : wl;
            int mode = (int)(next_rand() % 4); /* as written, upper, lower, capitalised */
            for (int32_t i = 0; i < cut; i++) {
                UChar32 c = w[i];
                if (mode == 1 || (mode == 3 && i == 0))
                    c = u_toupper(c);
                else if (mode == 2 || mode == 3)
                    c = u_tolower(c);
                put(u, len, c);
            }
            break;
        }
        case 2: { /* a number: 6, 12.3, 4-1 */
            int parts = 1 + (int)(next_rand() % 3);
            for (int p = 0; p < parts; p++) {
                if (p)
                    put(u, len, next_rand() % 2 ? '.' : '-');
                int digits = 1 + (int)(next_rand() % 3);
                for (int d = 0; d < digits; d++)
                    put(u, len, '0' + (UChar32)(next_rand() % 10));
            }
            break;
        }
        case 3: { /* a Roman numeral */
            static const char roman[] = "IVXLCivx";
            int n = 1 + (int)(next_rand() % 4);
            for (int i = 0; i < n; i++)
                put(u, len, (UChar32)roman[next_rand() % 8]);
            break;
        }
        default:
            put(u, len, extra[(r >> 8) % (sizeof extra / sizeof extra[0])]);
        }
        if (next_rand() % 3)
            put(u, len, next_rand() % 8 ? ' ' : '\t');
    }
}

static void
test_generated(void)
{
    load_words();
    static UChar u[65536];
    mismatches = pieces = headings_seen = 0;
    long nlines = 0;
    for (int piece = 0; piece < 300; piece++) {
        int32_t len = 0;
        for (int i = 0; i < 200; i++, nlines++) {
            gen_line(u, &len);
            uint32_t r = next_rand() % 10;
            if (r == 0)
                put(u, &len, '\r');
            put(u, &len, r == 1 ? 0x2029 : '\n');
            if (r == 2)
                put(u, &len, '\n'); /* a blank line */
        }
        compare(u, len);
    }
    printf("headings: %ld generated lines, %ld pieces x language, %ld headings, %ld differ\n", nlines, pieces,
           headings_seen, mismatches);
    CU_ASSERT(headings_seen > 1000);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* A known piece through both paths: the events are what the rules say. */
static void
test_known(void)
{
    static const char text[] = "Статья 6. Право\nтекст\n\nГлава 2\n\nСтатья 6а\n";
    UChar u[128];
    int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 128, &len, text, (int32_t)strlen(text), &st);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    tt_tokenizer *tks[2] = {fast_tk, plain_tk};
    for (int k = 0; k < 2; k++) {
        scan(tks[k], TT_LANG_RU, u, len);
        CU_ASSERT_EQUAL_FATAL(tks[k]->nev, 3);
        CU_ASSERT_EQUAL(tks[k]->ev[0].kind, H_ARTICLE);
        CU_ASSERT_EQUAL(tks[k]->ev[0].ls, 0);
        CU_ASSERT_EQUAL(tks[k]->ev[0].le, 8); /* "Статья 6" */
        CU_ASSERT_EQUAL(tks[k]->ev[1].kind, H_CHAPTER);
        CU_ASSERT_EQUAL(tks[k]->ev[2].kind, 0); /* not followed by . : - or a space */
    }
}

static int
setup(void)
{
    tt_error err;
    if (tt_tokenizer_new(&fast_tk, NULL, &err) || tt_tokenizer_new(&plain_tk, NULL, &err))
        return 1;
    fast_tk->heading_plain = 0;
    plain_tk->heading_plain = 1;
    return 0;
}

static void
reg(void)
{
    if (setup())
        return;
    tt_test_suite("headings", "a known piece through both paths", test_known,
                  "fast = plain on 60,000 generated lines", test_generated,
                  "fast = plain on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_tokenizer_free(fast_tk);
    tt_tokenizer_free(plain_tk);
    return rc;
}
