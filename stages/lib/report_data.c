/* report_data.c - the report's sections over counts: concept counts and rates per country
 * (groups/), terms over time per concept and group (series.tsv, else groups/country+year.tsv), and
 * replacement over time (related concepts of which one falls as the other rises, with the forms
 * seen, from forms.tsv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/tsv.h"

#include "report_priv.h"

#define MAX_BAR_CONCEPTS  30
#define MAX_GROUPS        8
#define MAX_TIME_CONCEPTS 12

static int
is_value_col(const char *n)
{
    return !strcmp(n, "concept_id") || !strcmp(n, "count") || !strcmp(n, "tokens") ||
           !strcmp(n, "per_10k") || !strcmp(n, "documents") || !strcmp(n, "period");
}

/* The group key of the current row: the key columns' values joined by " " ("(none)" when all are
 * empty). */
static int
row_key(tt_buf *b, tt_tsv *t, const int *kc, size_t nk)
{
    tt_buf_reset(b);
    int rc = 0, any = 0;
    for (size_t i = 0; i < nk; i++) {
        const char *v = tt_tsv_get(t, kc[i]);
        rc |= tt_buf_puts(b, i ? " " : "") | tt_buf_puts(b, v);
        any |= *v != 0;
    }
    if (!any) {
        tt_buf_reset(b);
        rc |= tt_buf_puts(b, "(none)");
    }
    return rc;
}

typedef struct {
    size_t i;
    double v;
    const char *name;
} ranked;

static int
by_value_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* ---- concept counts and rates per country
 * ---------------------------------------------------------------- */
int
rp_section_rates(rp_ctx *c)
{
    char path[4400];
    rp_path(c, "groups/country.tsv", path, sizeof path);
    if (!tt_tsv_exists(path))
        return 0;
    tt_tsv *t;
    int rc = tt_tsv_open(&t, path, c->err);
    if (rc)
        return rc;
    int cc = tt_tsv_col(t, "concept_id"), cn = tt_tsv_col(t, "count"), ct = tt_tsv_col(t, "tokens");
    int kc[16];
    size_t nkc = 0;
    for (size_t i = 0; i < tt_tsv_ncols(t) && nkc < 16; i++)
        if (!is_value_col(tt_tsv_colname(t, i)))
            kc[nkc++] = (int)i;
    if (cc < 0 || cn < 0 || ct < 0) {
        tt_tsv_close(t);
        return rp_missing(c, "groups/country.tsv", "concept_id, count, tokens");
    }
    tt_strmap groups = {0};
    tt_buf key = {0};
    double *cnt = NULL, *tok = NULL;
    size_t cap = 0;
    while ((rc = tt_tsv_next(t, c->err)) == 1) {
        const char *cid = tt_tsv_get(t, cc);
        int64_t ci = tt_strmap_find(&c->cix, cid, strlen(cid));
        size_t g;
        if (ci < 0)
            continue;
        if (row_key(&key, t, kc, nkc) || tt_strmap_intern(&groups, key.data, key.len, &g, NULL)) {
            rc = rp_oom(c);
            break;
        }
        if (groups.n > cap) {
            size_t nc2 = cap ? cap * 2 : 16;
            double *a = realloc(cnt, nc2 * c->nc * sizeof *a),
                   *b2 = a ? realloc(tok, nc2 * sizeof *b2) : NULL;
            if (a)
                cnt = a;
            if (!b2) {
                rc = rp_oom(c);
                break;
            }
            tok = b2;
            memset(cnt + cap * c->nc, 0, (nc2 - cap) * c->nc * sizeof *cnt);
            memset(tok + cap, 0, (nc2 - cap) * sizeof *tok);
            cap = nc2;
        }
        cnt[g * c->nc + (size_t)ci] += tt_tsv_num(t, cn);
        tok[g] = tt_tsv_num(t, ct);
    }
    tt_tsv_close(t);
    size_t ng = groups.n;
    ranked *rk = calloc(c->nc + 1, sizeof *rk), *gr = calloc(ng + 1, sizeof *gr);
    if (rc >= 0 && (!rk || !gr))
        rc = rp_oom(c);
    size_t nshow = 0, gshow = 0;
    double total = 0;
    if (rc >= 0) {
        for (size_t i = 0; i < c->nc; i++) {
            double s = 0;
            for (size_t g = 0; g < ng; g++)
                s += cnt[g * c->nc + i];
            total += s;
            if (s > 0)
                rk[nshow++] = (ranked){i, s, NULL};
        }
        qsort(rk, nshow, sizeof *rk, by_value_desc);
        for (size_t g = 0; g < ng; g++)
            gr[g] = (ranked){g, tok[g], NULL};
        qsort(gr, ng, sizeof *gr, by_value_desc);
        gshow = ng < MAX_GROUPS ? ng : MAX_GROUPS;
        /* shown groups in key order, so colours follow the legend's reading order */
        for (size_t a = 1; a < gshow; a++)
            for (size_t b = a; b > 0 && gr[b].i < gr[b - 1].i; b--) {
                ranked x = gr[b];
                gr[b] = gr[b - 1];
                gr[b - 1] = x;
            }
    }
    if (rc >= 0 && nshow > 0) {
        size_t ncat = nshow < MAX_BAR_CONCEPTS ? nshow : MAX_BAR_CONCEPTS;
        const char **ids = calloc(ncat, sizeof *ids), **labels = calloc(ncat, sizeof *labels);
        const char **sl = calloc(gshow, sizeof *sl);
        double *val = calloc(ncat * gshow, sizeof *val), *n = calloc(ncat * gshow, sizeof *n);
        if (!ids || !labels || !sl || !val || !n) {
            rc = rp_oom(c);
        } else {
            for (size_t s = 0; s < gshow; s++)
                sl[s] = tt_strmap_key(&groups, gr[s].i, NULL);
            for (size_t i = 0; i < ncat; i++) {
                ids[i] = c->cid[rk[i].i];
                labels[i] = rp_clabel(c, rk[i].i);
                for (size_t s = 0; s < gshow; s++) {
                    double k = cnt[gr[s].i * c->nc + rk[i].i], tk = tok[gr[s].i];
                    n[i * gshow + s] = k;
                    val[i * gshow + s] = tk > 0 ? k * 10000 / tk : 0;
                }
            }
            rc = rp_section_begin(c, "rates", "Concept counts and rates per country");
            tt_buf *h = &c->html;
            int bad = tt_buf_puts(
                h, "<p class=\"lead\">How often each concept occurs in each country's "
                   "documents, per 10,000 tokens (so countries with more text do not look "
                   "bigger); hover a bar for the raw count. ");
            bad |= rp_count(h, total) | tt_buf_puts(h, " counted hits of ") |
                   rp_count(h, (double)nshow);
            bad |= tt_buf_puts(h, " concepts");
            if (nshow > ncat)
                bad |=
                    tt_buf_puts(h, "; the ") | rp_count(h, (double)ncat) |
                    tt_buf_puts(
                        h,
                        " most frequent are drawn, all are in the table and in groups/country.tsv");
            if (ng > gshow)
                bad |= tt_buf_puts(h, "; the ") | rp_count(h, (double)gshow) |
                       tt_buf_puts(h, " countries with most tokens are drawn");
            bad |= tt_buf_puts(h, ".</p>\n");
            rp_bars bc = {"rates-by-country",
                          "Concepts per 10,000 tokens, by country",
                          "hits per 10,000 tokens (groups/country.tsv)",
                          ncat,
                          gshow,
                          ids,
                          labels,
                          sl,
                          val,
                          n};
            bad |= rp_svg_bars(&c->svg, &bc);
            if (bad)
                rc = rp_oom(c);
            if (!rc)
                rc = rp_emit_figure(c, "rates-by-country",
                                    "Bars: rate per 10,000 tokens in each country.");
            /* the numbers as a table */
            bad = tt_buf_puts(
                h,
                "<details><summary>Counts and rates as a table</summary>\n<table class=\"rates\">"
                "<thead><tr><th>concept</th>");
            for (size_t s = 0; s < gshow; s++)
                bad |= tt_buf_puts(h, "<th class=\"n\">") | rp_esc(h, sl[s]) |
                       tt_buf_puts(h, " hits</th><th class=\"n\">") | rp_esc(h, sl[s]) |
                       tt_buf_puts(h, " per 10k</th>");
            bad |= tt_buf_puts(h, "</tr></thead><tbody>\n");
            for (size_t i = 0; i < nshow; i++) {
                bad |= tt_buf_puts(h, "<tr><td>") | rp_esc(h, rp_clabel(c, rk[i].i)) |
                       tt_buf_puts(h, "</td>");
                for (size_t s = 0; s < gshow; s++) {
                    double k = cnt[gr[s].i * c->nc + rk[i].i], tk = tok[gr[s].i];
                    bad |= tt_buf_puts(h, "<td class=\"n\">") | rp_count(h, k) |
                           tt_buf_puts(h, "</td><td class=\"n\">");
                    bad |= rp_num(h, tk > 0 ? k * 10000 / tk : 0, 2) | tt_buf_puts(h, "</td>");
                }
                bad |= tt_buf_puts(h, "</tr>\n");
            }
            bad |= tt_buf_puts(h, "</tbody></table></details>\n</section>\n");
            if (bad && !rc)
                rc = rp_oom(c);
        }
        free(ids), free(labels), free(sl), free(val), free(n);
    }
    free(rk), free(gr), free(cnt), free(tok);
    tt_buf_free(&key);
    tt_strmap_free(&groups);
    return rc < 0 ? rc : 0;
}

/* ---- series
 * --------------------------------------------------------------------------------------------- */
static double
period_sort_key(const char *p)
{
    const char *d = p + strcspn(p, "0123456789");
    double v = *d ? atof(d) : 1e9;
    return *p == '<' ? v - 0.5 : v;
}

static int
by_period(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    double u = period_sort_key(x), v = period_sort_key(y);
    return u < v ? -1 : u > v ? 1 : strcmp(x, y);
}

int
rp_series_load(rp_ctx *c)
{
    rp_series *s = &c->ser;
    char path[4400];
    const char *pcol = "period", *period = c->period;
    s->source = "series.tsv";
    if (!tt_tsv_exists(rp_path(c, "series.tsv", path, sizeof path))) {
        s->source = "groups/country+year.tsv";
        pcol = "year";
        period = "year";
        if (!tt_tsv_exists(rp_path(c, s->source, path, sizeof path)))
            return 0;
    }
    tt_strmap pm = {0}, km = {0};
    tt_buf key = {0};
    int kc[16], rc = 0;
    size_t nkc = 0;
    for (int pass = 0; pass < 2 && rc >= 0; pass++) {
        tt_tsv *t;
        if ((rc = tt_tsv_open(&t, path, c->err)))
            break;
        int cc = tt_tsv_col(t, "concept_id"), cn = tt_tsv_col(t, "count"),
            ct = tt_tsv_col(t, "tokens");
        int cp = tt_tsv_col(t, pcol);
        if (cc < 0 || cn < 0 || ct < 0 || cp < 0) {
            tt_tsv_close(t);
            tt_buf_free(&key);
            tt_strmap_free(&pm);
            tt_strmap_free(&km);
            return rp_missing(c, s->source,
                              pcol[0] == 'y' ? "concept_id, year, count, tokens"
                                             : "concept_id, period, count, tokens");
        }
        if (pass == 0) {
            for (size_t i = 0; i < tt_tsv_ncols(t) && nkc < 16; i++)
                if (!is_value_col(tt_tsv_colname(t, i)) && (int)i != cp)
                    kc[nkc++] = (int)i;
            s->keycols = calloc(nkc + 1, sizeof *s->keycols);
            for (size_t i = 0; s->keycols && i < nkc; i++)
                s->keycols[s->nkeycols++] = strdup(tt_tsv_colname(t, (size_t)kc[i]));
        }
        while ((rc = tt_tsv_next(t, c->err)) == 1) {
            const char *cid = tt_tsv_get(t, cc), *per = tt_tsv_get(t, cp);
            int64_t ci = tt_strmap_find(&c->cix, cid, strlen(cid));
            if (ci < 0 || !*per)
                continue;
            if (row_key(&key, t, kc, nkc)) {
                rc = rp_oom(c);
                break;
            }
            if (pass == 0) {
                size_t i;
                if (tt_strmap_intern(&pm, per, strlen(per), &i, NULL) ||
                    tt_strmap_intern(&km, key.data, key.len, &i, NULL)) {
                    rc = rp_oom(c);
                    break;
                }
                continue;
            }
            size_t p = 0, k = 0;
            while (p < s->np && strcmp(s->periods[p], per))
                p++;
            int64_t kx = tt_strmap_find(&km, key.data, key.len);
            if (p == s->np || kx < 0)
                continue;
            k = (size_t)km.val[kx][1];
            size_t at = (k * c->nc + (size_t)ci) * s->np + p;
            s->count[at] += tt_tsv_num(t, cn);
            s->tokens[at] = tt_tsv_num(t, ct);
        }
        tt_tsv_close(t);
        if (rc < 0 || pass == 1)
            break;
        /* after pass 0: order the periods and the groups, allocate */
        s->np = pm.n;
        s->nk = km.n;
        s->periods = calloc(s->np + 1, sizeof *s->periods);
        s->keys = calloc(s->nk + 1, sizeof *s->keys);
        s->count = calloc((s->nk * c->nc * s->np) + 1, sizeof *s->count);
        s->tokens = calloc((s->nk * c->nc * s->np) + 1, sizeof *s->tokens);
        s->docs = calloc(s->nk * s->np + 1, sizeof *s->docs);
        if (!s->periods || !s->keys || !s->count || !s->tokens || !s->docs || !s->keycols) {
            rc = rp_oom(c);
            break;
        }
        for (size_t i = 0; i < s->np; i++)
            if (!(s->periods[i] = strdup(tt_strmap_key(&pm, i, NULL))))
                rc = rp_oom(c);
        if (rc)
            break;
        qsort(s->periods, s->np, sizeof *s->periods, by_period);
        /* groups by the tokens of their documents, largest first */
        ranked *r = calloc(s->nk + 1, sizeof *r);
        if (!r) {
            rc = rp_oom(c);
            break;
        }
        for (size_t i = 0; i < s->nk; i++)
            r[i] = (ranked){i, 0, tt_strmap_key(&km, i, NULL)};
        for (size_t d = 0; d < c->ndocs; d++) {
            tt_buf_reset(&key);
            int any = 0;
            for (size_t j = 0; j < nkc; j++) {
                const char *v = rp_doc_field(c, &c->docs[d], s->keycols[j]);
                rc |= tt_buf_puts(&key, j ? " " : "") | tt_buf_puts(&key, v);
                any |= *v != 0;
            }
            if (!any) {
                tt_buf_reset(&key);
                rc |= tt_buf_puts(&key, "(none)");
            }
            int64_t kx = tt_strmap_find(&km, key.data ? key.data : "", key.len);
            if (kx >= 0)
                r[kx].v += c->docs[d].tokens;
        }
        qsort(r, s->nk, sizeof *r, by_value_desc);
        /* the MAX_GROUPS groups with most tokens are drawn, in key order (so each group keeps the
           colour it has in the other charts); the rest follow */
        for (size_t a = 1; a < s->nk && a < MAX_GROUPS; a++)
            for (size_t b = a; b > 0 && strcmp(r[b].name, r[b - 1].name) < 0; b--) {
                ranked x = r[b];
                r[b] = r[b - 1];
                r[b - 1] = x;
            }
        for (size_t i = 0; i < s->nk; i++) {
            km.val[r[i].i][1] = i;
            if (!(s->keys[i] = strdup(r[i].name)))
                rc = rp_oom(c);
        }
        free(r);
        /* documents (ok) per group and period */
        for (size_t d = 0; !rc && d < c->ndocs; d++) {
            const rp_doc *doc = &c->docs[d];
            char per[32];
            rp_period_of(period, doc->year, per, sizeof per);
            if (!doc->ok || !*per)
                continue;
            tt_buf_reset(&key);
            int any = 0;
            for (size_t j = 0; j < nkc; j++) {
                const char *v = rp_doc_field(c, doc, s->keycols[j]);
                rc |= tt_buf_puts(&key, j ? " " : "") | tt_buf_puts(&key, v);
                any |= *v != 0;
            }
            if (!any) {
                tt_buf_reset(&key);
                rc |= tt_buf_puts(&key, "(none)");
            }
            int64_t kx = tt_strmap_find(&km, key.data ? key.data : "", key.len);
            for (size_t p = 0; kx >= 0 && p < s->np; p++)
                if (!strcmp(s->periods[p], per))
                    s->docs[km.val[kx][1] * s->np + p]++;
        }
        if (rc)
            rc = rp_oom(c);
    }
    tt_buf_free(&key);
    tt_strmap_free(&pm);
    tt_strmap_free(&km);
    return rc < 0 ? rc : 0;
}

/* Rate of concept ci in group k, period p (NAN when the group has no tokens then). */
static double
rate(const rp_ctx *c, size_t k, size_t ci, size_t p)
{
    const rp_series *s = &c->ser;
    size_t at = (k * c->nc + ci) * s->np + p;
    return s->tokens[at] > 0 ? s->count[at] * 10000 / s->tokens[at] : NAN;
}

int
rp_section_time(rp_ctx *c)
{
    rp_series *s = &c->ser;
    int rc = 0;
    if (s->np == 0 || s->nk == 0)
        return 0;
    ranked *rk = calloc(c->nc + 1, sizeof *rk);
    if (!rk)
        return rp_oom(c);
    size_t n = 0;
    for (size_t i = 0; i < c->nc; i++) {
        double t = 0;
        for (size_t k = 0; k < s->nk; k++)
            for (size_t p = 0; p < s->np; p++)
                t += s->count[(k * c->nc + i) * s->np + p];
        if (t > 0)
            rk[n++] = (ranked){i, t, NULL};
    }
    qsort(rk, n, sizeof *rk, by_value_desc);
    size_t nshow = n < MAX_TIME_CONCEPTS ? n : MAX_TIME_CONCEPTS,
           ks = s->nk < MAX_GROUPS ? s->nk : MAX_GROUPS;
    if (!nshow) {
        free(rk);
        return 0;
    }
    rc = rp_section_begin(c, "time", "Terms over time");
    tt_buf *h = &c->html;
    int bad =
        tt_buf_puts(h, "<p class=\"lead\">Each concept's rate per 10,000 tokens in each period (");
    bad |= rp_esc(h, *c->period && s->source[0] == 's' ? c->period : "year");
    bad |= tt_buf_puts(h, "), one line per ") | rp_esc(h, s->nkeycols ? s->keycols[0] : "group");
    bad |= tt_buf_puts(
        h, "; the numbers under each axis are the documents of each group in each period, so a "
           "rate that rests on one document shows as such; a period without documents of a group "
           "has no point, and the line joins its neighbours. From ");
    bad |= rp_esc(h, s->source) | tt_buf_puts(h, "; the ") | rp_count(h, (double)nshow);
    bad |= tt_buf_puts(h, " most frequent concepts");
    if (n > nshow)
        bad |= tt_buf_puts(h, " of ") | rp_count(h, (double)n) |
               tt_buf_puts(h, " (the others are in the file)");
    if (s->nk > ks)
        bad |= tt_buf_puts(h, "; the ") | rp_count(h, (double)ks) |
               tt_buf_puts(h, " groups with most tokens");
    bad |= tt_buf_puts(h, ".</p>\n<div class=\"grid\">\n");
    const char **sl = calloc(ks, sizeof *sl), **rl = calloc(ks, sizeof *rl);
    double *y = calloc(ks * s->np, sizeof *y), *cn = calloc(ks * s->np, sizeof *cn);
    double *dc = calloc(ks * s->np, sizeof *dc);
    char **rowlab = calloc(ks, sizeof *rowlab);
    if (bad || !sl || !rl || !y || !cn || !dc || !rowlab)
        rc = rp_oom(c);
    for (size_t k = 0; !rc && k < ks; k++) {
        sl[k] = s->keys[k];
        size_t ln = strlen(s->keys[k]);
        rowlab[k] = malloc(ln + 8);
        if (!rowlab[k]) {
            rc = rp_oom(c);
            break;
        }
        memcpy(rowlab[k], s->keys[k], ln);
        memcpy(rowlab[k] + ln, " docs", 6);
        rl[k] = rowlab[k];
        memcpy(dc + k * s->np, s->docs + k * s->np, s->np * sizeof *dc);
    }
    for (size_t i = 0; !rc && i < nshow; i++) {
        size_t ci = rk[i].i;
        for (size_t k = 0; k < ks; k++)
            for (size_t p = 0; p < s->np; p++) {
                y[k * s->np + p] = rate(c, k, ci, p);
                cn[k * s->np + p] = s->count[(k * c->nc + ci) * s->np + p];
            }
        char name[300];
        snprintf(name, sizeof name, "time-%s", c->cid[ci]);
        for (char *q = name; *q; q++)
            if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                  (*q >= '0' && *q <= '9') || *q == '-'))
                *q = '_';
        rp_lines lc = {name,
                       rp_clabel(c, ci),
                       "per 10,000 tokens",
                       c->cid[ci],
                       s->np,
                       ks,
                       (const char *const *)s->periods,
                       sl,
                       y,
                       cn,
                       ks,
                       rl,
                       dc,
                       0,
                       0,
                       NULL};
        if (rp_svg_lines(&c->svg, &lc)) {
            rc = rp_oom(c);
            break;
        }
        rc = rp_emit_figure(c, name, NULL);
    }
    if (!rc && tt_buf_puts(h, "</div>\n</section>\n"))
        rc = rp_oom(c);
    for (size_t k = 0; rowlab && k < ks; k++)
        free(rowlab[k]);
    free(rowlab), free(sl), free(rl), free(y), free(cn), free(dc), free(rk);
    return rc;
}
