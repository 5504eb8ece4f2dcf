/* test_decode_fast.c - the differential test of the decoder's fast paths (decode_impl.h): tt_dec_controls (the
 * count of C0 controls in the detection window, 32-byte blocks where the CPU has AVX2, else 16-byte blocks, SSE2,
 * unless built with -DTT_DECODE_PLAIN) and tt_dec_controls_steps(16) (the 16-byte blocks) against
 * tt_dec_controls_plain (the byte loop alone), count and first offset,
 *   - on every file of ../shared/corpus (SKIP, counted, when the folder is absent): windows of several sizes at
 *     every 4 KiB and odd offsets, the whole file, and the same with control bytes written in at random;
 *   - on 200,000 generated strings of text, line breaks, tabs, form feeds, CR, NUL and other controls, by a
 *     fixed xorshift generator so every run checks the same strings;
 *   - and a few known answers. */
#include "support.h"
#include "decode_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long compared, differ;
static uint64_t rng = 0x9E3779B97F4A7C15ull;

static void
compare_one(const unsigned char *p, size_t n)
{
    size_t fa, fb, fc;
    size_t a = tt_dec_controls(p, n, &fa), b = tt_dec_controls_plain(p, n, &fb),
           c = tt_dec_controls_steps(p, n, &fc, 16);
    compared++;
    if ((a != b || fa != fb || c != b || fc != fb) && differ++ < 5)
        printf("controls: n=%zu: fast %zu first %zu, 16-byte %zu first %zu, plain %zu first %zu\n", n, a, fa, c, fc,
               b, fb);
}

static void
compare_window(const char *s, size_t n)
{
    compare_one((const unsigned char *)s, n);
}

/* windows of several sizes, and the whole text */
static void
check_text(char *text, size_t n)
{
    tt_test_windows(text, n, compare_window);
    compare_one((const unsigned char *)text, n);
}

/* control bytes written in at random: one per 1 KiB or so */
static void
spoil_text(char *text, size_t n)
{
    for (size_t c = 0; c < n / 1024 + 1; c++)
        text[tt_test_xorshift(&rng) % n] = (char)(tt_test_xorshift(&rng) % 0x21);
}

static void
test_corpora(void)
{
    long before = compared;
    differ = 0;
    long files = tt_test_corpus("fast control count = plain count on ../shared/corpus", tt_test_spoiled_rounds,
                               &(tt_test_rounds){check_text, spoil_text});
    if (files < 0)
        return;
    printf("controls: %ld files of ../shared/corpus, %ld windows compared, %ld differ\n", files,
           compared - before, differ);
    CU_ASSERT(files > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

static void
test_generated(void)
{
    static const unsigned char bytes[] = {'a', ' ', '.', '\t', '\n', '\f', '\r', 0, 1, 8, 11, 14, 27, 31, 32,
                                          0x7F, 0x80, 0x9F, 0xD0, 0xE2, 0xFF};
    unsigned char buf[128];
    long before = compared;
    differ = 0;
    for (int t = 0; t < 200000; t++) {
        size_t n = tt_test_xorshift(&rng) % sizeof buf;
        int sparse = tt_test_xorshift(&rng) % 2; /* mostly text, a control here and there */
        for (size_t i = 0; i < n; i++) {
            uint64_t r = tt_test_xorshift(&rng);
            buf[i] = sparse && r % 16 ? (unsigned char)('a' + r % 26) : bytes[r % sizeof bytes];
        }
        compare_one(buf, n);
    }
    printf("controls: %ld generated strings compared, %ld differ\n", compared - before, differ);
    CU_ASSERT_EQUAL(differ, 0);
}

static void
test_known(void)
{
    size_t f;
    const unsigned char *s = (const unsigned char *)"line one\tcolumn\r\nline two\f page\n and a bell \a there";
    CU_ASSERT_EQUAL(tt_dec_controls(s, strlen((const char *)s), &f), 1);
    CU_ASSERT_EQUAL(f, (size_t)(strchr((const char *)s, '\a') - (const char *)s));
    CU_ASSERT_EQUAL(tt_dec_controls(s, 10, &f), 0);
    CU_ASSERT_EQUAL(f, 10);
    const unsigned char z[] = "0123456789abcdef\x01\x02\x1B";
    CU_ASSERT_EQUAL(tt_dec_controls(z, sizeof z, &f), 4); /* with the final NUL */
    CU_ASSERT_EQUAL(f, 16);
}

static void
reg(void)
{
    tt_test_suite("decode-fast", "known answers", test_known,
                  "fast control count = plain count on 200,000 generated strings", test_generated,
                  "fast control count = plain count on ../shared/corpus", test_corpora, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
