/* test_common.c - tt_buf, TSV escaping, error formatting, language and script names. */
#include "support.h"
#include "tt/common.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void
test_buf_grows_and_escapes(void)
{
    tt_buf b = {0};
    for (int i = 0; i < 1000; i++)
        CU_ASSERT_EQUAL(tt_buf_puts(&b, "ab"), 0);
    CU_ASSERT_EQUAL(b.len, 2000);
    tt_buf_reset(&b);
    CU_ASSERT_EQUAL(tt_buf_put_tsv(&b, "a\tb\nc\\d", 7), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "a\\tb\\nc\\\\d");
    tt_buf u = {0};
    CU_ASSERT_EQUAL(tt_tsv_unescape(&u, b.data, b.len), 0);
    CU_ASSERT_STRING_EQUAL(u.data, "a\tb\nc\\d");
    tt_buf_reset(&u);
    CU_ASSERT_EQUAL(tt_tsv_unescape(&u, "x\\q", 3), TT_ESYNTAX);
    tt_buf_reset(&b);
    tt_buf_put_u64(&b, 0);
    tt_buf_putc(&b, ' ');
    tt_buf_put_u64(&b, 18446744073709551615u);
    CU_ASSERT_STRING_EQUAL(b.data, "0 18446744073709551615");
    tt_buf_free(&b);
    tt_buf_free(&u);
}

static void
test_error_format(void)
{
    tt_error e;
    char msg[256];
    tt_error_clear(&e);
    tt_error_set(&e, TT_EENCODING, "invalid UTF-8 byte 0x%02X", 0xC0);
    tt_error_at(&e, "corpus/a.txt", 12, 4);
    CU_ASSERT_STRING_EQUAL(tt_error_format(&e, msg, sizeof msg),
                           "'corpus/a.txt':12:4: invalid UTF-8 byte 0xC0");
    tt_error_clear(&e);
    tt_error_set(&e, TT_EBINARY, "not text");
    tt_error_at_offset(&e, "x.bin", 7);
    CU_ASSERT_STRING_EQUAL(tt_error_format(&e, msg, sizeof msg), "'x.bin': byte 7: not text");
    /* each reason once: an i/o message that already ends with the system's reason does not get it twice */
    tt_error_clear(&e);
    errno = ENOENT;
    tt_error_set(&e, TT_EIO, "cannot open lexicon: %s", strerror(ENOENT));
    tt_error_at(&e, "x.lex", 0, 0);
    CU_ASSERT_STRING_EQUAL(tt_error_format(&e, msg, sizeof msg),
                           "'x.lex': cannot open lexicon: No such file or directory");
    tt_error_clear(&e);
    errno = ENOENT;
    tt_error_set(&e, TT_EIO, "cannot open manifest");
    CU_ASSERT_STRING_EQUAL(tt_error_format(&e, msg, sizeof msg), "cannot open manifest: No such file or directory");
}

static void
test_lang_script(void)
{
    CU_ASSERT_EQUAL(tt_lang_parse("kk", 2), TT_LANG_KK);
    CU_ASSERT_EQUAL(tt_lang_parse("uz", 2), TT_LANG_UZ);
    CU_ASSERT_EQUAL(tt_lang_parse("de", 2), TT_LANG_OTHER);
    CU_ASSERT_FALSE(tt_lang_known("kaa", 3));
    CU_ASSERT_EQUAL(tt_script_parse("Latn-2018", 9), TT_SCRIPT_LATN_2018);
    CU_ASSERT_EQUAL(tt_script_parse("", 0), TT_SCRIPT_ANY);
    CU_ASSERT_EQUAL(tt_script_parse("Latn-2019", 9), -1);
    CU_ASSERT_STRING_EQUAL(tt_script_name(TT_SCRIPT_CYRL), "Cyrl");
}

/* tt_buf_put_tsv (whose fast path copies and escapes 16 bytes a step for up to 4 KiB, and skips 16 bytes at a time
 * beyond) against a plain escaper, and tt_tsv_unescape back, on 100,000 generated strings of bytes where the word
 * test could go wrong: the four escaped bytes, the bytes next to them (0x0B, 0x0C, 0x0D, 0x0E, '[', ']'), NUL, high
 * bytes, at every offset of a block, of up to 200 bytes and some around 4 KiB, also appended to what the buffer
 * holds; and on slices of ../shared/corpus text (SKIP, counted, when absent). Also bad escapes. */
static void
plain_escape(tt_buf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *e = s[i] == '\t'    ? "\\t"
                        : s[i] == '\n'  ? "\\n"
                        : s[i] == '\r'  ? "\\r"
                        : s[i] == '\\' ? "\\\\"
                                        : NULL;
        if (e)
            tt_buf_append(b, e, 2);
        else
            tt_buf_putc(b, (char)s[i]);
    }
}

/* tt_buf_put_tsv = plain_escape on s[0..n), appended after what b holds (pre, its length); 1 if they differ. */
static int
tsv_differs(tt_buf *fast, tt_buf *plain, size_t pre, const unsigned char *s, size_t n)
{
    tt_buf_reset(fast);
    tt_buf_reset(plain);
    for (size_t i = 0; i < pre; i++) {
        tt_buf_putc(fast, 'p');
        tt_buf_putc(plain, 'p');
    }
    tt_buf_put_tsv(fast, (const char *)s, n);
    plain_escape(plain, s, n);
    return fast->len != plain->len || memcmp(fast->data, plain->data, plain->len) != 0 ||
           fast->data[fast->len] != 0;
}

static long tsv_corpus_differ, tsv_corpus_compared;

/* Slices of a corpus file (lengths 0..300 at spread offsets, some above 4 KiB), then with the bytes that are
 * escaped written in at random. */
static void
tsv_corpus_text(char *text, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    tt_buf fast = {0}, plain = {0};
    uint64_t x = 0x2545F4914F6CDD1Dull;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t at = 0, k = 0; at < n; at += 997, k++) {
            size_t len = k % 7 == 0 ? 5000 + k % 300 : k % 301;
            if (at + len > n)
                len = n - at;
            tsv_corpus_differ += tsv_differs(&fast, &plain, k % 5, (const unsigned char *)text + at, len);
            tsv_corpus_compared++;
        }
        for (size_t c = 0; c < n / 64 + 1; c++)
            text[tt_test_xorshift(&x) % n] = "\t\n\r\\\x0b\x0e"[tt_test_xorshift(&x) % 6];
    }
    tt_buf_free(&fast);
    tt_buf_free(&plain);
}

static void
test_tsv_corpus(void)
{
    long files = tt_test_corpus("TSV escapes = a plain escaper on ../shared/corpus", tsv_corpus_text, NULL);
    if (files < 0)
        return;
    printf("tsv: %ld files of ../shared/corpus, %ld slices compared, %ld differ\n", files, tsv_corpus_compared,
           tsv_corpus_differ);
    CU_ASSERT(files > 0);
    CU_ASSERT_EQUAL(tsv_corpus_differ, 0);
}

static void
test_tsv_generated(void)
{
    static const unsigned char bytes[] = {'\t', '\n', '\r', '\\', 0x0B, 0x0C, 0x0E, 0x0F, '[', ']', 0, 0x80,
                                          0xD0, 0xFF, 'a', ' ', 'z', 0x5D, 0x1F, 0x01};
    uint64_t x = 88172645463325252ull;
    tt_buf fast = {0}, plain = {0}, back = {0};
    long differ = 0;
    unsigned char s[5000];
    for (int t = 0; t < 100000; t++) {
        size_t n = t % 1000 == 999 ? 4090 + (size_t)(t / 1000) % 10 : t % 5 == 4 ? (size_t)(t % 200) : (size_t)(t % 41);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* mostly plain letters, so that whole words pass the skip, with a special byte here and there */
            s[i] = x % 4 ? (unsigned char)('a' + x % 26) : bytes[(x >> 8) % sizeof bytes];
        }
        tt_buf_reset(&fast);
        tt_buf_reset(&plain);
        tt_buf_reset(&back);
        tt_buf_put_tsv(&fast, (const char *)s, n);
        plain_escape(&plain, s, n);
        if (t % 3 == 0) { /* appended after what the buffer holds: a second time, from an offset */
            tt_buf_put_tsv(&fast, (const char *)s + n / 3, n - n / 3);
            plain_escape(&plain, s + n / 3, n - n / 3);
        }
        differ += fast.len != plain.len || (n && memcmp(fast.data, plain.data, plain.len) != 0);
        differ += t % 3 != 0 && (tt_tsv_unescape(&back, fast.data ? fast.data : "", fast.len) != 0 ||
                                 back.len != n || (n && memcmp(back.data, s, n) != 0));
    }
    CU_ASSERT_EQUAL(differ, 0);
    /* bad escapes: the bytes before them are kept (as they always were), TT_ESYNTAX */
    tt_buf_reset(&back);
    CU_ASSERT_EQUAL(tt_tsv_unescape(&back, "abcdefghij\\x", 12), TT_ESYNTAX);
    CU_ASSERT_EQUAL(back.len, 10);
    tt_buf_reset(&back);
    CU_ASSERT_EQUAL(tt_tsv_unescape(&back, "ab\\", 3), TT_ESYNTAX);
    CU_ASSERT_EQUAL(back.len, 2);
    tt_buf_free(&fast);
    tt_buf_free(&plain);
    tt_buf_free(&back);
}

static void
reg(void)
{
    tt_test_suite("common", "tt_buf grows, escapes and unescapes TSV", test_buf_grows_and_escapes,
                  "TSV escapes = a plain escaper on 100,000 generated strings", test_tsv_generated,
                  "TSV escapes = a plain escaper on ../shared/corpus", test_tsv_corpus,
                  "errors format as 'file':line:col: msg", test_error_format,
                  "language and script names parse", test_lang_script, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
