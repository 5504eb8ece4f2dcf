/* report.c - report/index.html from an output folder (see tt/report.h): reads run.json,
 * concepts.tsv and docs.tsv, runs the sections, writes the page and the SVGs, and installs report/
 * atomically for `pipeline report OUT`. The corpus-at-a-glance and provenance sections are here;
 * the charts of counts are in report_data.c, keyness, co-occurrence and the concordance in
 * report_kwic.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "tt/fs.h"
#include "tt/atomic.h"
#include "tt/run.h"
#include "tt/tsv.h"

#include "report_priv.h"

int
rp_oom(rp_ctx *c)
{
    return tt_error_set(c->err, TT_ENOMEM, "out of memory");
}

int
rp_missing(rp_ctx *c, const char *file, const char *cols)
{
    tt_buf *b = &c->notes;
    int bad = tt_buf_puts(b, "<p class=\"note warn\" data-missing=\"") | rp_esc(b, file);
    bad |= tt_buf_puts(b, "\">") | rp_esc(b, file) | tt_buf_puts(b, " lacks the columns ") |
           rp_esc(b, cols);
    bad |= tt_buf_puts(b, " that this version reads: its section is left out.</p>\n");
    return bad ? rp_oom(c) : 0;
}

const char *
rp_path(rp_ctx *c, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", c->dir, name);
    return buf;
}

const char *
rp_clabel(const rp_ctx *c, size_t i)
{
    return c->clabel[i] && *c->clabel[i] ? c->clabel[i] : c->cid[i];
}

const char *
rp_doc_field(const rp_ctx *c, const rp_doc *d, const char *col)
{
    for (size_t i = 0; i < c->ndoccols; i++)
        if (!strcmp(c->doccols[i], col))
            return d->vals[i];
    return "";
}

void
rp_period_of(const char *period, const char *year, char *out, size_t n)
{
    out[0] = 0;
    if (strlen(year) != 4 || strspn(year, "0123456789") != 4)
        return;
    int v = atoi(year);
    if (!period || !*period || !strcmp(period, "year")) {
        snprintf(out, n, "%04d", v);
    } else if (!strcmp(period, "5y")) {
        snprintf(out, n, "%04d-%04d", v - v % 5, v - v % 5 + 4);
    } else { /* break years, as the exporter labels them */
        int br[256], nb = 0;
        for (const char *p = period; *p && nb < 256;) {
            br[nb++] = atoi(p);
            p = strchr(p, ',');
            if (!p)
                break;
            p++;
        }
        if (!nb)
            return;
        if (v < br[0]) {
            snprintf(out, n, "<%d", br[0]);
            return;
        }
        int i = 0;
        while (i + 1 < nb && v >= br[i + 1])
            i++;
        if (i + 1 < nb)
            snprintf(out, n, "%d-%d", br[i], br[i + 1] - 1);
        else
            snprintf(out, n, "%d+", br[i]);
    }
}

int
rp_section_begin(rp_ctx *c, const char *id, const char *title)
{
    if (c->ntoc < 16) {
        c->toc_id[c->ntoc] = id;
        c->toc_title[c->ntoc++] = title;
    }
    int rc = tt_buf_puts(&c->html, "<section id=\"") | rp_esc(&c->html, id) |
             tt_buf_puts(&c->html, "\">\n<h2>");
    rc |= rp_esc(&c->html, title) | tt_buf_puts(&c->html, "</h2>\n");
    return rc ? rp_oom(c) : 0;
}

static int
write_file(rp_ctx *c, const char *name, const char *pre, const char *data, size_t n)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", c->rdir, name);
    tt_atomic a = {0};
    int rc = tt_atomic_open_flags(&a, path, TT_ATOMIC_STAGED, c->err); /* c->rdir: installed by tt_install_dir */
    if (rc)
        return rc;
    if (pre)
        fputs(pre, a.f);
    fwrite(data, 1, n, a.f);
    return tt_atomic_commit(&a, c->err);
}

int
rp_emit_figure(rp_ctx *c, const char *name, const char *caption)
{
    char fname[300];
    snprintf(fname, sizeof fname, "%s.svg", name);
    int rc = write_file(c, fname, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                        c->svg.data ? c->svg.data : "", c->svg.len);
    if (rc)
        return rc;
    if (rp_html_figure(&c->html, c->svg.data ? c->svg.data : "", c->svg.len, name, caption))
        return rp_oom(c);
    tt_buf_reset(&c->svg);
    c->nfig++;
    return 0;
}

/* Reads a whole file (plain or gzip) into a malloc'ed buffer. */
static char *
slurp(const char *path, size_t *n)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    tt_buf b = {0};
    char chunk[65536];
    int k;
    while ((k = gzread(f, chunk, sizeof chunk)) > 0)
        if (tt_buf_append(&b, chunk, (size_t)k)) {
            k = -1;
            break;
        }
    gzclose(f);
    if (k < 0) {
        tt_buf_free(&b);
        return NULL;
    }
    return tt_buf_detach(&b, n);
}

static int
load_run_json(rp_ctx *c)
{
    char path[4400];
    rp_path(c, "run.json", path, sizeof path);
    if (access(path, F_OK) != 0)
        strcat(path, ".gz");
    size_t n;
    char *s = slurp(path, &n);
    if (!s) {
        tt_error_set(c->err, TT_EIO, "cannot read run.json (is this the output folder of a run?)");
        c->err->sys_errno = errno;
        return tt_error_at(c->err, path, 0, 0);
    }
    int rc = rj_parse(&c->run, s, n, c->err);
    free(s);
    if (rc && rc != TT_ENOMEM)
        tt_error_at(c->err, path, c->err->line, c->err->column); /* (a bare snprintf into err->path fails the
                                                                     -O1 -Werror build: format-truncation) */
    return rc;
}

static char *
dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

static int
load_concepts(rp_ctx *c)
{
    char path[4400];
    tt_tsv *t;
    int rc = tt_tsv_open(&t, rp_path(c, "concepts.tsv", path, sizeof path), c->err);
    if (rc)
        return rc;
    int ci = tt_tsv_col(t, "concept_id"), cl = tt_tsv_col(t, "label"),
        cc = tt_tsv_col(t, "category"), cp = tt_tsv_col(t, "parent");
    if (ci < 0) {
        tt_tsv_close(t);
        tt_error_set(c->err, TT_ESYNTAX, "no concept_id column");
        return tt_error_at(c->err, path, 1, 0);
    }
    size_t cap = 0;
    while ((rc = tt_tsv_next(t, c->err)) == 1) {
        if (c->nc == cap) {
            cap = cap ? cap * 2 : 64;
            char **a = realloc(c->cid, cap * sizeof *a),
                 **b = a ? realloc(c->clabel, cap * sizeof *b) : NULL;
            if (a)
                c->cid = a;
            if (b)
                c->clabel = b;
            char **d = b ? realloc(c->ccat, cap * sizeof *d) : NULL;
            if (d)
                c->ccat = d;
            char **e = d ? realloc(c->cparent, cap * sizeof *e) : NULL;
            if (!e) {
                rc = rp_oom(c);
                break;
            }
            c->cparent = e;
        }
        size_t k = c->nc;
        c->cid[k] = dup_or_empty(tt_tsv_get(t, ci));
        c->clabel[k] = dup_or_empty(tt_tsv_get(t, cl));
        c->ccat[k] = dup_or_empty(tt_tsv_get(t, cc));
        c->cparent[k] = dup_or_empty(tt_tsv_get(t, cp));
        c->nc++;
        size_t idx;
        if (!c->cid[k] || !c->clabel[k] || !c->ccat[k] || !c->cparent[k] ||
            tt_strmap_intern(&c->cix, c->cid[k], strlen(c->cid[k]), &idx, NULL)) {
            rc = rp_oom(c);
            break;
        }
    }
    tt_tsv_close(t);
    return rc < 0 ? rc : 0;
}

static int
load_docs(rp_ctx *c)
{
    char path[4400];
    tt_tsv *t;
    int rc = tt_tsv_open(&t, rp_path(c, "docs.tsv", path, sizeof path), c->err);
    if (rc)
        return rc;
    if (tt_tsv_col(t, "doc_id") < 0) {
        tt_tsv_close(t);
        tt_error_set(c->err, TT_ESYNTAX, "no doc_id column");
        return tt_error_at(c->err, path, 1, 0);
    }
    c->ndoccols = tt_tsv_ncols(t);
    c->doccols = calloc(c->ndoccols, sizeof *c->doccols);
    if (!c->doccols) {
        tt_tsv_close(t);
        return rp_oom(c);
    }
    for (size_t i = 0; i < c->ndoccols; i++)
        if (!(c->doccols[i] = strdup(tt_tsv_colname(t, i)))) {
            tt_tsv_close(t);
            return rp_oom(c);
        }
    int cs =
        tt_tsv_col(t, "script_used") >= 0 ? tt_tsv_col(t, "script_used") : tt_tsv_col(t, "script");
    int cy = tt_tsv_col(t, "year"), cd = tt_tsv_col(t, "date");
    size_t cap = 0;
    while ((rc = tt_tsv_next(t, c->err)) == 1) {
        if (c->ndocs == cap) {
            cap = cap ? cap * 2 : 256;
            rp_doc *d = realloc(c->docs, cap * sizeof *d);
            if (!d) {
                rc = rp_oom(c);
                break;
            }
            c->docs = d;
        }
        rp_doc *d = &c->docs[c->ndocs];
        memset(d, 0, sizeof *d);
        c->ndocs++;
        d->vals = calloc(c->ndoccols, sizeof *d->vals);
        if (!d->vals) {
            rc = rp_oom(c);
            break;
        }
        int bad = 0;
        for (size_t i = 0; i < c->ndoccols; i++)
            bad |= !(d->vals[i] = strdup(tt_tsv_get(t, (int)i)));
        char year[8] = "";
        const char *ys = cy >= 0 ? tt_tsv_get(t, cy) : tt_tsv_get(t, cd);
        if (strlen(ys) >= 4 && strspn(ys, "0123456789") >= 4)
            memcpy(year, ys, 4);
        char per[32];
        rp_period_of(c->period, year, per, sizeof per);
        d->id = strdup(tt_tsv_get(t, tt_tsv_col(t, "doc_id")));
        d->country = strdup(tt_tsv_get(t, tt_tsv_col(t, "country")));
        d->lang = strdup(tt_tsv_get(t, tt_tsv_col(t, "lang")));
        d->script = strdup(tt_tsv_get(t, cs));
        d->title = strdup(tt_tsv_get(t, tt_tsv_col(t, "title")));
        d->status = strdup(tt_tsv_get(t, tt_tsv_col(t, "status")));
        d->year = strdup(year);
        d->period = strdup(per);
        d->tokens = tt_tsv_num(t, tt_tsv_col(t, "tokens"));
        d->ok = !strcmp(d->status ? d->status : "", "ok");
        size_t idx;
        if (bad || !d->id || !d->country || !d->lang || !d->script || !d->title || !d->status ||
            !d->year || !d->period ||
            tt_strmap_intern(&c->docix, d->id, strlen(d->id), &idx, NULL)) {
            rc = rp_oom(c);
            break;
        }
    }
    tt_tsv_close(t);
    return rc < 0 ? rc : 0;
}

/* ---- corpus at a glance
 * ---------------------------------------------------------------------------------- */
typedef struct {
    tt_strmap m; /* value -> val[0] documents, val[1] tokens */
} tally;

static int
tally_add(tally *t, const char *v, double tokens)
{
    size_t i;
    if (tt_strmap_intern(&t->m, v, strlen(v), &i, NULL))
        return TT_ENOMEM;
    t->m.val[i][0]++;
    t->m.val[i][1] += (uint64_t)tokens;
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "kk 8, ru 4" (values in byte order, "(none)" for empty). */
static int
tally_list(tt_buf *b, tally *t)
{
    const char **v = malloc((t->m.n ? t->m.n : 1) * sizeof *v);
    if (!v)
        return TT_ENOMEM;
    for (size_t i = 0; i < t->m.n; i++)
        v[i] = tt_strmap_key(&t->m, i, NULL);
    qsort(v, t->m.n, sizeof *v, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < t->m.n; i++) {
        int64_t k = tt_strmap_find(&t->m, v[i], strlen(v[i]));
        rc |= tt_buf_puts(b, i ? ", " : "") | rp_esc(b, *v[i] ? v[i] : "(none)") |
              tt_buf_putc(b, ' ');
        rc |= rp_count(b, (double)t->m.val[k][0]);
    }
    free(v);
    return rc;
}

static int
card(tt_buf *b, const char *stat, double value, const char *label, const char *detail)
{
    int rc = tt_buf_printf(b, "<div class=\"card\" data-stat=\"%s\" data-value=\"", stat);
    rc |= rp_num(b, value, 0) | tt_buf_puts(b, "\"><b>") | rp_count(b, value) |
          tt_buf_puts(b, "</b>");
    rc |= rp_esc(b, label);
    if (detail && *detail)
        rc |= tt_buf_puts(b, "<br><span>") | tt_buf_puts(b, detail) | tt_buf_puts(b, "</span>");
    return rc | tt_buf_puts(b, "</div>\n");
}

int
rp_section_glance(rp_ctx *c)
{
    int rc = rp_section_begin(c, "corpus", "The corpus at a glance");
    if (rc)
        return rc;
    tally lang = {0}, script = {0}, country = {0}, year = {0};
    double tokens = 0, ok = 0;
    const char *ymin = NULL, *ymax = NULL;
    int bad = 0;
    for (size_t i = 0; i < c->ndocs; i++) {
        const rp_doc *d = &c->docs[i];
        tokens += d->tokens;
        ok += d->ok;
        bad |= tally_add(&lang, d->lang, d->tokens) | tally_add(&script, d->script, d->tokens);
        bad |= tally_add(&country, d->country, d->tokens) | tally_add(&year, d->year, d->tokens);
        if (*d->year && (!ymin || strcmp(d->year, ymin) < 0))
            ymin = d->year;
        if (*d->year && (!ymax || strcmp(d->year, ymax) > 0))
            ymax = d->year;
    }
    tt_buf *h = &c->html, t = {0};
    bad |= tt_buf_puts(h, "<div class=\"cards\">\n");
    bad |= tt_buf_puts(&t, "") | rp_count(&t, ok) | tt_buf_puts(&t, " ok, ");
    bad |= rp_count(&t, (double)c->ndocs - ok) | tt_buf_puts(&t, " skipped");
    bad |= card(h, "documents", (double)c->ndocs, "documents", t.data);
    bad |= card(h, "tokens", tokens, "tokens", "word tokens of the documents read");
    tt_buf_reset(&t);
    bad |= tally_list(&t, &lang) | card(h, "languages", (double)lang.m.n, "languages", t.data);
    tt_buf_reset(&t);
    bad |= tally_list(&t, &script) | card(h, "scripts", (double)script.m.n, "scripts", t.data);
    tt_buf_reset(&t);
    bad |=
        tally_list(&t, &country) | card(h, "countries", (double)country.m.n, "countries", t.data);
    tt_buf_reset(&t);
    if (ymin)
        bad |= rp_esc(&t, ymin) | tt_buf_puts(&t, "\xE2\x80\x93") | rp_esc(&t, ymax);
    bad |= card(h, "years", (double)year.m.n - (tt_strmap_find(&year.m, "", 0) >= 0),
                "distinct years", t.data);
    bad |= tt_buf_puts(h, "</div>\n");
    /* by country */
    bad |= tt_buf_puts(
        h, "<table class=\"by-country\"><thead><tr><th>country</th><th class=\"n\">documents</th>"
           "<th class=\"n\">tokens</th><th>languages</th><th>years</th></tr></thead><tbody>\n");
    const char **keys = malloc((country.m.n ? country.m.n : 1) * sizeof *keys);
    if (!keys)
        bad = 1;
    for (size_t i = 0; keys && i < country.m.n; i++)
        keys[i] = tt_strmap_key(&country.m, i, NULL);
    if (keys)
        qsort(keys, country.m.n, sizeof *keys, cmp_str);
    for (size_t k = 0; keys && k < country.m.n; k++) {
        tally l = {0};
        const char *a = NULL, *z = NULL;
        for (size_t i = 0; i < c->ndocs; i++) {
            const rp_doc *d = &c->docs[i];
            if (strcmp(d->country, keys[k]))
                continue;
            bad |= tally_add(&l, d->lang, d->tokens);
            if (*d->year && (!a || strcmp(d->year, a) < 0))
                a = d->year;
            if (*d->year && (!z || strcmp(d->year, z) > 0))
                z = d->year;
        }
        int64_t x = tt_strmap_find(&country.m, keys[k], strlen(keys[k]));
        bad |=
            tt_buf_puts(h, "<tr data-country=\"") | rp_esc(h, keys[k]) | tt_buf_puts(h, "\"><td>");
        bad |= rp_esc(h, *keys[k] ? keys[k] : "(none)") |
               tt_buf_puts(h, "</td><td class=\"n\" data-docs=\"");
        bad |= rp_num(h, (double)country.m.val[x][0], 0) | tt_buf_puts(h, "\">");
        bad |= rp_count(h, (double)country.m.val[x][0]) |
               tt_buf_puts(h, "</td><td class=\"n\" data-tokens=\"");
        bad |= rp_num(h, (double)country.m.val[x][1], 0) | tt_buf_puts(h, "\">");
        bad |= rp_count(h, (double)country.m.val[x][1]) | tt_buf_puts(h, "</td><td>") |
               tally_list(h, &l);
        bad |= tt_buf_puts(h, "</td><td>");
        if (a)
            bad |= rp_esc(h, a) | tt_buf_puts(h, a != z ? "\xE2\x80\x93" : "") |
                   rp_esc(h, a != z ? z : "");
        bad |= tt_buf_puts(h, "</td></tr>\n");
        tt_strmap_free(&l.m);
    }
    free(keys);
    bad |= tt_buf_puts(h, "</tbody></table>\n");
    /* skipped documents and why */
    if (ok < (double)c->ndocs) {
        bad |= tt_buf_puts(
            h, "<h3>Skipped documents</h3>\n<table class=\"skipped\"><thead><tr><th>doc_id</th>"
               "<th>why (docs.tsv status)</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < c->ndocs; i++)
            if (!c->docs[i].ok) {
                bad |= tt_buf_puts(h, "<tr><td>") | rp_esc(h, c->docs[i].id) |
                       tt_buf_puts(h, "</td><td>");
                bad |= rp_esc(h, c->docs[i].status) | tt_buf_puts(h, "</td></tr>\n");
            }
        bad |= tt_buf_puts(h, "</tbody></table>\n");
    } else {
        bad |= tt_buf_puts(h, "<p class=\"note\">No document was skipped.</p>\n");
    }
    bad |= tt_buf_puts(h, "</section>\n");
    tt_buf_free(&t);
    tt_strmap_free(&lang.m);
    tt_strmap_free(&script.m);
    tt_strmap_free(&country.m);
    tt_strmap_free(&year.m);
    return bad ? rp_oom(c) : 0;
}

/* ---- provenance
 * ---------------------------------------------------------------------------------------- */
static int
json_inline(tt_buf *b, const rj_value *v)
{
    int rc = 0;
    if (v->kind == RJ_ARR) {
        for (size_t i = 0; i < v->n; i++)
            rc |= tt_buf_puts(b, i ? ", " : "") | json_inline(b, &v->items[i]);
    } else if (v->kind == RJ_OBJ) {
        for (size_t i = 0; i < v->n; i++) {
            rc |= tt_buf_puts(b, i ? "; " : "") | rp_esc(b, v->keys[i]) | tt_buf_puts(b, " = ");
            rc |= json_inline(b, &v->items[i]);
        }
    } else {
        const char *s = rj_str(v, "");
        rc |= (strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64)
                  ? tt_buf_puts(b, "<code>") | rp_esc(b, s) | tt_buf_puts(b, "</code>")
                  : rp_esc(b, s);
    }
    return rc;
}

static int
json_rows(tt_buf *b, const char *prefix, const rj_value *v)
{
    int rc = 0;
    for (size_t i = 0; i < v->n; i++) {
        const rj_value *m = &v->items[i];
        if (!strcmp(v->keys[i], "execution") || !strcmp(v->keys[i], "per_document"))
            continue; /* timings differ between runs; per-document details are in run.json */
        tt_buf name = {0};
        rc |= tt_buf_printf(&name, "%s%s%s", prefix, *prefix ? "." : "", v->keys[i]);
        if (m->kind == RJ_OBJ && m->n &&
            (!strcmp(v->keys[i], "options") || !strcmp(v->keys[i], "inputs") ||
             !strcmp(v->keys[i], "libraries") || !strcmp(v->keys[i], "documents"))) {
            rc |= json_rows(b, name.data, m);
        } else {
            rc |= tt_buf_puts(b, "<tr><th>") | rp_esc(b, name.data) | tt_buf_puts(b, "</th><td>");
            rc |= json_inline(b, m) | tt_buf_puts(b, "</td></tr>\n");
        }
        tt_buf_free(&name);
    }
    return rc;
}

int
rp_section_provenance(rp_ctx *c)
{
    int rc = rp_section_begin(c, "provenance", "Provenance of the run");
    if (rc)
        return rc;
    tt_buf *h = &c->html;
    int bad = tt_buf_puts(
        h, "<p class=\"note\">From run.json (its <code>execution</code> timings and "
           "<code>per_document</code> details are left out: they are in the file). The "
           "sha256 fingerprints identify the manifest, the lexicon and the linguistic data "
           "files the counts come from.</p>\n<table class=\"provenance\"><tbody>\n");
    if (c->run.kind == RJ_OBJ)
        bad |= json_rows(h, "", &c->run);
    bad |= tt_buf_puts(h, "</tbody></table>\n</section>\n");
    return bad ? rp_oom(c) : 0;
}

/* ---- the page
 * ------------------------------------------------------------------------------------------ */
static void
ctx_free(rp_ctx *c)
{
    rj_free(&c->run);
    for (size_t i = 0; i < c->ndocs; i++) {
        rp_doc *d = &c->docs[i];
        free(d->id), free(d->country), free(d->lang), free(d->script), free(d->year),
            free(d->period);
        free(d->title), free(d->status);
        for (size_t j = 0; d->vals && j < c->ndoccols; j++)
            free(d->vals[j]);
        free(d->vals);
    }
    free(c->docs);
    for (size_t i = 0; i < c->ndoccols; i++)
        free(c->doccols[i]);
    free(c->doccols);
    for (size_t i = 0; i < c->nc; i++)
        free(c->cid[i]), free(c->clabel[i]), free(c->ccat[i]), free(c->cparent[i]);
    free(c->cid), free(c->clabel), free(c->ccat), free(c->cparent);
    rp_series *s = &c->ser;
    for (size_t i = 0; i < s->np; i++)
        free(s->periods[i]);
    for (size_t i = 0; i < s->nk; i++)
        free(s->keys[i]);
    for (size_t i = 0; i < s->nkeycols; i++)
        free(s->keycols[i]);
    free(s->periods), free(s->keys), free(s->keycols), free(s->count), free(s->tokens),
        free(s->docs);
    tt_strmap_free(&c->docix);
    tt_strmap_free(&c->cix);
    tt_buf_free(&c->html);
    tt_buf_free(&c->notes);
    tt_buf_free(&c->svg);
}

int
tt_report_write(const char *out_dir, const char *report_dir, const tt_report_opts *opts,
                tt_error *err)
{
    static const tt_report_opts defaults = {0, NULL};
    rp_ctx c;
    memset(&c, 0, sizeof c);
    c.dir = out_dir;
    c.rdir = report_dir;
    c.opts = opts ? opts : &defaults;
    c.err = err;
    int rc = load_run_json(&c);
    if (!rc) {
        const char *p = rj_str(rj_get(rj_get(&c.run, "options"), "period"), "");
        c.period = p;
        rc = load_concepts(&c);
    }
    if (!rc)
        rc = load_docs(&c);
    if (!rc)
        rc = rp_series_load(&c);
    /* what a reader wants first: the corpus, then the findings at a glance (replacement, the
     * comparison), then the detail */
    if (!rc)
        rc = rp_section_glance(&c);
    if (!rc)
        rc = rp_section_replacement(&c);
    if (!rc)
        rc = rp_section_keyness(&c);
    if (!rc)
        rc = rp_section_rates(&c);
    if (!rc)
        rc = rp_section_time(&c);
    if (!rc)
        rc = rp_section_cooc(&c);
    if (!rc)
        rc = rp_section_kwic(&c);
    if (!rc)
        rc = rp_section_provenance(&c);
    if (!rc) {
        tt_buf page = {0}, sub = {0};
        const char *corpus = rj_str(rj_get(rj_get(&c.run, "inputs"), "corpus"), "");
        const char *lex = rj_str(rj_get(rj_get(&c.run, "inputs"), "lexicon"), "");
        const char *base = strrchr(lex, '/');
        double tokens = 0;
        for (size_t i = 0; i < c.ndocs; i++)
            tokens += c.docs[i].tokens;
        int bad = tt_buf_puts(&sub, "Corpus: ") | tt_buf_puts(&sub, *corpus ? corpus : "(unnamed)");
        bad |= tt_buf_puts(&sub, " \xC2\xB7 ") | rp_count(&sub, (double)c.ndocs) |
               tt_buf_puts(&sub, " documents, ");
        bad |= rp_count(&sub, tokens) | tt_buf_puts(&sub, " tokens \xC2\xB7 lexicon ");
        bad |= tt_buf_puts(&sub, base ? base + 1 : lex) | tt_buf_puts(&sub, " \xC2\xB7 termtrace ");
        bad |= tt_buf_puts(&sub, rj_str(rj_get(&c.run, "version"), "?"));
        bad |= tt_buf_puts(&sub, ", output format ") |
               tt_buf_puts(&sub, rj_str(rj_get(&c.run, "format_version"), "?"));
        bad |= rp_html_head(&page, "termtrace report", sub.data ? sub.data : "", c.toc_id,
                            c.toc_title, c.ntoc);
        bad |= tt_buf_append(&page, c.notes.data ? c.notes.data : "", c.notes.len);
        bad |=
            tt_buf_append(&page, c.html.data ? c.html.data : "", c.html.len) | rp_html_tail(&page);
        rc = bad ? rp_oom(&c) : write_file(&c, "index.html", NULL, page.data, page.len);
        tt_buf_free(&page);
        tt_buf_free(&sub);
    }
    ctx_free(&c);
    return rc;
}

int
tt_report_create(const char *out_dir, const tt_report_opts *opts, tt_error *err)
{
    char dst[4400];
    snprintf(dst, sizeof dst, "%s/report", out_dir);
    if (mkdir(dst, 0777) != 0) {
        tt_error_set(err, TT_EIO, "cannot create the report folder");
        err->sys_errno = errno;
        return tt_error_at(err, dst, 0, 0);
    }
    return tt_report_write(out_dir, dst, opts, err);
}

int
tt_report_install(const char *out_dir, const tt_report_opts *opts, tt_error *err)
{
    struct stat st;
    char path[4400], tmp[4400], dst[4400];
    if (stat(out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        tt_error_set(err, TT_EUSAGE,
                     "not a folder: give the output folder of a run (pipeline run --out)");
        return tt_error_at(err, out_dir, 0, 0);
    }
    snprintf(path, sizeof path, "%s/run.json", out_dir);
    if (access(path, F_OK) != 0)
        snprintf(path, sizeof path, "%s/run.json.gz", out_dir);
    size_t n = 0;
    char *s = slurp(path, &n);
    rj_value v;
    memset(&v, 0, sizeof v);
    tt_error perr;
    tt_error_clear(&perr);
    int ours = s && rj_parse(&v, s, n, &perr) == 0 &&
               !strcmp(rj_str(rj_get(&v, "program"), ""), "termtrace") &&
               rj_get(&v, "format_version");
    free(s);
    rj_free(&v);
    snprintf(dst, sizeof dst, "%s/docs.tsv", out_dir);
    if (!ours || !tt_tsv_exists(dst)) {
        tt_error_set(
            err, TT_EUSAGE,
            "not the output folder of a run (it needs the run.json and docs.tsv that pipeline run "
            "writes); the report is only written inside such a folder");
        return tt_error_at(err, out_dir, 0, 0);
    }
    snprintf(dst, sizeof dst, "%s/report", out_dir);
    tt_clean_stale(dst);
    snprintf(tmp, sizeof tmp, "%s/report.tmp-%ld", out_dir, (long)getpid());
    tt_rmtree(tmp);
    if (mkdir(tmp, 0777) != 0) {
        tt_error_set(err, TT_EIO, "cannot create the report folder");
        err->sys_errno = errno;
        return tt_error_at(err, tmp, 0, 0);
    }
    int rc = tt_report_write(out_dir, tmp, opts, err);
    if (!rc)
        rc = tt_install_dir(tmp, dst, err);
    if (rc)
        tt_rmtree(tmp);
    return rc;
}
