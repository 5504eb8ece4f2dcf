/* docpolicy.c - the per-document policy shared by the worker and the stage programs (see tt/docpolicy.h). */
#include "tt/docpolicy.h"

#include "tt/docres.h"
#include "tt/worker.h"

#include <string.h>

const char *const tt_docs_columns[] = {"sha256", "bytes", "tokens", "sentences", "articles",
                                       "status", "script_used", NULL};

int
tt_docs_column_reserved(const char *name)
{
    for (size_t i = 0; tt_docs_columns[i]; i++)
        if (!strcmp(name, tt_docs_columns[i]))
            return 1;
    return 0;
}

int
tt_doc_status_ok(const char *s, size_t n)
{
    return n == 2 && s[0] == 'o' && s[1] == 'k';
}

int
tt_doc_failed_status(const tt_error *e, tt_buf *status)
{
    char msg[1200];
    tt_error e2 = *e;
    e2.path[0] = 0; /* the status names the problem; the path is in docs.tsv already */
    tt_error_format(&e2, msg, sizeof msg);
    tt_buf_reset(status);
    return tt_buf_printf(status, "skipped: %s", msg) ? TT_ENOMEM : 0;
}

int
tt_doc_status(const char *read_status, uint64_t tokens, uint64_t text_bytes, tt_buf *status)
{
    if (read_status && !tt_doc_status_ok(read_status, strlen(read_status))) {
        if (status->data && read_status == status->data)
            return TT_DOC_FAILED; /* already there */
        tt_buf_reset(status);
        return tt_buf_puts(status, read_status) ? TT_ENOMEM : TT_DOC_FAILED;
    }
    tt_buf_reset(status);
    if (tokens == 0)
        return tt_buf_printf(status, "skipped: empty document: no words in %llu bytes of text",
                             (unsigned long long)text_bytes)
                   ? TT_ENOMEM
                   : TT_DOC_EMPTY;
    return tt_buf_puts(status, "ok") ? TT_ENOMEM : TT_DOC_OK;
}

static int
stat_index(const char *key)
{
    for (int i = 0; i < TT_NSTAT; i++)
        if (!strcmp(tt_stat_keys[i], key))
            return i;
    return -1;
}

void
tt_doc_stats(tt_doc_outcome outcome, const char **vals)
{
    static const char *const text_stats[] = {"text_bytes", "tokens", "sentences", "articles", "paragraphs",
                                             "homoglyph_repairs", "mixed_unrepaired", "hyphen_joins",
                                             "line_joins"};
    int conf = stat_index("script_confidence"), tb = stat_index("text_bytes");
    if (outcome == TT_DOC_FAILED) {
        for (size_t i = 0; i < sizeof text_stats / sizeof *text_stats; i++) {
            int k = stat_index(text_stats[i]);
            if (k >= 0)
                vals[k] = "0";
        }
        int su = stat_index("script_used");
        if (su >= 0)
            vals[su] = "";
    }
    if (conf >= 0 && (outcome == TT_DOC_FAILED || (tb >= 0 && (!vals[tb] || !strcmp(vals[tb], "0") ||
                                                               !vals[tb][0]))))
        vals[conf] = "0";
}

int
tt_docres_record_ok(const char *rec, size_t n, tt_error *err)
{
    tt_docres_reader r;
    tt_docres_line ln;
    int rc, ok = -1;
    tt_docres_reader_init(&r, rec, n);
    while ((rc = tt_docres_next(&r, &ln, err)) == 1) {
        if (ln.kind == TT_DR_STAT && !strcmp(ln.f[0], "status")) {
            ok = tt_doc_status_ok(ln.f[1], ln.n[1]);
            break;
        }
        if (ln.kind != TT_DR_HEADER && ln.kind != TT_DR_META && ln.kind != TT_DR_STAT)
            break; /* the counts: no status line before them */
    }
    uint64_t line = r.line;
    tt_docres_reader_free(&r);
    if (rc < 0)
        return rc;
    if (ok < 0) {
        tt_error_set(err, TT_ESYNTAX, "docres record without a status line");
        return tt_error_at(err, NULL, line, 0);
    }
    return ok;
}

int
tt_docres_record_stat(const char *rec, size_t n, const char *key, char *val, size_t cap, tt_error *err)
{
    tt_docres_reader r;
    tt_docres_line ln;
    int rc, found = 0;
    tt_docres_reader_init(&r, rec, n);
    while ((rc = tt_docres_next(&r, &ln, err)) == 1) {
        if (ln.kind == TT_DR_STAT && !strcmp(ln.f[0], key)) {
            found = ln.n[1] < cap;
            if (found)
                memcpy(val, ln.f[1], ln.n[1] + 1);
            break;
        }
        if (ln.kind != TT_DR_HEADER && ln.kind != TT_DR_META && ln.kind != TT_DR_STAT)
            break;
    }
    tt_docres_reader_free(&r);
    return rc < 0 ? rc : found;
}
