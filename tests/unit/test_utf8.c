/* test_utf8.c - the differential test of the strict UTF-8 scanner (tt/utf8.h): tt_u8_scan_run (with its fast
 * path of 32-byte blocks of ASCII and 2-byte characters where the CPU has AVX2, then 16-byte ones) and
 * tt_u8_scan_steps(16) (16-byte blocks only) against tt_u8_scan_plain (the byte loop alone), result by
 * result (position, status, length and reason of a bad sequence), for both values of stop_nonascii and many
 * limits (a limit before the end of the bytes is where the decoder cuts its chunks, so the two must stop at the
 * same byte there too),
 *   - on every file of ../shared/corpus, read in place (SKIP, counted, when the folder is absent): windows at
 *     every 4 KiB and odd offsets, and the same windows with bytes changed at random (invalid input);
 *   - on 200,000 generated strings of pieces where the two could disagree (ASCII, NUL, valid and invalid 2-, 3-
 *     and 4-byte sequences, lone lead and continuation bytes, overlongs, surrogates), by a fixed xorshift
 *     generator so every run checks the same strings, each with every limit;
 *   - and a few known answers. */
#include "support.h"
#include "tt/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long compared, differ;

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t
next_rand(void)
{
    return tt_test_xorshift(&rng);
}

/* Both scanners on p[0..n) with this limit and flag; counts a difference (and prints the first few). */
static void
compare_one(const unsigned char *p, size_t n, size_t limit, int stop)
{
    tt_u8_scan a, b, c;
    tt_u8_scan_run(p, n, limit, stop, &a);
    tt_u8_scan_plain(p, n, limit, stop, &b);
    tt_u8_scan_steps(p, n, limit, stop, &c, 16); /* tt_u8_scan_run has 32-byte blocks where the CPU has AVX2 */
    compared++;
    int same = a.pos == b.pos && a.status == b.status &&
               (a.status != TT_U8_BAD || (a.badlen == b.badlen && a.why && b.why && !strcmp(a.why, b.why))) &&
               c.pos == b.pos && c.status == b.status &&
               (c.status != TT_U8_BAD || (c.badlen == b.badlen && c.why && !strcmp(c.why, b.why)));
    if (!same && differ++ < 5)
        printf("utf8: n=%zu limit=%zu stop=%d: fast pos %zu status %d badlen %zu, plain pos %zu status %d "
               "badlen %zu\n",
               n, limit, stop, a.pos, a.status, a.badlen, b.pos, b.status, b.badlen);
}

/* Every limit when n is small; else the end and some limits spread over the bytes and at random. */
static void
compare_limits(const unsigned char *p, size_t n)
{
    for (int stop = 0; stop < 2; stop++) {
        if (n <= 64) {
            for (size_t l = 0; l <= n + 1; l++)
                compare_one(p, n, l, stop);
            continue;
        }
        compare_one(p, n, n, stop);
        for (int k = 0; k < 6; k++)
            compare_one(p, n, (size_t)(next_rand() % n), stop);
        for (size_t l = n / 8; l < n; l += n / 8)
            compare_one(p, n, l, stop);
    }
}

/* ---- the real texts of ../shared/corpus ----------------------------------------------------------------- */
static long files_read;

/* One file of ../shared/corpus (tt_test_each_file's callback). */
static void
compare_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    unsigned char *s = (unsigned char *)text;
    if (!n)
        return;
    /* windows of 4 KiB at every 4 KiB, each starting a few bytes further on than the last (word alignment) */
    size_t k = 0;
    for (size_t at = 0; at < n; at += 4096, k++) {
        size_t from = at + k % 8 < n ? at + k % 8 : at, len = n - from < 4096 ? n - from : 4096;
        compare_limits(s + from, len);
    }
    /* the whole file as the decoder scans it, and with limits where a 1 MiB chunk would end */
    compare_one(s, n, n, 0);
    for (size_t l = 1 << 20; l < n; l += 1 << 20)
        compare_one(s, n, l, 0);
    /* then with bytes changed at random: one change per 512 bytes or so */
    for (size_t c = 0; c < n / 512 + 1; c++)
        s[next_rand() % n] = (unsigned char)next_rand();
    k = 0;
    for (size_t at = 0; at < n; at += 4096, k++) {
        size_t from = at + k % 8 < n ? at + k % 8 : at, len = n - from < 4096 ? n - from : 4096;
        compare_limits(s + from, len);
    }
}


static void
test_corpora(void)
{
    long before = compared;
    differ = 0;
    files_read = tt_test_corpus("fast UTF-8 scan = plain scan on ../shared/corpus", compare_text, NULL);
    if (files_read < 0)
        return;
    printf("utf8: %ld files of ../shared/corpus, %ld scans compared, %ld differ\n", files_read, compared - before, differ);
    CU_ASSERT(files_read > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- generated strings ---------------------------------------------------------------------------------- */
static const char *const pieces[] = {
    "a", "Z", " ", " ", ".", "\n", "0", "\0",                   /* ASCII, NUL */
    "the quick brown", "fox",                                   /* ASCII runs */
    "\xD0\xB0", "\xD0\x96", "\xD2\x9B", "\xC2\x80", "\xDF\xBF", /* 2-byte: Cyrillic, the ends of the range */
    "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3",                          /* a run of them */
    "\xC0\x80", "\xC1\xBF", "\xC2", "\xDF", "\x80", "\xBF",     /* overlongs, lone lead and continuation bytes */
    "\xE2\x80\x94", "\xE0\xA0\x80", "\xEF\xBF\xBD",             /* 3-byte */
    "\xE0\x80\x80", "\xED\xA0\x80", "\xE2\x80", "\xE1",         /* overlong, surrogate, cut */
    "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",                     /* 4-byte */
    "\xF0\x80\x80\x80", "\xF4\x90\x80\x80", "\xF0\x9F", "\xF5", "\xFF", /* bad 4-byte */
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static void
test_generated(void)
{
    unsigned char buf[256];
    long before = compared;
    differ = 0;
    for (int t = 0; t < 200000; t++) {
        /* half of them valid ASCII and 2-byte characters but for the last piece, long enough for the blocks */
        int clean = next_rand() % 2;
        size_t n = 0, np = 1 + next_rand() % (clean ? 60 : 24);
        for (size_t k = 0; k < np; k++) {
            size_t pi = next_rand() % (clean && k + 1 < np ? 16 : NPIECES);
            if (clean && k + 1 < np && pi == 7)
                pi = 0; /* not NUL */
            /* NUL is a piece of its own: strlen would see none */
            size_t l = pieces[pi][0] ? strlen(pieces[pi]) : 1;
            if (n + l > sizeof buf)
                break;
            memcpy(buf + n, pieces[pi], l);
            n += l;
        }
        compare_limits(buf, n);
    }
    printf("utf8: %ld scans of generated strings compared, %ld differ\n", compared - before, differ);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- known answers -------------------------------------------------------------------------------------- */
static void
test_known(void)
{
    tt_u8_scan r;
    const char *ok = "Қазақстан Республикасы - the Republic \xE2\x80\x94 \xF0\x9F\x98\x80.";
    tt_u8_scan_run((const unsigned char *)ok, strlen(ok), strlen(ok), 0, &r);
    CU_ASSERT_EQUAL(r.status, TT_U8_OK);
    CU_ASSERT_EQUAL(r.pos, strlen(ok));
    const char *over = "абвгдежз\xC0\x80";
    tt_u8_scan_run((const unsigned char *)over, strlen(over), strlen(over), 0, &r);
    CU_ASSERT_EQUAL(r.status, TT_U8_BAD);
    CU_ASSERT_EQUAL(r.pos, 16);
    CU_ASSERT_EQUAL(r.badlen, 1);
    CU_ASSERT_STRING_EQUAL(r.why ? r.why : "", "overlong UTF-8 sequence");
    const char *cut = "абвгдежз\xD0";
    tt_u8_scan_run((const unsigned char *)cut, strlen(cut), strlen(cut), 0, &r);
    CU_ASSERT_EQUAL(r.status, TT_U8_INCOMPLETE);
    CU_ASSERT_EQUAL(r.pos, 16);
    const unsigned char nul[] = "\xD0\xB0\xD0\xB1 \xD0\xB2\0\xD0\xB3";
    tt_u8_scan_run(nul, sizeof nul - 1, sizeof nul - 1, 0, &r);
    CU_ASSERT_EQUAL(r.status, TT_U8_NUL);
    CU_ASSERT_EQUAL(r.pos, 7);
    /* a limit inside an ASCII run after 2-byte characters: where the plain scanner stops (its ASCII word steps
     * from the start of the run at byte 6: 7, 15, 23), not where the fast blocks would lead it (16, 17, 25) */
    const char *run = "абв" "abcdefghijklmnopqrstuvwxyz0123";
    tt_u8_scan_run((const unsigned char *)run, strlen(run), 21, 0, &r);
    CU_ASSERT_EQUAL(r.status, TT_U8_OK);
    CU_ASSERT_EQUAL(r.pos, 23);
    CU_ASSERT_EQUAL(tt_utf8_check(over, strlen(over)), 16);
}

static void
reg(void)
{
    tt_test_suite("utf8", "known answers", test_known,
                  "fast scan = plain scan on 200,000 generated strings", test_generated,
                  "fast scan = plain scan on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
