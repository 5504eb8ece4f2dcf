/* test_nfc.c - the differential test of the NFC quick check (tt/norm.h): tt_norm_nfc_quick (with its fast path of
 * 16-byte blocks, SSSE3, unless built with -DTT_NFC_PLAIN) against tt_norm_nfc_quick_plain (the byte loop alone),
 * and both against ICU (a text the check passes must be valid UTF-8 that ICU's unorm2_isNormalized calls NFC);
 * tt_norm_nfc_view against tt_norm_nfc (the same bytes, borrowed exactly when the check passes),
 *   - on every file of ../shared/corpus (SKIP, counted, when the folder is absent): windows of several sizes at
 *     every 4 KiB and odd offsets, the whole file, and the same with characters that are not NFC-inert (combining
 *     marks, U+0483 among the Cyrillic of lead D2, Hebrew points) or invalid bytes written in at random;
 *   - on 200,000 generated strings of pieces where the two could disagree (ASCII, Cyrillic and Kazakh letters,
 *     inert and non-inert characters of the same lead byte, 3- and 4-byte characters, invalid sequences), by a
 *     fixed xorshift generator so every run checks the same strings;
 *   - and a few known answers;
 * and on the same texts, cut to character boundaries where they are then well-formed in structure, the check of
 * well-formed text (tt_norm_nfc_quick_wf: AVX2 where the CPU has it, SSSE3 by TT_NFC=ssse3, the byte loop by
 * TT_NFC=plain) against the plain check, and tt_norm_nfc_view_wf against tt_norm_nfc_view. */
#include "support.h"
#include "tt/norm.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tt_normalizer *nz, *nz_ssse3, *nz_bytes; /* default; TT_NFC=ssse3; TT_NFC=plain */
static tt_buf out, out2;
static long wf_compared;
static UChar *u16;
static size_t u16cap;
static long compared, differ;
static uint64_t rng = 0x2545F4914F6CDD1Dull;

/* ICU's answer: 1 if s[0..n) is valid UTF-8 in NFC. */
static int
icu_is_nfc(const char *s, size_t n)
{
    if (u16cap < n + 1) {
        free(u16);
        u16cap = n + 1;
        u16 = malloc(u16cap * sizeof *u16);
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t len;
    u_strFromUTF8(u16, (int32_t)u16cap, &len, s, (int32_t)n, &st);
    if (U_FAILURE(st))
        return 0;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    UBool yes = unorm2_isNormalized(nfc, u16, len, &st);
    return U_SUCCESS(st) && yes;
}

/* 1 if s[0..n) is well-formed in structure (each lead byte C0..FD followed by its 1..5 continuation bytes, no
 * stray continuation byte, no FE or FF): what tt_norm_nfc_view_wf takes. Overlongs, surrogates and code points
 * above U+10FFFF are well-formed in this sense, and the check must still send them to ICU. */
static int
well_formed(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : c < 0xC0 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : c < 0xFC ? 5 : c < 0xFE ? 6 : 0;
        if (!len || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* The check of well-formed text (all three paths: AVX2 where the CPU has it, SSSE3, the byte loop) against the
 * plain check, on s[0..n) cut to character boundaries when it is well-formed then; and tt_norm_nfc_view_wf
 * against tt_norm_nfc_view. */
static void
compare_wf(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t a = 0;
    while (a < n && a < 6 && (u[a] & 0xC0) == 0x80)
        a++;
    /* drop a character cut at the end */
    size_t e = n;
    for (size_t k = 1; k <= 6 && k <= n - a; k++) {
        unsigned c = u[n - k];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t len = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : c < 0xFC ? 5 : 6;
        if (k < len)
            e = n - k;
        break;
    }
    if (!well_formed(u + a, e - a))
        return;
    s += a;
    n = e - a;
    int p = tt_norm_nfc_quick_plain(nz, s, n);
    int w = tt_norm_nfc_quick_wf(nz, s, n), w3 = tt_norm_nfc_quick_wf(nz_ssse3, s, n),
        w1 = tt_norm_nfc_quick_wf(nz_bytes, s, n);
    tt_error err;
    const char *text, *text2;
    size_t len, len2;
    tt_buf_reset(&out);
    tt_buf_reset(&out2);
    int rc = tt_norm_nfc_view_wf(nz, s, n, &out, &text, &len, &err);
    int rc2 = tt_norm_nfc_view(nz, s, n, &out2, &text2, &len2, &err);
    wf_compared++;
    int ok = w == p && w3 == p && w1 == p && rc == 0 && rc2 == 0 && (text == s) == (text2 == s) && len == len2 &&
             (len == 0 || memcmp(text, text2, len) == 0);
    if (!ok && differ++ < 5)
        printf("nfc wf: n=%zu: plain %d wf %d ssse3 %d bytes %d view rc %d/%d len %zu/%zu\n", n, p, w, w3, w1, rc,
               rc2, len, len2);
}

static void
compare_one(const char *s, size_t n)
{
    compare_wf(s, n);
    int q = tt_norm_nfc_quick(nz, s, n), p = tt_norm_nfc_quick_plain(nz, s, n);
    int ok = q == p && (!q || icu_is_nfc(s, n));
    /* the view: borrowed exactly when the check passes, and the same bytes as tt_norm_nfc */
    tt_error err;
    const char *text;
    size_t len;
    tt_buf_reset(&out);
    tt_buf_reset(&out2);
    int rc = tt_norm_nfc_view(nz, s, n, &out, &text, &len, &err);
    int rc2 = tt_norm_nfc(nz, s, n, &out2, &err);
    ok = ok && rc == 0 && rc2 == 0 && (text == s) == (q == 1) && len == out2.len &&
         (len == 0 || memcmp(text, out2.data, len) == 0);
    compared++;
    if (!ok && differ++ < 5)
        printf("nfc: n=%zu: fast %d plain %d icu %d view rc %d borrowed %d len %zu, nfc rc %d len %zu\n", n, q, p,
               icu_is_nfc(s, n), rc, text == s, len, rc2, out2.len);
}

/* ---- the real texts of ../shared/corpus ----------------------------------------------------------------- */
/* characters that are not NFC-inert, and invalid bytes */
static const char *const spoil[] = {
    "\xCC\x81", "\xD2\x83", "\xCD\x82", "\xCE\x87", "\xD6\x91", "\xE1\x85\xA1", "\xF0\x9D\x85\xA5",
    "\x80", "\xC0", "\xD0", "\xE2\x80", "\xFF",
};
#define NSPOIL (sizeof spoil / sizeof spoil[0])

/* windows of several sizes, and the whole text */
static void
check_text(char *text, size_t n)
{
    tt_test_windows(text, n, compare_one);
    compare_one(text, n);
}

/* one spoiling change per 2 KiB or so */
static void
spoil_text(char *text, size_t n)
{
    for (size_t c = 0; c < n / 2048 + 1; c++) {
        const char *sp = spoil[tt_test_xorshift(&rng) % NSPOIL];
        size_t l = strlen(sp), at = (size_t)(tt_test_xorshift(&rng) % n);
        if (at + l <= n)
            memcpy(text + at, sp, l);
    }
}

static void
test_corpora(void)
{
    long before = compared;
    differ = 0;
    long files = tt_test_corpus("fast NFC check = plain check = ICU on ../shared/corpus", tt_test_spoiled_rounds,
                               &(tt_test_rounds){check_text, spoil_text});
    if (files < 0)
        return;
    printf("nfc: %ld files of ../shared/corpus, %ld texts compared, %ld differ (wf check: %ld so far)\n", files,
           compared - before, differ, wf_compared);
    CU_ASSERT(files > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- generated strings ---------------------------------------------------------------------------------- */
static const char *const pieces[] = {
    "a", " ", ".", "\n", "0", "the quick brown fox",                       /* ASCII */
    "\xD0\xB0", "\xD1\x8F", "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3",           /* Cyrillic */
    "\xD2\x9B", "\xD2\xA3", "\xD3\x99", "\xD2\x93",                       /* Kazakh letters (leads D2, D3) */
    "\xD2\x83", "\xD2\x87", "\xD2\x88", "\xD2\x82",                       /* U+0483, U+0487 (not inert); U+0488, U+0482 */
    "\xC2\xA0", "\xC3\xA9", "\xCA\xBB", "\xCB\xBF",                       /* below U+0300 */
    "\xCC\x80", "\xCD\x8F", "\xCD\xB0", "\xCE\x87", "\xCE\x91",           /* U+0300.. and Greek */
    "\xD6\x91", "\xD7\x90", "\xD8\xA7", "\xD9\x8B", "\xDF\xBF",           /* Hebrew, Arabic, the end of the range */
    "\xE2\x80\x94", "\xE1\x84\x80", "\xE1\x85\xA1", "\xEA\xB0\x80",       /* 3-byte: dash, jamo, Hangul */
    "\xF0\x9F\x98\x80", "\xF0\x9D\x85\xA5",                               /* 4-byte */
    "\xC0\x80", "\xC1\xBF", "\xD0", "\x80", "\xBF", "\xE2\x80", "\xED\xA0\x80", "\xF5", "\xFF", /* invalid */
    "\xE0\x80\xAF", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80",       /* well-formed in structure, not strict */
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static void
test_generated(void)
{
    char buf[256];
    long before = compared;
    differ = 0;
    for (int t = 0; t < 200000; t++) {
        size_t n = 0, np = 1 + tt_test_xorshift(&rng) % 40;
        /* mostly pieces that pass, so that the blocks are long enough to get to the one that does not */
        int clean = tt_test_xorshift(&rng) % 2;
        for (size_t k = 0; k < np; k++) {
            size_t pi = tt_test_xorshift(&rng) % (clean && k + 1 < np ? 13 : NPIECES);
            size_t l = strlen(pieces[pi]);
            if (n + l > sizeof buf)
                break;
            memcpy(buf + n, pieces[pi], l);
            n += l;
        }
        compare_one(buf, n);
        if (n > 1)
            compare_one(buf + 1, n - 1);
    }
    printf("nfc: %ld generated strings compared, %ld differ (%ld well-formed ones through the wf check too)\n",
           compared - before, differ, wf_compared);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- known answers -------------------------------------------------------------------------------------- */
static void
test_known(void)
{
    const char *ok[] = {"", "plain ASCII text, long enough for a block or two",
                        "\xD2\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD2\x9B\xD1\x81\xD1\x82\xD0\xB0\xD0\xBD \xD2\x9B\xD0\xB0\xD0\xB7\xD0\xB0\xD2\x9B",
                        "caf\xC3\xA9 \xE2\x80\x94 o\xCA\xBBzbek"};
    const char *no[] = {"cafe\xCC\x81 and a block of plain ASCII text after it",
                        "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xD0\xB4\xD0\xB5\xD0\xB6\xD2\x83", "bad \xC0\x80 byte"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        CU_ASSERT_EQUAL(tt_norm_nfc_quick(nz, ok[i], strlen(ok[i])), 1);
        compare_one(ok[i], strlen(ok[i]));
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        CU_ASSERT_EQUAL(tt_norm_nfc_quick(nz, no[i], strlen(no[i])), 0);
        compare_one(no[i], strlen(no[i]));
    }
    /* not NFC: normalized into out, composed */
    tt_error err;
    const char *text;
    size_t len;
    tt_buf_reset(&out);
    const char *s = no[0];
    CU_ASSERT_EQUAL(tt_norm_nfc_view(nz, s, strlen(s), &out, &text, &len, &err), 0);
    CU_ASSERT(text != s);
    CU_ASSERT(len == strlen(s) - 1 && memcmp(text, "caf\xC3\xA9 and", 9) == 0);
    CU_ASSERT_EQUAL(differ, 0);
}

static int
init(void)
{
    tt_error err;
    const char *was = getenv("TT_NFC");
    char *keep = was ? strdup(was) : NULL;
    int rc = tt_normalizer_new(&nz, NULL, &err) != 0;
    setenv("TT_NFC", "ssse3", 1);
    rc = rc || tt_normalizer_new(&nz_ssse3, NULL, &err) != 0;
    setenv("TT_NFC", "plain", 1);
    rc = rc || tt_normalizer_new(&nz_bytes, NULL, &err) != 0;
    if (keep)
        setenv("TT_NFC", keep, 1);
    else
        unsetenv("TT_NFC");
    free(keep);
    return rc;
}

static void
test_loaded(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(nz);
}

static void
reg(void)
{
    if (init())
        nz = NULL; /* test_loaded fails; the others do not run without it */
    tt_test_suite("nfc-load", "the normalizer loads", test_loaded, NULL);
    if (!nz)
        return;
    tt_test_suite("nfc", "known answers", test_known,
                  "fast check = plain check = ICU on 200,000 generated strings", test_generated,
                  "fast check = plain check = ICU on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_normalizer_free(nz);
    tt_normalizer_free(nz_ssse3);
    tt_normalizer_free(nz_bytes);
    tt_buf_free(&out);
    tt_buf_free(&out2);
    free(u16);
    return rc;
}
