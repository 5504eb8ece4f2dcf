/* report_trend.c - the report's "replacement over time" section: pairs of related concepts (one the
 * parent of the other in the lexicon, or of the same category) where one falls as the other rises
 * in a group, e.g. oralman -> kandas in KZ after the 2020 renaming; drawn as two lines, with the
 * forms seen per period (forms.tsv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/tsv.h"

#include "report_priv.h"

#define MAX_PAIRS 3

typedef struct {
    size_t a, b, k, split; /* a falls, b rises, in group k; split = first period of b's time */
    double score, total, ab, at, ba, bt;
    int related; /* 2: parent link, 1: same category */
} pair;

static int
by_rank(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->related != q->related)
        return q->related - p->related;
    double u = p->score * log1p(p->total), v = q->score * log1p(q->total);
    if (u != v)
        return u > v ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* The best split of a -> b in any group, or 0 when there is none. */
static int
best_split(const rp_ctx *c, size_t a, size_t b, int related, pair *out)
{
    const rp_series *s = &c->ser;
    int found = 0;
    for (size_t k = 0; k < s->nk; k++) {
        const double *A = s->count + (k * c->nc + a) * s->np,
                     *B = s->count + (k * c->nc + b) * s->np;
        double at = 0, bt = 0;
        for (size_t p = 0; p < s->np; p++)
            at += A[p], bt += B[p];
        if (at < 3 || bt < 3 || (related < 2 && at + bt < 10))
            continue;
        double ab = 0, bb = 0;
        for (size_t t = 1; t < s->np; t++) {
            ab += A[t - 1], bb += B[t - 1];
            double aa = at - ab, ba = bt - bb, score = (ab + ba) / (at + bt);
            if (aa / at > 0.25 || bb / bt > 0.25 || score < (related == 2 ? 0.8 : 0.9))
                continue;
            if (!found || score > out->score || (score == out->score && at + bt > out->total)) {
                *out = (pair){a, b, k, t, score, at + bt, ab, at, ba, bt, related};
                found = 1;
            }
        }
    }
    return found;
}

typedef struct {
    int which; /* 0 = a, 1 = b */
    size_t p;
    char *form;
    double n;
} form_row;

static int
by_count(const void *x, const void *y)
{
    const form_row *p = x, *q = y;
    if (p->n != q->n)
        return p->n > q->n ? -1 : 1;
    return strcmp(p->form, q->form);
}

/* The forms of a and b per period in group k (forms.tsv), as a table. */
static int
forms_table(rp_ctx *c, const pair *pr)
{
    char path[4400];
    rp_path(c, "forms.tsv", path, sizeof path);
    if (!tt_tsv_exists(path))
        return 0;
    const rp_series *s = &c->ser;
    tt_tsv *t;
    int rc = tt_tsv_open(&t, path, c->err);
    if (rc)
        return rc;
    int cc = tt_tsv_col(t, "concept_id"), cp = tt_tsv_col(t, "period"), cn = tt_tsv_col(t, "count");
    int cf = tt_tsv_col(t, "form") >= 0 ? tt_tsv_col(t, "form") : tt_tsv_col(t, "entry");
    int kc[16];
    size_t nkc = 0, nrows = 0, cap = 0;
    for (size_t i = 0; i < s->nkeycols && nkc < 16; i++)
        if (tt_tsv_col(t, s->keycols[i]) >= 0)
            kc[nkc++] = tt_tsv_col(t, s->keycols[i]);
    form_row *rows = NULL;
    tt_strmap seen = {0};
    tt_buf key = {0};
    if (cc < 0 || cp < 0 || cn < 0 || cf < 0) {
        tt_tsv_close(t);
        return 0; /* a forms.tsv of another shape: no table, the chart stands alone */
    }
    while ((rc = tt_tsv_next(t, c->err)) == 1) {
        const char *cid = tt_tsv_get(t, cc);
        int which = !strcmp(cid, c->cid[pr->a]) ? 0 : !strcmp(cid, c->cid[pr->b]) ? 1 : -1;
        if (which < 0)
            continue;
        if (nkc == s->nkeycols && nkc) { /* the file has the group keys: keep the pair's group */
            tt_buf_reset(&key);
            int bad = 0;
            for (size_t i = 0; i < nkc; i++)
                bad |= tt_buf_puts(&key, i ? " " : "") | tt_buf_puts(&key, tt_tsv_get(t, kc[i]));
            if (bad) {
                rc = rp_oom(c);
                break;
            }
            if (strcmp(key.data ? key.data : "", s->keys[pr->k]))
                continue;
        }
        size_t p = 0;
        while (p < s->np && strcmp(s->periods[p], tt_tsv_get(t, cp)))
            p++;
        if (p == s->np)
            continue;
        tt_buf_reset(&key);
        size_t idx;
        int isnew;
        if (tt_buf_printf(&key, "%d\t%zu\t%s", which, p, tt_tsv_get(t, cf)) ||
            tt_strmap_intern(&seen, key.data, key.len, &idx, &isnew)) {
            rc = rp_oom(c);
            break;
        }
        if (isnew) {
            if (nrows == cap) {
                cap = cap ? cap * 2 : 64;
                form_row *r = realloc(rows, cap * sizeof *r);
                if (!r) {
                    rc = rp_oom(c);
                    break;
                }
                rows = r;
            }
            rows[nrows] = (form_row){which, p, strdup(tt_tsv_get(t, cf)), 0};
            if (!rows[nrows].form) {
                rc = rp_oom(c);
                break;
            }
            seen.val[idx][0] = nrows++;
        }
        rows[seen.val[idx][0]].n += tt_tsv_num(t, cn);
    }
    tt_tsv_close(t);
    if (rc >= 0 && nrows) {
        qsort(rows, nrows, sizeof *rows, by_count);
        tt_buf *h = &c->html;
        int bad = tt_buf_puts(h, "<table class=\"forms\"><thead><tr><th>period</th><th>forms of ");
        bad |= rp_esc(h, c->cid[pr->a]) | tt_buf_puts(h, "</th><th>forms of ") |
               rp_esc(h, c->cid[pr->b]);
        bad |= tt_buf_puts(h, "</th></tr></thead><tbody>\n");
        for (size_t p = 0; p < s->np; p++) {
            int any = 0;
            for (size_t i = 0; i < nrows; i++)
                any |= rows[i].p == p;
            if (!any)
                continue;
            bad |= tt_buf_puts(h, "<tr><td>") | rp_esc(h, s->periods[p]) | tt_buf_puts(h, "</td>");
            for (int w = 0; w < 2; w++) {
                bad |= tt_buf_puts(h, "<td>");
                int shown = 0;
                for (size_t i = 0; i < nrows; i++)
                    if (rows[i].p == p && rows[i].which == w && shown < 4) {
                        bad |= tt_buf_puts(h, shown++ ? ", " : "") | rp_esc(h, rows[i].form);
                        bad |= tt_buf_puts(h, " (") | rp_count(h, rows[i].n) | tt_buf_puts(h, ")");
                    }
                bad |= tt_buf_puts(h, "</td>");
            }
            bad |= tt_buf_puts(h, "</tr>\n");
        }
        bad |= tt_buf_puts(
            h, "</tbody></table>\n<p class=\"note\">The most frequent forms (with counts) "
               "of forms.tsv");
        if (nkc == s->nkeycols && nkc)
            bad |= tt_buf_puts(h, " in ") | rp_esc(h, s->keys[pr->k]);
        bad |= tt_buf_puts(h, ".</p>\n");
        if (bad)
            rc = rp_oom(c);
    }
    for (size_t i = 0; i < nrows; i++)
        free(rows[i].form);
    free(rows);
    tt_strmap_free(&seen);
    tt_buf_free(&key);
    return rc < 0 ? rc : 0;
}

int
rp_section_replacement(rp_ctx *c)
{
    rp_series *s = &c->ser;
    if (s->np < 2 || s->nk == 0)
        return 0;
    pair *pairs = NULL;
    size_t np = 0, cap = 0;
    for (size_t a = 0; a < c->nc; a++)
        for (size_t b = 0; b < c->nc; b++) {
            if (a == b)
                continue;
            int related = !strcmp(c->cparent[a], c->cid[b]) || !strcmp(c->cparent[b], c->cid[a])
                              ? 2
                              : (*c->ccat[a] && !strcmp(c->ccat[a], c->ccat[b]));
            pair p;
            if (!related || !best_split(c, a, b, related, &p))
                continue;
            if (np == cap) {
                cap = cap ? cap * 2 : 16;
                pair *q = realloc(pairs, cap * sizeof *q);
                if (!q) {
                    free(pairs);
                    return rp_oom(c);
                }
                pairs = q;
            }
            pairs[np++] = p;
        }
    if (!np) {
        free(pairs);
        return 0;
    }
    qsort(pairs, np, sizeof *pairs, by_rank);
    int rc = rp_section_begin(c, "replacement", "Replacement over time");
    tt_buf *h = &c->html;
    int bad = tt_buf_puts(
        h, "<p class=\"note\">Pairs of related concepts (parent and narrower concept in the "
           "lexicon, or of one category) where one falls as the other rises in a group: "
           "at least 75% of the first one's hits come before the turn and at least 75% of the "
           "second one's from it on. Rates per 10,000 tokens.</p>\n");
    const char *sl[2];
    double *y = calloc(2 * s->np, sizeof *y), *cn = calloc(2 * s->np, sizeof *cn);
    double *dc = calloc(s->np, sizeof *dc);
    const char **xl = calloc(s->np, sizeof *xl);
    if (bad || !y || !cn || !dc || !xl)
        rc = rp_oom(c);
    for (size_t i = 0; !rc && i < np && i < MAX_PAIRS; i++) {
        const pair *p = &pairs[i];
        const char *key = s->keys[p->k], *turn = s->periods[p->split];
        bad = tt_buf_puts(h, "<div class=\"pair\" data-from=\"") | rp_esc(h, c->cid[p->a]);
        bad |= tt_buf_puts(h, "\" data-to=\"") | rp_esc(h, c->cid[p->b]) |
               tt_buf_puts(h, "\" data-group=\"");
        bad |= rp_esc(h, key) | tt_buf_puts(h, "\" data-turn=\"") | rp_esc(h, turn) |
               tt_buf_puts(h, "\">\n");
        bad |= tt_buf_puts(h, "<p class=\"lead\"><b>") | rp_esc(h, rp_clabel(c, p->a));
        bad |= tt_buf_puts(h, " \xE2\x86\x92 ") | rp_esc(h, rp_clabel(c, p->b)) |
               tt_buf_puts(h, "</b> in ");
        bad |= rp_esc(h, key) | tt_buf_puts(h, ": ") | rp_count(h, p->ab) | tt_buf_puts(h, " of ");
        bad |= rp_count(h, p->at) | tt_buf_puts(h, " hits of ") | rp_esc(h, c->cid[p->a]);
        bad |= tt_buf_puts(h, " come before ") | rp_esc(h, turn) | tt_buf_puts(h, ", ") |
               rp_count(h, p->ba);
        bad |= tt_buf_puts(h, " of ") | rp_count(h, p->bt) | tt_buf_puts(h, " hits of ") |
               rp_esc(h, c->cid[p->b]);
        bad |= tt_buf_puts(h, " from ") | rp_esc(h, turn) | tt_buf_puts(h, " on.</p>\n");
        sl[0] = c->cid[p->a];
        sl[1] = c->cid[p->b];
        /* only the periods in which the group has text: the pair's own time line */
        size_t nx = 0, mark = 0;
        for (size_t q = 0; q < s->np; q++) {
            size_t at = (p->k * c->nc + p->a) * s->np + q, bt = (p->k * c->nc + p->b) * s->np + q;
            if (!(s->tokens[at] > 0))
                continue;
            y[nx] = s->count[at] * 10000 / s->tokens[at];
            y[s->np + nx] = s->count[bt] * 10000 / s->tokens[bt];
            cn[nx] = s->count[at];
            cn[s->np + nx] = s->count[bt];
            if (q == p->split)
                mark = nx + 1;
            xl[nx] = s->periods[q];
            dc[nx++] = s->docs[p->k * s->np + q];
        }
        memmove(y + nx, y + s->np, nx * sizeof *y); /* rp_lines reads [ser * nx + x] */
        memmove(cn + nx, cn + s->np, nx * sizeof *cn);
        char name[300], title[600], row[300];
        snprintf(name, sizeof name, "replacement-%zu", i + 1);
        snprintf(title, sizeof title, "%s \xE2\x86\x92 %s (%s)", c->cid[p->a], c->cid[p->b], key);
        snprintf(row, sizeof row, "%s docs", key);
        const char *rl[1] = {row};
        char ml[300];
        snprintf(ml, sizeof ml, "turn: %s", turn);
        rp_lines lc = {
            name, title, "per 10,000 tokens", c->cid[p->b], nx, 2, xl, sl, y, cn, 1, rl, dc, 860,
            mark, ml};
        bad |= rp_svg_lines(&c->svg, &lc);
        if (bad) {
            rc = rp_oom(c);
            break;
        }
        if ((rc = rp_emit_figure(c, name, NULL)) || (rc = forms_table(c, p)))
            break;
        if (tt_buf_puts(h, "</div>\n"))
            rc = rp_oom(c);
    }
    if (!rc && tt_buf_puts(h, "</section>\n"))
        rc = rp_oom(c);
    free(y), free(cn), free(dc), free(xl), free(pairs);
    return rc;
}
