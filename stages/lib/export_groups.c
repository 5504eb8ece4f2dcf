/* export_groups.c - groupings of documents by manifest keys: groups/<k1+k2>.tsv (country, country+year and
 * each --group-by) and series.tsv (the --period series by the series keys), counts and tokens per group and
 * concept (see tt/export.h). */
#include "export_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int
ex_grouping_init(ex_grouping *g, const char *spec, size_t n, tt_error *err)
{
    memset(g, 0, sizeof *g);
    if (!n || n >= sizeof g->name)
        return tt_error_set(err, TT_EUSAGE, "bad grouping '%.*s'", (int)n, spec);
    memcpy(g->name, spec, n);
    g->name[n] = 0;
    const char *p = g->name;
    for (;;) {
        const char *e = strchr(p, '+');
        size_t kn = e ? (size_t)(e - p) : strlen(p);
        if (!kn || kn >= sizeof g->keys[0] || g->nkeys == EX_MAX_KEYS || memchr(p, '/', kn))
            return tt_error_set(err, TT_EUSAGE, "bad grouping '%s'", g->name);
        memcpy(g->keys[g->nkeys], p, kn);
        g->keys[g->nkeys++][kn] = 0;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

int
ex_add_grouping(tt_exporter *ex, const char *spec, size_t n, tt_error *err)
{
    for (size_t i = 0; i < ex->ngrp; i++)
        if (strlen(ex->grp[i].name) == n && memcmp(ex->grp[i].name, spec, n) == 0)
            return 0;
    ex_grouping *g = realloc(ex->grp, (ex->ngrp + 1) * sizeof *g);
    if (!g)
        return ex_oom(err);
    ex->grp = g;
    int rc = ex_grouping_init(&ex->grp[ex->ngrp], spec, n, err);
    if (!rc)
        ex->ngrp++;
    return rc;
}

void
ex_grouping_free(ex_grouping *g)
{
    tt_strmap_free(&g->groups);
    tt_u64map_free(&g->counts);
}

/* The current document's key values, tab-joined and TSV-escaped, into b (NUL-terminated). */
static int
group_key(tt_exporter *ex, const ex_grouping *g, tt_buf *b)
{
    tt_buf_reset(b);
    for (size_t i = 0; i < g->nkeys; i++) {
        size_t n;
        const char *v = ex_key_value(ex, g->keys[i], &n);
        if ((i && tt_buf_putc(b, '\t')) || tt_buf_put_tsv(b, v, n))
            return TT_ENOMEM;
    }
    return tt_buf_putc(b, 0) ? TT_ENOMEM : (b->len--, 0);
}

int
ex_groups_begin_doc(tt_exporter *ex, tt_error *err)
{
    for (size_t i = 0; i < ex->ngrp; i++) {
        ex_grouping *g = &ex->grp[i];
        if (group_key(ex, g, &ex->scratch) ||
            tt_strmap_intern(&g->groups, ex->scratch.data, ex->scratch.len, &g->cur, NULL))
            return ex_oom(err);
        g->groups.val[g->cur][0] += ex->tokens;
    }
    if (!ex->do_series)
        return 0;
    ex_grouping *g = &ex->series;
    if (group_key(ex, g, &ex->scratch) || tt_buf_putc(&ex->scratch, '\t') || tt_buf_puts(&ex->scratch, ex->period) ||
        tt_strmap_intern(&g->groups, ex->scratch.data, ex->scratch.len, &g->cur, NULL))
        return ex_oom(err);
    g->groups.val[g->cur][0] += ex->tokens;
    return 0;
}

int
ex_groups_add(tt_exporter *ex, uint32_t col, uint64_t cnt, tt_error *err)
{
    for (size_t g = 0; g < ex->ngrp; g++)
        if (tt_u64map_add(&ex->grp[g].counts, (uint64_t)ex->grp[g].cur * ex->nc + col, (double)cnt))
            return ex_oom(err);
    if (ex->do_series && tt_u64map_add(&ex->series.counts, (uint64_t)ex->series.cur * ex->nc + col, (double)cnt))
        return ex_oom(err);
    return 0;
}

/* The header: the key columns and concept_id (series: concept_id first, then keys and period). */
static int
grouping_header(const ex_grouping *g, int series, tt_buf *b)
{
    if (series && tt_buf_puts(b, "concept_id\t"))
        return TT_ENOMEM;
    for (size_t i = 0; i < g->nkeys; i++)
        if (tt_buf_put_tsv(b, g->keys[i], strlen(g->keys[i])) || tt_buf_putc(b, '\t'))
            return TT_ENOMEM;
    return tt_buf_puts(b, series ? "period\tcount\ttokens\tper_10k\n" : "concept_id\tcount\ttokens\tper_10k\n");
}

/* One row: group gr, concept col. */
static int
grouping_row(tt_exporter *ex, const ex_grouping *g, const ex_sref *gr, size_t col, int series, tt_buf *b)
{
    double *v = tt_u64map_get(&g->counts, (uint64_t)gr->idx * ex->nc + col);
    uint64_t cnt = v ? (uint64_t)llround(*v) : 0, tok = g->groups.val[gr->idx][0];
    const char *cid = ex->o.concepts[col].id;
    if (series && (tt_buf_put_tsv(b, cid, strlen(cid)) || tt_buf_putc(b, '\t')))
        return TT_ENOMEM;
    if (tt_buf_append(b, gr->s, gr->n) || tt_buf_putc(b, '\t'))
        return TT_ENOMEM;
    if (!series && (tt_buf_put_tsv(b, cid, strlen(cid)) || tt_buf_putc(b, '\t')))
        return TT_ENOMEM;
    if (tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\t') || tt_buf_put_u64(b, tok) || tt_buf_putc(b, '\t') ||
        ex_put_per10k(b, cnt, tok) || tt_buf_putc(b, '\n'))
        return TT_ENOMEM;
    return 0;
}

/* Every group x every concept; series: concept-major, groups: group-major; groups in key byte order. */
static int
write_grouping(tt_exporter *ex, ex_grouping *g, int series, tt_error *err)
{
    tt_buf name = {0}, b = {0};
    int rc = 0;
    if (series ? tt_buf_puts(&name, "series.tsv") : tt_buf_printf(&name, "groups/%s.tsv", g->name))
        rc = ex_oom(err);
    if (!rc && grouping_header(g, series, &b))
        rc = ex_oom(err);
    ex_sref *gs = ex_sorted_keys(&g->groups);
    if (!rc && g->groups.n && !gs)
        rc = ex_oom(err);
    tt_atomic a = {0};
    size_t outer = series ? ex->nc : g->groups.n, inner = series ? g->groups.n : ex->nc;
    for (size_t i = 0; i < outer && !rc; i++) {
        for (size_t j = 0; j < inner && !rc; j++)
            if (grouping_row(ex, g, &gs[series ? j : i], series ? i : j, series, &b))
                rc = ex_oom(err);
        if (!rc)
            rc = ex_flush_big(ex, &a, name.data, &b, err);
    }
    rc = ex_close_out(ex, &a, name.data, &b, rc, err);
    free(gs);
    tt_buf_free(&name);
    tt_buf_free(&b);
    return rc;
}

int
ex_write_groups(tt_exporter *ex, tt_error *err)
{
    int rc = 0;
    for (size_t g = 0; g < ex->ngrp && !rc; g++)
        rc = write_grouping(ex, &ex->grp[g], 0, err);
    return rc;
}

/* series.tsv: every concept x every combination of the series keys seen x every period from the first to the
 * last seen (zeros included, in time order), then the documents without a year (period ""), if any. */
int
ex_write_series(tt_exporter *ex, tt_error *err)
{
    if (!ex->do_series)
        return 0;
    ex_grouping *g = &ex->series;
    ex_sref *gs = ex_sorted_keys(&g->groups);
    if (g->groups.n && !gs)
        return ex_oom(err);
    /* the distinct key prefixes (a group key is "keys\tperiod": the prefix ends at its last tab) */
    ex_sref *px = malloc((g->groups.n ? g->groups.n : 1) * sizeof *px);
    size_t np = 0;
    int lo = -1, hi = -1, undated = 0;
    for (size_t i = 0; px && i < g->groups.n; i++) {
        size_t t = gs[i].n;
        while (t > 0 && gs[i].s[t - 1] != '\t')
            t--;
        size_t pn = t ? t - 1 : 0;
        if (!np || px[np - 1].n != pn || memcmp(px[np - 1].s, gs[i].s, pn) != 0)
            px[np++] = (ex_sref){gs[i].s, pn, 0};
        int o = ex_period_ord(ex, gs[i].s + t, gs[i].n - t);
        if (o < 0)
            undated = 1;
        else {
            lo = lo < 0 || o < lo ? o : lo;
            hi = o > hi ? o : hi;
        }
    }
    tt_buf name = {0}, b = {0}, key = {0};
    int rc = !px || tt_buf_puts(&name, "series.tsv") || grouping_header(g, 1, &b) ? ex_oom(err) : 0;
    /* the periods in time order: every one from lo to hi, then "" for the undated documents */
    int step = ex_period_step(ex);
    size_t nl = (lo >= 0 ? (size_t)((hi - lo) / step + 1) : 0) + (size_t)undated;
    char(*labels)[32] = calloc(nl ? nl : 1, sizeof *labels);
    if (!labels && !rc)
        rc = ex_oom(err);
    for (size_t l = 0; !rc && lo >= 0 && l < nl - (size_t)undated; l++)
        ex_period_name(ex, lo + (int)l * step, labels[l], sizeof labels[l]);
    tt_atomic a = {0};
    for (size_t c = 0; c < ex->nc && !rc; c++) {
        const char *cid = ex->o.concepts[c].id;
        for (size_t p = 0; p < np && !rc; p++) {
            for (size_t l = 0; l < nl && !rc; l++) {
                tt_buf_reset(&key);
                if (tt_buf_append(&key, px[p].s, px[p].n) || tt_buf_putc(&key, '\t') ||
                    tt_buf_puts(&key, labels[l])) {
                    rc = ex_oom(err);
                    break;
                }
                int64_t gi = tt_strmap_find(&g->groups, key.data, key.len);
                double *v = gi < 0 ? NULL : tt_u64map_get(&g->counts, (uint64_t)gi * ex->nc + c);
                uint64_t cnt = v ? (uint64_t)llround(*v) : 0, tok = gi < 0 ? 0 : g->groups.val[gi][0];
                if (tt_buf_put_tsv(&b, cid, strlen(cid)) || tt_buf_putc(&b, '\t') ||
                    tt_buf_append(&b, key.data, key.len) || tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, cnt) ||
                    tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, tok) || tt_buf_putc(&b, '\t') ||
                    ex_put_per10k(&b, cnt, tok) || tt_buf_putc(&b, '\n'))
                    rc = ex_oom(err);
            }
        }
        if (!rc)
            rc = ex_flush_big(ex, &a, name.data, &b, err);
    }
    rc = ex_close_out(ex, &a, name.data, &b, rc, err);
    free(gs);
    free(px);
    free(labels);
    tt_buf_free(&name);
    tt_buf_free(&b);
    tt_buf_free(&key);
    return rc;
}
