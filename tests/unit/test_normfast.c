/* test_normfast.c - the differential tests of the normalizer's word-level fast paths (norm.c, norm_word.c; switch
 * -DTT_NORM_PLAIN) against their references:
 *   - tt_norm_prebreak16 (blocks of eight units with no candidate skipped) against tt_norm_prebreak16_plain (one
 *     unit at a time), in Uzbek, Kazakh 2017 Latin and English, on every file of ../shared/corpus in the
 *     pipeline's UTF-16 pieces (a counted SKIP when the folder is absent) and on generated strings of letters,
 *     apostrophes, U+200B and other marks at every length and alignment;
 *   - the ASCII token path (all_ascii16, lower_ascii16: up to 16 units in one masked block, longer tokens eight
 *     units at a time) through tt_norm_key16, tt_norm_word16k and tt_norm_word16, against C's own
 *     one-character-at-a-time answer: the key says "ASCII, no cache" exactly when every unit is below U+0080, and
 *     the form is the token's lowercase, for tokens of every length 0..40 with one non-ASCII unit anywhere or
 *     none;
 *   - the match-form cache as it grows from 4,096 slots and a 256 KiB arena (test_cache_growth). */
#include "support.h"

#include "../../stages/lib/norm_priv.h"
#include "tt/norm.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tt_normalizer *nz;
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static long pieces, units, differ;

static const tt_lang langs[] = {TT_LANG_UZ, TT_LANG_KK, TT_LANG_EN};
static const tt_script scripts[] = {TT_SCRIPT_LATN, TT_SCRIPT_LATN_2017, TT_SCRIPT_LATN};

/* Both prebreaks on a copy of u[0..n) each; 1 if they agree (units and count). */
static int
same_prebreak(const UChar *u, int32_t n, tt_lang lang, tt_script script)
{
    size_t bytes = sizeof(UChar) * (size_t)(n ? n : 1);
    UChar *a = malloc(bytes), *b = malloc(bytes);
    CU_ASSERT_FATAL(a && b);
    memcpy(a, u, sizeof(UChar) * (size_t)n);
    memcpy(b, u, sizeof(UChar) * (size_t)n);
    size_t ca = tt_norm_prebreak16(lang, script, a, n), cb = tt_norm_prebreak16_plain(lang, script, b, n);
    int ok = ca == cb && memcmp(a, b, sizeof(UChar) * (size_t)n) == 0;
    free(a);
    free(b);
    return ok;
}

static void
piece(const UChar *u, int32_t len)
{
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
        if (!same_prebreak(u, len, langs[l], scripts[l]))
            differ++;
    pieces++;
    units += len;
}

static void
each_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    tt_test_utf16_pieces(text, n, piece);
}

static void
test_prebreak_corpus(void)
{
    differ = pieces = units = 0;
    long files = tt_test_corpus("prebreak fast path on ../shared/corpus", each_text, NULL);
    if (files < 0)
        return;
    printf("normfast: prebreak on %ld files, %ld pieces, %ld units, %ld differ\n", files, pieces, units, differ);
    CU_ASSERT(files > 0);
    CU_ASSERT(pieces > 0);
    CU_ASSERT_EQUAL(differ, 0);
}

static const UChar alphabet[] = {'a', 'o', 'g', 'G', 'O', 'n', 's', 'x', 'Q', '1', ' ', '-', '\n', '\'', '`', 0xB4,
                                 0xB3, 0x2BB, 0x2BC, 0x2B9, 0x2BD, 0x2018, 0x2019, 0x2032, 0x200B, 0x430, 0x4E9,
                                 0xE9, 0x7F, 0x80, 0xFF, 0xD83D, 0xDE00};

static void
test_prebreak_generated(void)
{
    UChar buf[80];
    long bad = 0, n_done = 0;
    for (int rep = 0; rep < 200000; rep++) {
        int32_t n = (int32_t)(tt_test_xorshift(&rng) % 70);
        /* mostly ASCII letters (blocks to skip), now and then a candidate */
        for (int32_t i = 0; i < n; i++) {
            uint64_t r = tt_test_xorshift(&rng);
            buf[i] = r % 6 ? (UChar)('a' + r / 7 % 26) : alphabet[r / 7 % (sizeof alphabet / sizeof *alphabet)];
        }
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
            bad += !same_prebreak(buf, n, langs[l], scripts[l]);
        n_done++;
    }
    printf("normfast: prebreak on %ld generated strings, %ld differ\n", n_done, bad);
    CU_ASSERT_EQUAL(bad, 0);
}

/* The ASCII path: key and form of generated tokens against the C library's answer. */
static void
test_ascii_tokens(void)
{
    UChar u[48 + TT_NORM_PAD16]; /* tt_norm_key16 and _word16k read whole blocks past the token */
    char want[48];
    tt_buf out = {0};
    tt_error err;
    tt_error_clear(&err);
    long bad = 0, ascii_seen = 0, other_seen = 0;
    for (int rep = 0; rep < 200000; rep++) {
        int32_t n = (int32_t)(tt_test_xorshift(&rng) % 41);
        for (int32_t i = 0; i < n; i++) {
            uint64_t r = tt_test_xorshift(&rng) % 64;
            u[i] = (UChar)(r < 26 ? 'a' + r : r < 52 ? 'A' + r - 26 : r < 62 ? '0' + r - 52 : r == 62 ? '.' : 0x7F);
        }
        int ascii = 1;
        if (n && tt_test_xorshift(&rng) % 3 == 0) { /* one unit that is not ASCII, anywhere */
            static const UChar na[] = {0x80, 0xC4, 0xFF, 0x100, 0x430, 0x4E9, 0x2019};
            u[tt_test_xorshift(&rng) % (uint64_t)n] = na[tt_test_xorshift(&rng) % 7];
            ascii = 0;
        }
        uint64_t key = tt_norm_key16(nz, TT_LANG_EN, TT_SCRIPT_LATN, u, n);
        int fast = n > 0 && n <= 64 && key == 1; /* KEY_ASCII: the ASCII path, no cache */
        if (fast != (ascii && n > 0))
            bad++;
        if (!ascii) {
            other_seen++;
            continue;
        }
        ascii_seen++;
        for (int32_t i = 0; i < n; i++)
            want[i] = (char)tolower(u[i]);
        tt_buf_reset(&out);
        unsigned fl = 99;
        if (tt_norm_word16k(nz, TT_LANG_EN, TT_SCRIPT_LATN, u, n, key, &out, &fl, &err) ||
            out.len != (size_t)n || memcmp(out.data, want, (size_t)n) != 0 || (n && fl != 0))
            bad++;
        tt_buf_reset(&out);
        if (tt_norm_word16(nz, TT_LANG_EN, TT_SCRIPT_LATN, u, n, &out, NULL, &err) || out.len != (size_t)n ||
            memcmp(out.data, want, (size_t)n) != 0)
            bad++;
    }
    tt_buf_free(&out);
    printf("normfast: %ld ASCII and %ld other tokens, %ld differ\n", ascii_seen, other_seen, bad);
    CU_ASSERT(ascii_seen > 0 && other_seen > 0);
    CU_ASSERT_EQUAL(bad, 0);
}

/* The match-form cache as it grows (norm_word.c: 4,096 slots doubling to 131,072, a 256 KiB arena doubling to 16
 * MiB, then emptied): 60,000 distinct Cyrillic words through one normalizer (five doublings), then every
 * seventh of them again: the memo the caller left on its entry (tt_norm_last_memo) is still there; then 240,000
 * more (the cache emptied at 65,536 entries). Every word's form and flags against a fresh normalizer's. */
static void
test_cache_growth(void)
{
    tt_normalizer *fresh = tt_test_normalizer();
    UChar u[24 + TT_NORM_PAD16];
    tt_buf a = {0}, b = {0};
    tt_error err;
    tt_error_clear(&err);
    long bad = 0, memo_kept = 0, memo_checked = 0, looked = 0;
    enum { NFIRST = 60000, NAGAIN = NFIRST / 7, NMORE = 240000 };
    for (long w = 0; w < NFIRST + NAGAIN + NMORE; w++) {
        int again = w >= NFIRST && w < NFIRST + NAGAIN;
        long id = again ? (w - NFIRST) * 7 : w < NFIRST ? w : w - NAGAIN;
        int32_t n = 0;
        u[n++] = 0x0421; /* С: the lowercase form differs */
        for (long x = id; n < 8 || x; x /= 33)
            u[n++] = (UChar)(x % 33 == 32 ? 0x0451 : 0x0430 + x % 33); /* а..я, ё */
        uint64_t key = tt_norm_key16(nz, TT_LANG_RU, TT_SCRIPT_CYRL, u, n);
        unsigned fa = 99, fb = 98;
        tt_buf_reset(&a);
        tt_buf_reset(&b);
        if (tt_norm_word16k(nz, TT_LANG_RU, TT_SCRIPT_CYRL, u, n, key, &a, &fa, &err)) {
            bad++;
            continue;
        }
        looked++;
        uint32_t *memo = tt_norm_last_memo(nz);
        if (again) {
            memo_checked++;
            memo_kept += memo && *memo == (uint32_t)id + 1;
        } else if (memo) {
            *memo = (uint32_t)id + 1;
        }
        uint64_t k2 = tt_norm_key16(fresh, TT_LANG_RU, TT_SCRIPT_CYRL, u, n);
        if (tt_norm_word16k(fresh, TT_LANG_RU, TT_SCRIPT_CYRL, u, n, k2, &b, &fb, &err) || a.len != b.len ||
            memcmp(a.data, b.data, a.len) != 0 || fa != fb)
            bad++;
        if (w % 1000 == 999) { /* a fresh one each 1,000 words: its cache stays small */
            tt_normalizer_free(fresh);
            fresh = tt_test_normalizer();
        }
    }
    printf("normfast: cache growth: %ld words looked up, %ld differ from a fresh normalizer; memos kept: %ld of "
           "%ld\n", looked, bad, memo_kept, memo_checked);
    CU_ASSERT_EQUAL(looked, NFIRST + NAGAIN + NMORE);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(memo_checked == NAGAIN && memo_kept == memo_checked);
    tt_buf_free(&a);
    tt_buf_free(&b);
    tt_normalizer_free(fresh);
}

static void
reg(void)
{
    nz = tt_test_normalizer();
    tt_test_suite("normfast", "prebreak fast path = one unit at a time, ../shared/corpus", test_prebreak_corpus,
                  "prebreak fast path = one unit at a time, generated", test_prebreak_generated,
                  "ASCII token path = C's lowercase", test_ascii_tokens,
                  "the match-form cache grows: forms as a fresh normalizer's, memos kept", test_cache_growth, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_normalizer_free(nz);
    return rc;
}
