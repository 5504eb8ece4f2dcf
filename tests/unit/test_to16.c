/* test_to16.c - the differential test of the tokenizer's UTF-8 -> UTF-16 conversion (tk_to16 in
 * tokenize_to16.c, with its SSE2 path for runs of ASCII, its 64-bit path for runs of two-byte characters, its
 * SSSE3 blocks of ASCII and two-byte characters (and the loop without them) and its scalar paths) against the
 * library: ICU's own decoder, U8_NEXT with U+FFFD for an invalid sequence, applied one character at a time,
 * which gives both the units and the byte offset of each unit. Compared unit by unit and offset by offset
 *   - on every file of ../shared/corpus, read in place (SKIP, counted, when the folder is absent), in pieces at
 *     odd offsets and lengths (so that the 16-byte blocks meet every alignment and the end of the piece), then
 *     the same pieces with bytes changed at random (invalid input);
 *   - on 100,000 generated strings of ASCII runs, 2-, 3- and 4-byte characters, U+200B, NUL and invalid bytes;
 *   - and on valid text, against ICU's converter u_strFromUTF8 as well. */
#include "support.h"

#include "../../stages/lib/tokenize_priv.h"
#include "tt/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

static tt_tokenizer *tk;
static UChar *ref_u;
static int32_t *ref_b8;
static size_t refcap;
static long compared, differ, valid_checked;

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint64_t
next_rand(void)
{
    return tt_test_xorshift(&rng);
}

/* The reference: U8_NEXT a character at a time (as ICU decodes), U+FFFD for an invalid sequence. */
static int32_t
reference(const unsigned char *b, int32_t n)
{
    if ((size_t)n + 2 > refcap) {
        refcap = (size_t)n + 2;
        ref_u = realloc(ref_u, refcap * sizeof *ref_u);
        ref_b8 = realloc(ref_b8, refcap * sizeof *ref_b8);
    }
    int32_t i = 0, j = 0;
    while (i < n) {
        int32_t i0 = i;
        UChar32 c;
        U8_NEXT(b, i, n, c);
        if (c < 0)
            c = 0xFFFD;
        else if (c == 0x200B)
            c = 0x2060;
        ref_b8[j] = i0;
        if (c > 0xFFFF)
            ref_b8[j + 1] = i;
        U16_APPEND_UNSAFE(ref_u, j, c);
    }
    ref_b8[j] = n;
    return j;
}

static void
compare(const unsigned char *b, size_t n)
{
    tt_error err;
    tt_error_clear(&err);
    int32_t len = tk_to16(tk, (const char *)b, n, &err);
    int32_t rl = reference(b, (int32_t)n);
    compared++;
    int same = len == rl && !memcmp(tk->u, ref_u, sizeof(UChar) * (size_t)rl) &&
               !memcmp(tk->b8, ref_b8, sizeof(int32_t) * (size_t)(rl + 1));
    if (!same && differ++ < 5)
        printf("to16: %zu bytes: %d units (reference %d)\n", n, len, rl);
    /* valid UTF-8: ICU's converter gives the same units (U+200B aside, which the tokenizer maps) */
    if (tt_utf8_check((const char *)b, n) == n) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t il = 0;
        u_strFromUTF8(ref_u, (int32_t)refcap, &il, (const char *)b, (int32_t)n, &st);
        for (int32_t k = 0; k < il; k++)
            ref_u[k] = ref_u[k] == 0x200B ? 0x2060 : ref_u[k];
        valid_checked++;
        if ((U_FAILURE(st) || il != len || memcmp(tk->u, ref_u, sizeof(UChar) * (size_t)il)) && differ++ < 5)
            printf("to16: %zu bytes of valid UTF-8: not ICU's u_strFromUTF8\n", n);
    }
}

/* ---- the real texts of ../shared/corpus ----------------------------------------------------------------- */
static long files_read;

/* One round on a file of ../shared/corpus: pieces of 1000..4000 bytes at moving offsets, then the whole. */
static void
check_text(char *text, size_t n)
{
    unsigned char *s = (unsigned char *)text;
    size_t k = 0;
    for (size_t at = 0; at < n; k++) {
        size_t len = 1000 + (k * 37) % 3000, from = at + k % 16 < n ? at + k % 16 : at;
        if (len > n - from)
            len = n - from;
        compare(s + from, len);
        at += len ? len : 1;
    }
    compare(s, n); /* whole */
}

/* Invalid bytes here and there, for the second round. */
static void
spoil_text(char *text, size_t n)
{
    for (size_t c = 0; c < n / 700 + 1; c++)
        text[next_rand() % n] = (char)next_rand();
}

static void
test_corpora(void)
{
    long before = compared;
    differ = 0;
    valid_checked = 0;
    tt_test_rounds rounds = {check_text, spoil_text};
    files_read = tt_test_corpus("to16 = ICU's decoding on ../shared/corpus", tt_test_spoiled_rounds, &rounds);
    if (files_read < 0)
        return;
    printf("to16: %ld files of ../shared/corpus, %ld conversions compared (%ld of valid text also with u_strFromUTF8), "
           "%ld differ\n", files_read, compared - before, valid_checked, differ);
    CU_ASSERT(files_read > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

/* ---- generated strings ------------------------------------------------------------------------------------- */
static void
test_generated(void)
{
    static const char *const pieces[] = {"a", "The quick brown fox jumps", " ", "\n", "0123456789abcdef",
                                         "ә", "Қазақстан", "ў", "\xE2\x80\x8B", "€", "𝔸", "\xF0\x9F\x98\x80",
                                         "\0", "\x80", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                         "\xD0", "\xE2\x80", "\xF0\x9F\x98", "\xFF", "o'zbek", "oʻzbek",
                                         "\xC1\x81", "жерлестер"};
    static const size_t lens[] = {1, 25, 1, 1, 16, 2, 18, 2, 3, 3, 4, 4, 1, 1, 2, 3, 3, 4, 1, 2, 3, 1, 6, 7, 2, 18};
    size_t np = sizeof pieces / sizeof *pieces;
    unsigned char buf[512];
    long before = compared;
    differ = 0;
    for (int t = 0; t < 100000; t++) {
        size_t n = 0;
        size_t want = next_rand() % 120;
        while (n < want) {
            size_t p = next_rand() % np;
            if (n + lens[p] > sizeof buf)
                break;
            memcpy(buf + n, pieces[p], lens[p]);
            n += lens[p];
        }
        compare(buf, n);
    }
    printf("to16: %ld generated strings compared, %ld differ\n", compared - before, differ);
    CU_ASSERT_EQUAL(differ, 0);
}

static void
test_known(void)
{
    tt_error err;
    tt_error_clear(&err);
    const char *s = "abcdefghijklmnopqrstuvwxyz Қазақ";
    int32_t len = tk_to16(tk, s, strlen(s), &err);
    CU_ASSERT_EQUAL(len, 32);
    CU_ASSERT_EQUAL(tk->u[26], ' ');
    CU_ASSERT_EQUAL(tk->u[27], 0x049A);
    CU_ASSERT_EQUAL(tk->b8[27], 27);
    CU_ASSERT_EQUAL(tk->b8[28], 29);
    CU_ASSERT_EQUAL(tk->b8[32], (int32_t)strlen(s));
}

/* The same two comparisons without the SSSE3 block path (where the CPU has it, tk_to16 takes it: here the loop
 * without it is checked too); a counted skip where the CPU has no SSSE3 (the first two tests were that path). */
static void
test_without_blocks(void)
{
    struct tk_u8blk *keep = tk->u8tab;
    if (!keep) {
        tt_test_skip(TT_SKIP_OTHER, "to16 without the SSSE3 blocks: this CPU has none (the tests above ran that path)");
        return;
    }
    tk->u8tab = NULL;
    test_generated();
    test_corpora();
    tk->u8tab = keep;
}

static void
reg(void)
{
    tt_error err;
    tt_error_clear(&err);
    if (tt_tokenizer_new(&tk, NULL, &err) != 0) {
        fprintf(stderr, "test_to16: %s\n", err.msg);
        exit(1);
    }
    tt_test_suite("to16", "known answers", test_known, "to16 = U8_NEXT on 100,000 generated strings",
                  test_generated, "to16 = ICU's decoding on ../shared/corpus", test_corpora,
                  "the same without the SSSE3 block path", test_without_blocks, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_tokenizer_free(tk);
    free(ref_u);
    free(ref_b8);
    return rc;
}
