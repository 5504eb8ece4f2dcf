/* export_tables.c - the per-document tables: docs.tsv, tf.tsv, hits.tsv (streamed while records arrive),
 * concepts.tsv, tf.mtx and the weighted tables tf.<weight>.tsv (see tt/export.h). */
#include "export_priv.h"

#include "tt/num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int
ex_parse_weights(tt_exporter *ex, const char *s, tt_error *err)
{
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 3 && !memcmp(p, "raw", 3))
            ;
        else if (n == 8 && !memcmp(p, "relative", 8))
            ex->w_rel = 1;
        else if (n == 5 && !memcmp(p, "tfidf", 5))
            ex->w_tfidf = 1;
        else if (n == 7 && !memcmp(p, "boolean", 7))
            ex->w_bool = 1;
        else
            return tt_error_set(err, TT_EUSAGE, "unknown weight '%.*s' (raw, relative, tfidf, boolean)", (int)n,
                                p);
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* Opens the streamed outputs (with their headers) and the scratch files. */
/* docs.tsv columns of the document readers (tt/read.h): the format read and the pages. */
static const char *const read_cols[2] = {"format", "page_count"};

static int
manifest_has(const tt_exporter *ex, const char *col)
{
    for (size_t i = 1; i < ex->o.nmanifest_columns; i++)
        if (strcmp(ex->o.manifest_columns[i], col) == 0)
            return 1;
    return 0;
}

int
ex_open_streams(tt_exporter *ex, tt_error *err)
{
    int rc;
    if ((rc = ex_open_out(ex, &ex->docs, "docs.tsv", err)) || (rc = ex_open_out(ex, &ex->tf, "tf.tsv", err)) ||
        (rc = ex_open_out(ex, &ex->hits, "hits.tsv", err)))
        return rc;
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_puts(b, "doc_id"))
        return ex_oom(err);
    for (size_t i = 1; i < ex->o.nmanifest_columns; i++)
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ex->o.manifest_columns[i], strlen(ex->o.manifest_columns[i])))
            return ex_oom(err);
    if (tt_buf_puts(b, "\tsha256\tbytes\ttokens\tsentences\tarticles\tstatus\tscript_used"
                       "\thits_text\thits_quoted\thits_note\thits_repealed"))
        return ex_oom(err);
    for (size_t i = 0; i < 2; i++) /* format_version 2; a manifest column of the same name holds them instead */
        if (!manifest_has(ex, read_cols[i]) && (tt_buf_putc(b, '\t') || tt_buf_puts(b, read_cols[i])))
            return ex_oom(err);
    if (tt_buf_puts(b, "\twarnings\n"))
        return ex_oom(err);
    if ((rc = ex_put_buf(ex->docs.f, b, err)))
        return rc;
    static const char *const tfh[] = {"doc_id", "concept_id", "count", "per_10k"};
    static const char *const hh[] = {"doc_id", "concept_id", "entry", "start", "end", "sentence",
                                     "article", "surface", "left", "right", "role", "page"};
    if ((rc = ex_write_header(&ex->tf, tfh, 4, err)) || (rc = ex_write_header(&ex->hits, hh, 12, err)))
        return rc;
    if (!(ex->tfmtx = ex_scratch_file(ex, err)) || !(ex->skipped = ex_scratch_file(ex, err)) ||
        !(ex->perdoc = ex_scratch_file(ex, err)))
        return err->code;
    if ((ex->w_rel || ex->w_tfidf || ex->w_bool) && !(ex->wtmp = ex_scratch_file(ex, err)))
        return err->code;
    if (ex->o.vocab && !(ex->vtmp = ex_scratch_file(ex, err)))
        return err->code;
    return 0;
}

/* Appends "\t" and the value of key in l ("" when absent). */
static int
put_kv_col(tt_buf *b, const tt_kv *l, const char *key)
{
    size_t n = 0;
    const char *v = tt_kv_get(l, key, &n);
    return tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, v ? v : "", v ? n : 0);
}

int
ex_docs_row(tt_exporter *ex, const char *id, size_t idn, const char *status, size_t stn, tt_error *err)
{
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_put_tsv(b, id, idn))
        return ex_oom(err);
    for (size_t i = 1; i < ex->o.nmanifest_columns; i++) {
        const char *c = ex->o.manifest_columns[i];
        int rd = !strcmp(c, read_cols[0]) || !strcmp(c, read_cols[1]); /* what was read, not what was declared */
        if (put_kv_col(b, rd ? &ex->stat : &ex->meta, c))
            return ex_oom(err);
    }
    static const char *const cols[] = {"sha256", "bytes", "tokens", "sentences", "articles"};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (put_kv_col(b, &ex->stat, cols[i]))
            return ex_oom(err);
    if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, status, stn) || put_kv_col(b, &ex->stat, "script_used"))
        return ex_oom(err);
    /* hits per role (tt/roles.h); 0 when a record has none (a skipped document) */
    static const char *const rcols[] = {"hits_text", "hits_quoted", "hits_note", "hits_repealed"};
    for (size_t i = 0; i < sizeof rcols / sizeof rcols[0]; i++) {
        size_t n = 0;
        const char *v = tt_kv_get(&ex->stat, rcols[i], &n);
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, v ? v : "0", v ? n : 1))
            return ex_oom(err);
    }
    if ((!manifest_has(ex, read_cols[0]) && put_kv_col(b, &ex->stat, read_cols[0])) ||
        (!manifest_has(ex, read_cols[1]) && put_kv_col(b, &ex->stat, read_cols[1])) ||
        put_kv_col(b, &ex->stat, "warnings") || tt_buf_putc(b, '\n'))
        return ex_oom(err);
    return ex_put_buf(ex->docs.f, b, err);
}

int
ex_tables_add_cell(tt_exporter *ex, const char *id, size_t idn, uint32_t col, uint64_t cnt, tt_error *err)
{
    const char *cid = ex->o.concepts[col].id;
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_put_tsv(b, id, idn) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, cid, strlen(cid)) ||
        tt_buf_putc(b, '\t') || tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\t') ||
        ex_put_per10k(b, cnt, ex->tokens) || tt_buf_putc(b, '\n'))
        return ex_oom(err);
    int rc;
    if ((rc = ex_put_buf(ex->tf.f, b, err)))
        return rc;
    tt_buf_reset(b);
    if (tt_mm_entry_u64(b, ex->row, (uint64_t)col + 1, cnt))
        return ex_oom(err);
    if ((rc = ex_put_buf(ex->tfmtx, b, err)))
        return rc;
    ex->tfnnz++;
    ex->df[col]++;
    if (!ex->wtmp)
        return 0;
    tt_buf_reset(b);
    if (tt_buf_put_u64(b, col) || tt_buf_putc(b, '\t') || tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\t') ||
        tt_buf_put_u64(b, ex->tokens) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, id, idn) ||
        tt_buf_putc(b, '\n'))
        return ex_oom(err);
    return ex_put_buf(ex->wtmp, b, err);
}

int
ex_write_concepts(tt_exporter *ex, tt_error *err)
{
    tt_atomic a = {0};
    int rc = ex_open_out(ex, &a, "concepts.tsv", err);
    if (rc)
        return rc;
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_puts(b, "concept_id\tcategory\tlabel\tparent\n"))
        rc = ex_oom(err);
    for (size_t i = 0; i < ex->nc && !rc; i++) {
        const tt_export_concept *c = &ex->o.concepts[i];
        const char *f[4] = {c->id, c->category, c->label, c->parent};
        for (int k = 0; k < 4 && !rc; k++)
            if ((k && tt_buf_putc(b, '\t')) || tt_buf_put_tsv(b, f[k] ? f[k] : "", f[k] ? strlen(f[k]) : 0))
                rc = ex_oom(err);
        if (!rc && tt_buf_putc(b, '\n'))
            rc = ex_oom(err);
    }
    if (rc) {
        tt_atomic_abort(&a);
        return rc;
    }
    return ex_commit(&a, b, err);
}

int
ex_write_tfmtx(tt_exporter *ex, tt_error *err)
{
    return ex_write_mtx(ex, "tf.mtx", TT_MM_INTEGER, TT_MM_GENERAL, ex->row, ex->nc, ex->tfnnz, ex->tfmtx, NULL,
                        "rows = docs.tsv, columns = concepts.tsv", err);
}

/* One tf.<weight>.tsv line: kind 0 relative, 1 tfidf, 2 boolean. */
static int
weight_line(tt_exporter *ex, tt_buf *b, int kind, const char *doc, uint64_t col, uint64_t cnt, uint64_t tok)
{
    const char *cid = ex->o.concepts[col].id;
    double n = (double)ex->row;
    tt_buf_reset(b);
    if (tt_buf_puts(b, doc) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, cid, strlen(cid)) || tt_buf_putc(b, '\t'))
        return TT_ENOMEM;
    int rc;
    if (kind == 0)
        rc = ex_put_per10k(b, cnt, tok);
    else if (kind == 1)
        rc = tt_num_put_fixed(b, (double)cnt * (log((1.0 + n) / (1.0 + (double)ex->df[col])) + 1.0), 6);
    else
        rc = tt_buf_putc(b, '1');
    return rc || tt_buf_putc(b, '\n') ? TT_ENOMEM : 0;
}

/* Reads the weights' scratch file ("col\tcount\ttokens\tdoc_id" lines) into the open outputs a[i] (on[i]). */
static int
weights_body(tt_exporter *ex, tt_atomic *a, const int *on, tt_error *err)
{
    if (fflush(ex->wtmp) != 0 || fseek(ex->wtmp, 0, SEEK_SET) != 0)
        return tt_error_set(err, TT_EIO, "temporary file failed");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while (!rc && (len = getline(&line, &cap, ex->wtmp)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = 0;
        char *f[4];
        if (ex_split_tabs(line, f, 4) != 4) {
            rc = tt_error_set(err, TT_EIO, "temporary file damaged");
            break;
        }
        uint64_t col = strtoull(f[0], NULL, 10), cnt = strtoull(f[1], NULL, 10), tok = strtoull(f[2], NULL, 10);
        for (int i = 0; i < 3 && !rc; i++) {
            if (!on[i])
                continue;
            if (weight_line(ex, &ex->line, i, f[3], col, cnt, tok))
                rc = ex_oom(err);
            else
                rc = ex_put_buf(a[i].f, &ex->line, err);
        }
    }
    free(line);
    if (!rc && ferror(ex->wtmp))
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
    return rc;
}

int
ex_write_weights(tt_exporter *ex, tt_error *err)
{
    if (!ex->wtmp)
        return 0;
    static const char *const names[3] = {"tf.relative.tsv", "tf.tfidf.tsv", "tf.boolean.tsv"};
    int on[3] = {ex->w_rel, ex->w_tfidf, ex->w_bool};
    tt_atomic a[3] = {{0}, {0}, {0}};
    int rc = 0;
    for (int i = 0; i < 3 && !rc; i++)
        if (on[i] && !(rc = ex_open_out(ex, &a[i], names[i], err)) &&
            ex_put_str(a[i].f, "doc_id\tconcept_id\tvalue\n") < 0)
            rc = tt_error_set(err, TT_EIO, "write failed");
    if (!rc)
        rc = weights_body(ex, a, on, err);
    for (int i = 0; i < 3; i++) {
        if (!on[i])
            continue;
        if (rc)
            tt_atomic_abort(&a[i]);
        else
            rc = tt_atomic_commit(&a[i], err);
    }
    return rc;
}
