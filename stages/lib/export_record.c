/* export_record.c - the exporter's input side: docres records, line by line, through a small state machine
 * (between records -> header/meta/stat -> body), each body line handed to the accumulators of the outputs
 * (see export_priv.h). */
#include "export_priv.h"

#include "tt/num.h"

#include <stdlib.h>
#include <string.h>

const char *
ex_key_value(tt_exporter *ex, const char *key, size_t *n)
{
    const char *v = tt_kv_get(&ex->meta, key, n);
    if (v || strcmp(key, "year") != 0) {
        if (!v)
            *n = 0;
        return v ? v : "";
    }
    size_t dn;
    const char *d = tt_kv_get(&ex->meta, "date", &dn);
    *n = 0;
    if (!d || dn < 4)
        return "";
    for (int i = 0; i < 4; i++)
        if (d[i] < '0' || d[i] > '9')
            return "";
    if (dn > 4 && d[4] != '-')
        return "";
    *n = 4;
    return d;
}

static uint64_t
stat_u64(tt_exporter *ex, const char *key)
{
    size_t n;
    const char *v = tt_kv_get(&ex->stat, key, &n);
    uint64_t x = 0;
    if (!v || tt_num_parse_u64(v, n, &x))
        return 0;
    return x;
}

int64_t
ex_concept_col(tt_exporter *ex, const tt_docres_line *ln, size_t field, tt_error *err)
{
    int64_t col = tt_strmap_find(&ex->concepts, ln->f[field], ln->n[field]);
    if (col < 0)
        ex_bad_line(err, ln, "concept '%s' is not in the lexicon", ln->f[field]);
    return col;
}

/* ---- record boundaries ------------------------------------------------------------------------------------ */

/* The first body line of a record: the document's row, statistics and groups are known. */
static int
begin_body(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    size_t idn;
    const char *id = tt_kv_get(&ex->meta, "doc_id", &idn);
    if (!id || !idn)
        return ex_bad_line(err, ln, "docres record without %s", "doc_id");
    ex->row++;
    ex->tokens = stat_u64(ex, "tokens");
    size_t stn;
    const char *status = tt_kv_get(&ex->stat, "status", &stn);
    if (!status) {
        status = "ok";
        stn = 2;
    }
    int ok = stn == 2 && memcmp(status, "ok", 2) == 0;
    int rc;
    if ((rc = ex_docs_row(ex, id, idn, status, stn, err)) ||
        (rc = ex_runjson_add_doc(ex, id, idn, status, stn, ok, err)))
        return rc;
    if (ok)
        ex->ndocs_ok++;
    ex->ntok += (double)ex->tokens;
    ex->nsent += (double)stat_u64(ex, "sentences");
    ex->npara += (double)stat_u64(ex, "paragraphs");
    ex->nart += (double)stat_u64(ex, "articles");
    if (ex->period_kind) {
        ex_period_label(ex);
        tt_strmap_reset(&ex->forms_doc);
    }
    if ((rc = ex_groups_begin_doc(ex, err)))
        return rc;
    ex_keyness_begin_doc(ex);
    if ((rc = ex_disc_begin_doc(ex, stat_u64(ex, "sentences"), err)))
        return rc;
    ex->state = 2;
    return 0;
}

static int
cmp_cell(const void *a, const void *b)
{
    const ex_tfcell *x = a, *y = b;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* End of a record: the document's tf cells, merged and in column order, go to every accumulator. */
static int
end_doc(tt_exporter *ex, tt_error *err)
{
    if (ex->ncells > 1)
        qsort(ex->cells, ex->ncells, sizeof *ex->cells, cmp_cell);
    size_t m = 0;
    for (size_t i = 0; i < ex->ncells; i++) {
        if (m && ex->cells[m - 1].col == ex->cells[i].col)
            ex->cells[m - 1].count += ex->cells[i].count;
        else
            ex->cells[m++] = ex->cells[i];
    }
    ex->ncells = m;
    size_t idn;
    const char *id = tt_kv_get(&ex->meta, "doc_id", &idn);
    int rc = 0;
    for (size_t i = 0; i < m && !rc; i++) {
        uint32_t col = ex->cells[i].col;
        uint64_t cnt = ex->cells[i].count;
        if (!cnt)
            continue;
        if ((rc = ex_tables_add_cell(ex, id, idn, col, cnt, err)) || (rc = ex_groups_add(ex, col, cnt, err)))
            return rc;
        if (ex->in_a)
            ex->ka[col] += cnt;
        if (ex->in_b)
            ex->kb[col] += cnt;
    }
    ex->state = 0;
    return rc;
}

/* ---- body lines ------------------------------------------------------------------------------------------- */

static int
add_tf(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    int64_t col = ex_concept_col(ex, ln, 0, err);
    uint64_t cnt;
    if (col < 0)
        return err->code;
    if (tt_num_parse_u64(ln->f[1], ln->n[1], &cnt))
        return ex_bad_line(err, ln, "bad count '%s'", ln->f[1]);
    if (tt_grow((void **)&ex->cells, &ex->capcells, ex->ncells + 1, sizeof *ex->cells))
        return ex_oom(err);
    ex->cells[ex->ncells].col = (uint32_t)col;
    ex->cells[ex->ncells++].count = cnt;
    return 0;
}

static int
add_hit(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    int64_t col = ex_concept_col(ex, ln, 0, err);
    if (col < 0)
        return err->code;
    size_t idn;
    const char *id = tt_kv_get(&ex->meta, "doc_id", &idn);
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_put_tsv(b, id, idn))
        return ex_oom(err);
    /* hits.tsv = doc_id + the hit line's first 9 fields (all but form) + role + page */
    if (tt_role_parse(ln->f[10], ln->n[10]) < 0)
        return ex_bad_line(err, ln, "unknown role '%s'", ln->f[10]);
    /* The first 9 fields are one span of the line, tabs included, escaped as hits.tsv escapes them: copied as
     * they are. Unless a CR stands there unescaped (a record this program writes has none): escaping what was
     * unescaped writes it as \r, so then field by field. */
    const char *span = ln->raw[0];
    size_t spann = (size_t)(ln->raw[8] + ln->rawn[8] - span);
    if (!memchr(span, '\r', spann) && !memchr(ln->raw[10], '\r', ln->rawn[10]) &&
        !memchr(ln->raw[11], '\r', ln->rawn[11])) {
        if (tt_buf_putc(b, '\t') || tt_buf_append(b, span, spann) || tt_buf_putc(b, '\t') ||
            tt_buf_append(b, ln->raw[10], ln->rawn[10]) || tt_buf_putc(b, '\t') ||
            tt_buf_append(b, ln->raw[11], ln->rawn[11]) || tt_buf_putc(b, '\n'))
            return ex_oom(err);
    } else {
        for (size_t i = 0; i < 9; i++)
            if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[i], ln->n[i]))
                return ex_oom(err);
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[10], ln->n[10]) || tt_buf_putc(b, '\t') ||
            tt_buf_put_tsv(b, ln->f[11], ln->n[11]) || tt_buf_putc(b, '\n'))
            return ex_oom(err);
    }
    int rc = ex_put_buf(ex->hits.f, b, err);
    if (rc || !ex->period_kind)
        return rc;
    if (!ex->o.count_all && strcmp(ln->f[10], "text") != 0)
        return 0; /* forms.tsv counts what the counts count */
    return ex_forms_add(ex, ln, col, err);
}

static int
end_line(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    size_t idn;
    const char *id = tt_kv_get(&ex->meta, "doc_id", &idn);
    if (idn != ln->n[0] || memcmp(id, ln->f[0], idn) != 0)
        return ex_bad_line(err, ln, "end line of '%s' closes another document", ln->f[0]);
    return end_doc(ex, err);
}

/* Header, meta and stat lines: 1 when ln was one of them (handled, *rc set), 0 otherwise. */
static int
head_line(tt_exporter *ex, const tt_docres_line *ln, int *rc, tt_error *err)
{
    switch (ln->kind) {
    case TT_DR_HEADER:
        if (ex->state != 0) {
            *rc = ex_bad_line(err, ln, "%s line inside a record", "docres");
        } else if (ln->n[0] != 1 || ln->f[0][0] != '0' + TT_DOCRES_VERSION) {
            tt_error_set(err, TT_EFORMAT, "docres version '%s', this program reads version %d", ln->f[0],
                         TT_DOCRES_VERSION);
            *rc = tt_error_at(err, NULL, ln->lineno, 0);
        } else {
            tt_kv_reset(&ex->meta);
            tt_kv_reset(&ex->stat);
            ex->ncells = 0;
            ex->state = 1;
            *rc = 0;
        }
        return 1;
    case TT_DR_META:
    case TT_DR_STAT:
        if (ex->state != 1)
            *rc = ex_bad_line(err, ln, "%s line out of place", tt_docres_tag(ln->kind));
        else
            *rc = tt_kv_add(ln->kind == TT_DR_META ? &ex->meta : &ex->stat, ln->f[0], ln->n[0], ln->f[1], ln->n[1])
                      ? ex_oom(err)
                      : 0;
        return 1;
    default: return 0;
    }
}

static int
add_line(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    int rc;
    if (head_line(ex, ln, &rc, err))
        return rc;
    if (ex->state == 0)
        return ex_bad_line(err, ln, "%s line outside a record", tt_docres_tag(ln->kind));
    if (ex->state == 1 && (rc = begin_body(ex, ln, err)))
        return rc;
    switch (ln->kind) {
    case TT_DR_TF: return add_tf(ex, ln, err);
    case TT_DR_COOC: return ex_cooc_add(ex, ln, err);
    case TT_DR_HIT: return add_hit(ex, ln, err);
    case TT_DR_VOCAB: return ex_vocab_add(ex, ln, err);
    case TT_DR_VFORM:
    case TT_DR_COLL:
    case TT_DR_COLLC: return ex_disc_add(ex, ln, err);
    case TT_DR_END: return end_line(ex, ln, err);
    default: return ex_bad_line(err, ln, "%s line out of place", tt_docres_tag(ln->kind));
    }
}

int
tt_exporter_add(tt_exporter *ex, const char *docres, size_t n, tt_error *err)
{
    if (ex->broken || ex->finished)
        return tt_error_set(err, TT_EUSAGE, "exporter used after an error or after finish");
    tt_docres_reader r;
    tt_docres_reader_init(&r, docres, n);
    tt_docres_line ln;
    int rc;
    while ((rc = tt_docres_next(&r, &ln, err)) == 1)
        if ((rc = add_line(ex, &ln, err)))
            break;
    tt_docres_reader_free(&r);
    if (rc)
        ex->broken = 1;
    else if (ex->row % 64 == 0) { /* the streams' write-back, begun as they grow (tt_install_dir waits for it) */
        tt_atomic_writeback(&ex->hits);
        tt_atomic_writeback(&ex->docs);
        tt_atomic_writeback(&ex->tf);
    }
    return rc;
}
