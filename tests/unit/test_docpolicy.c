/* test_docpolicy.c - the per-document policy (tt/docpolicy.h): status texts and outcomes, the statistics a
 * skipped document reports, the status of a docres record read by parsing (a manifest value or key that looks
 * like a status line cannot fool it), the reserved docs.tsv names. */
#include "support.h"
#include "tt/docpolicy.h"
#include "tt/worker.h"

#include <string.h>

static void
test_status(void)
{
    tt_buf st = {0};
    CU_ASSERT_EQUAL(tt_doc_status(NULL, 5, 30, &st), TT_DOC_OK);
    CU_ASSERT_STRING_EQUAL(st.data, "ok");
    CU_ASSERT_EQUAL(tt_doc_status("ok", 0, 6, &st), TT_DOC_EMPTY);
    CU_ASSERT_STRING_EQUAL(st.data, "skipped: empty document: no words in 6 bytes of text");
    CU_ASSERT_EQUAL(tt_doc_status("skipped: byte 0: not a text file: PNG image", 0, 0, &st), TT_DOC_FAILED);
    CU_ASSERT_STRING_EQUAL(st.data, "skipped: byte 0: not a text file: PNG image");
    tt_error e;
    tt_error_clear(&e);
    tt_error_set(&e, TT_EBINARY, "not a text file: PNG image");
    tt_error_at_offset(&e, "/corpus/b.txt", 0);
    CU_ASSERT_EQUAL(tt_doc_failed_status(&e, &st), 0);
    CU_ASSERT_STRING_EQUAL(st.data, "skipped: byte 0: not a text file: PNG image"); /* no path */
    CU_ASSERT_EQUAL(tt_doc_status(st.data, 0, 0, &st), TT_DOC_FAILED); /* its own buffer */
    CU_ASSERT_STRING_EQUAL(st.data, "skipped: byte 0: not a text file: PNG image");
    tt_buf_free(&st);
}

static int
key(const char *k)
{
    for (int i = 0; i < TT_NSTAT; i++)
        if (!strcmp(tt_stat_keys[i], k))
            return i;
    return -1;
}

static void
test_stats(void)
{
    const char *v[TT_NSTAT];
    for (int i = 0; i < TT_NSTAT; i++)
        v[i] = "7";
    v[key("script_used")] = "Cyrl";
    tt_doc_stats(TT_DOC_FAILED, v);
    CU_ASSERT_STRING_EQUAL(v[key("tokens")], "0");
    CU_ASSERT_STRING_EQUAL(v[key("text_bytes")], "0");
    CU_ASSERT_STRING_EQUAL(v[key("hyphen_joins")], "0");
    CU_ASSERT_STRING_EQUAL(v[key("script_used")], "");
    CU_ASSERT_STRING_EQUAL(v[key("script_confidence")], "0");
    CU_ASSERT_STRING_EQUAL(v[key("bytes")], "7"); /* the raw file's size stays */
    for (int i = 0; i < TT_NSTAT; i++)
        v[i] = "7";
    tt_doc_stats(TT_DOC_EMPTY, v); /* read whole: keeps its text statistics */
    CU_ASSERT_STRING_EQUAL(v[key("text_bytes")], "7");
    CU_ASSERT_STRING_EQUAL(v[key("script_confidence")], "7");
    v[key("text_bytes")] = "0";
    tt_doc_stats(TT_DOC_EMPTY, v); /* no text at all: no script was detected */
    CU_ASSERT_STRING_EQUAL(v[key("script_confidence")], "0");
}

static void
test_record_ok(void)
{
    tt_error e;
    tt_error_clear(&e);
    const char *ok = "docres\t1\nmeta\tdoc_id\ta\nstat\tstatus\tok\ntf\tc\t1\nend\ta\n";
    CU_ASSERT_EQUAL(tt_docres_record_ok(ok, strlen(ok), &e), 1);
    const char *sk = "docres\t1\nmeta\tdoc_id\tb\nstat\tstatus\tskipped: x\nend\tb\n";
    CU_ASSERT_EQUAL(tt_docres_record_ok(sk, strlen(sk), &e), 0);
    /* a meta line named status with the value ok is not the document's status (strstr found it) */
    const char *meta = "docres\t1\nmeta\tdoc_id\tb\nmeta\tstatus\tok\nstat\tstatus\tskipped: x\nend\tb\n";
    CU_ASSERT_EQUAL(tt_docres_record_ok(meta, strlen(meta), &e), 0);
    /* an escaped value that spells a status line */
    const char *esc = "docres\t1\nmeta\tdoc_id\tb\nmeta\tnote\t\\tstatus\\tok\\n\nstat\tstatus\tskipped: x\nend\tb\n";
    CU_ASSERT_EQUAL(tt_docres_record_ok(esc, strlen(esc), &e), 0);
    const char *none = "docres\t1\nmeta\tdoc_id\ta\ntf\tc\t1\nend\ta\n";
    CU_ASSERT_EQUAL(tt_docres_record_ok(none, strlen(none), &e), TT_ESYNTAX);
    const char *junk = "stat\tstatus ok\n";
    CU_ASSERT(tt_docres_record_ok(junk, strlen(junk), &e) < 0);
}

static void
test_reserved(void)
{
    CU_ASSERT(tt_docs_column_reserved("status"));
    CU_ASSERT(tt_docs_column_reserved("tokens"));
    CU_ASSERT(tt_docs_column_reserved("script_used"));
    CU_ASSERT(!tt_docs_column_reserved("country"));
    CU_ASSERT(!tt_docs_column_reserved("doc_id"));
    CU_ASSERT(!tt_docs_column_reserved("Status"));
}

static void
reg(void)
{
    tt_test_suite("docpolicy", "status texts and outcomes", test_status, "statistics of skipped documents",
                  test_stats, "a record's status is parsed", test_record_ok, "reserved docs.tsv names",
                  test_reserved, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
