/* test_json.c - the JSON writer (tt/json.h) and the Matrix Market writer (tt/mm.h): escapes, members, headers
 * and entry lines, byte for byte. */
#include "support.h"
#include "tt/json.h"
#include "tt/mm.h"

#include <string.h>

static void
test_escapes(void)
{
    tt_buf b = {0};
    CU_ASSERT_EQUAL(tt_json_str(&b, "a\"b\\c\n\x01\x1f", 8), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"a\\\"b\\\\c\\u000a\\u0001\\u001f\"");
    tt_buf_reset(&b);
    /* UTF-8 and DEL are copied as they are; an embedded NUL is escaped */
    CU_ASSERT_EQUAL(tt_json_str(&b, "қазақ\x7f\0z", 13), 0);
    CU_ASSERT_EQUAL(b.len, 20);
    CU_ASSERT_EQUAL(memcmp(b.data, "\"қазақ\x7f\\u0000z\"", 20), 0);
    tt_buf_reset(&b);
    CU_ASSERT_EQUAL(tt_json_cstr(&b, NULL), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"\"");
    tt_buf_free(&b);
}

static void
test_members(void)
{
    tt_buf b = {0};
    const char *items[] = {"window5", "sen\"tence"};
    CU_ASSERT_EQUAL(tt_json_member_str(&b, "icu", "72.1"), 0);
    CU_ASSERT_EQUAL(tt_buf_puts(&b, ", "), 0);
    CU_ASSERT_EQUAL(tt_json_member_bool(&b, "vocab", 0), 0);
    CU_ASSERT_EQUAL(tt_buf_puts(&b, ", "), 0);
    CU_ASSERT_EQUAL(tt_json_member_u64(&b, "n", 18446744073709551615ull), 0);
    CU_ASSERT_EQUAL(tt_buf_puts(&b, ", "), 0);
    CU_ASSERT_EQUAL(tt_json_key(&b, "cooc"), 0);
    CU_ASSERT_EQUAL(tt_json_str_array(&b, items, 2), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"icu\": \"72.1\", \"vocab\": false, \"n\": 18446744073709551615, "
                                   "\"cooc\": [\"window5\", \"sen\\\"tence\"]");
    tt_buf_reset(&b);
    CU_ASSERT_EQUAL(tt_json_str_array(&b, items, 0), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "[]");
    tt_buf_free(&b);
}

static void
test_mm(void)
{
    tt_buf b = {0};
    CU_ASSERT_EQUAL(tt_mm_header(&b, TT_MM_REAL, TT_MM_SYMMETRIC, "rows and columns = concepts.tsv", 3, 3, 2), 0);
    CU_ASSERT_EQUAL(tt_mm_entry(&b, TT_MM_REAL, 2, 1, 0.5), 0);
    CU_ASSERT_EQUAL(tt_mm_entry(&b, TT_MM_INTEGER, 3, 3, 6.9999999), 0);
    CU_ASSERT_EQUAL(tt_mm_entry_u64(&b, 10, 20, 30), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "%%MatrixMarket matrix coordinate real symmetric\n"
                                   "% termtrace " TT_VERSION ": rows and columns = concepts.tsv\n"
                                   "3 3 2\n2 1 0.5\n3 3 7\n10 20 30\n");
    tt_buf_reset(&b);
    CU_ASSERT_EQUAL(tt_mm_header(&b, TT_MM_INTEGER, TT_MM_GENERAL, "x", 0, 0, 0), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "%%MatrixMarket matrix coordinate integer general\n"
                                   "% termtrace " TT_VERSION ": x\n0 0 0\n");
    tt_buf_free(&b);
}

static void
reg(void)
{
    tt_test_suite("json", "strings: quote, backslash, control bytes, NUL, UTF-8 kept", test_escapes,
                  "members and arrays", test_members, NULL);
    tt_test_suite("mm", "Matrix Market header and entries, integer and real", test_mm, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
