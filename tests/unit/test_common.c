/* test_common.c - tt_buf, TSV escaping, error formatting, language and script names. */
#include "support.h"
#include "tt/common.h"

#include <errno.h>
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

static void
reg(void)
{
    tt_test_suite("common", "tt_buf grows, escapes and unescapes TSV", test_buf_grows_and_escapes,
                  "errors format as 'file':line:col: msg", test_error_format,
                  "language and script names parse", test_lang_script, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
