/* report_kwic.c - the report's sections over pairs and hits: keyness between the compared groups
 * (diverging bars), the co-occurrence heat map of one context (log-Dice), and the concordance
 * browser (an evenly spaced, deterministic sample of hits.tsv per concept, with filters and sorting
 * in the page's script). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/tsv.h"

#include "report_priv.h"

#define MAX_KEY_ROWS 30
#define MAX_HEAT     20

/* ---- keyness
 * ------------------------------------------------------------------------------------------- */
typedef struct {
    char *id;
    const char *label;
    double ca, cb, ra, rb, g2, lr, p;
    int term;
} key_row;

static int
by_g2(const void *x, const void *y)
{
    const key_row *a = x, *b = y;
    if (a->g2 != b->g2)
        return a->g2 > b->g2 ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int
by_lr(const void *x, const void *y)
{
    const key_row *a = x, *b = y;
    if (a->lr != b->lr)
        return a->lr > b->lr ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* "country=KZ" -> "KZ"; anything with several conditions stays as written. */
static void
group_name(const char *side, size_t n, char *out, size_t cap)
{
    const char *eq = memchr(side, '=', n);
    if (eq && !memchr(side, '+', n))
        snprintf(out, cap, "%.*s", (int)(n - (size_t)(eq + 1 - side)), eq + 1);
    else
        snprintf(out, cap, "%.*s", (int)n, side);
}

static int
keyness_chart(rp_ctx *c, const key_row *rows, size_t n, int term, const char *ga, const char *gb)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += rows[i].term == term;
    if (!m)
        return 0;
    size_t show = m < MAX_KEY_ROWS ? m : MAX_KEY_ROWS;
    key_row *r = calloc(show, sizeof *r); /* shallow copies: the rows keep owning their ids */
    const char **ids = calloc(show, sizeof *ids), **lab = calloc(show, sizeof *lab);
    double *v = calloc(show, sizeof *v), *p = calloc(show, sizeof *p),
           *ca = calloc(show, sizeof *ca), *cb = calloc(show, sizeof *cb);
    int rc = 0;
    if (!r || !ids || !lab || !v || !p || !ca || !cb) {
        rc = rp_oom(c);
    } else {
        for (size_t i = 0, k = 0; i < n && k < show; i++) /* rows are sorted by G2: the strongest */
            if (rows[i].term == term)
                r[k++] = rows[i];
        qsort(r, show, sizeof *r, by_lr);
        for (size_t i = 0; i < show; i++) {
            ids[i] = r[i].id;
            lab[i] = r[i].label;
            v[i] = r[i].lr;
            p[i] = r[i].p;
            ca[i] = r[i].ca;
            cb[i] = r[i].cb;
        }
        char title[600], name[64];
        snprintf(title, sizeof title, "%s: %s against %s", term ? "Key terms" : "Key concepts", ga,
                 gb);
        snprintf(name, sizeof name, "keyness-%s", term ? "terms" : "concepts");
        rp_diverging dc = {name, title, "log ratio (binary log of the ratio of the two rates)",
                           gb,   ga,    show,
                           ids,  lab,   v,
                           p,    ca,    cb};
        if (rp_svg_diverging(&c->svg, &dc))
            rc = rp_oom(c);
        else
            rc = rp_emit_figure(c, name,
                                m > show ? "The rows with the largest G\xC2\xB2 (the rest are in "
                                           "keyness.tsv)."
                                         : NULL);
    }
    free(r), free(ids), free(lab), free(v), free(p), free(ca), free(cb);
    return rc;
}

int
rp_section_keyness(rp_ctx *c)
{
    char path[4400];
    rp_path(c, "keyness.tsv", path, sizeof path);
    if (!tt_tsv_exists(path))
        return 0;
    tt_tsv *t;
    int rc = tt_tsv_open(&t, path, c->err);
    if (rc)
        return rc;
    int cc = tt_tsv_col(t, "concept_id"), cterm = tt_tsv_col(t, "term"),
        ca = tt_tsv_col(t, "count_a"), cb = tt_tsv_col(t, "count_b"), cg = tt_tsv_col(t, "g2"),
        cl = tt_tsv_col(t, "log_ratio"), cpv = tt_tsv_col(t, "p_value"),
        cga = tt_tsv_col(t, "group_a"), cgb = tt_tsv_col(t, "group_b"),
        cra = tt_tsv_col(t, "per_10k_a"), crb = tt_tsv_col(t, "per_10k_b");
    if ((cc < 0 && cterm < 0) || ca < 0 || cb < 0 || cg < 0 || cl < 0) {
        tt_tsv_close(t);
        return rp_missing(c, "keyness.tsv", "concept_id, count_a, count_b, g2, log_ratio");
    }
    char ga[256] = "", gb[256] = "";
    const char *cmp = rj_str(rj_get(rj_get(&c->run, "options"), "compare"), "");
    const char *colon = strchr(cmp, ':');
    if (colon) {
        group_name(cmp, (size_t)(colon - cmp), ga, sizeof ga);
        group_name(colon + 1, strlen(colon + 1), gb, sizeof gb);
    }
    key_row *rows = NULL;
    size_t n = 0, cap = 0;
    while ((rc = tt_tsv_next(t, c->err)) == 1) {
        const char *cid = tt_tsv_get(t, cc), *term = tt_tsv_get(t, cterm);
        int is_term = !*cid;
        const char *id = is_term ? term : cid;
        if (!*id)
            continue;
        if (n == 0 && cga >= 0 && *tt_tsv_get(t, cga)) {
            const char *a = tt_tsv_get(t, cga), *b = tt_tsv_get(t, cgb);
            group_name(a, strlen(a), ga, sizeof ga);
            group_name(b, strlen(b), gb, sizeof gb);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            key_row *r = realloc(rows, cap * sizeof *r);
            if (!r) {
                rc = rp_oom(c);
                break;
            }
            rows = r;
        }
        int64_t ci = is_term ? -1 : tt_strmap_find(&c->cix, cid, strlen(cid));
        key_row *r = &rows[n];
        r->id = strdup(id);
        if (!r->id) {
            rc = rp_oom(c);
            break;
        }
        n++;
        r->label = ci >= 0 ? rp_clabel(c, (size_t)ci) : r->id;
        r->term = is_term;
        r->ca = tt_tsv_num(t, ca), r->cb = tt_tsv_num(t, cb), r->g2 = tt_tsv_num(t, cg);
        r->lr = tt_tsv_num(t, cl), r->p = cpv >= 0 ? tt_tsv_num(t, cpv) : 1;
        r->ra = tt_tsv_num(t, cra), r->rb = tt_tsv_num(t, crb);
        if (cpv >= 0 && !*tt_tsv_get(t, cpv))
            r->p = 1;
    }
    tt_tsv_close(t);
    if (!*ga)
        snprintf(ga, sizeof ga, "A");
    if (!*gb)
        snprintf(gb, sizeof gb, "B");
    if (rc >= 0 && n) {
        qsort(rows, n, sizeof *rows, by_g2);
        rc = rp_section_begin(c, "keyness", "Keyness: what sets the compared groups apart");
        tt_buf *h = &c->html;
        int bad = tt_buf_puts(h, "<p class=\"lead\">");
        for (int side = 0; side < 2; side++) {
            bad |=
                tt_buf_puts(h, side ? " More in <b>" : "More in <b>") | rp_esc(h, side ? gb : ga);
            bad |=
                tt_buf_puts(h, "</b> than in ") | rp_esc(h, side ? ga : gb) | tt_buf_puts(h, ": ");
            int k = 0;
            for (size_t i = 0; i < n && k < 5; i++)
                if (!rows[i].term && rows[i].p < 0.05 && (side ? rows[i].lr < 0 : rows[i].lr > 0)) {
                    bad |= tt_buf_puts(h, k++ ? ", " : "") | rp_esc(h, rows[i].id) |
                           tt_buf_puts(h, " (");
                    bad |= rp_count(h, side ? rows[i].cb : rows[i].ca) | tt_buf_puts(h, " vs ");
                    bad |= rp_count(h, side ? rows[i].ca : rows[i].cb) | tt_buf_puts(h, ")");
                }
            bad |= tt_buf_puts(h, k ? "." : "no concept significantly (p < 0.05).");
        }
        bad |=
            tt_buf_puts(h, "</p>\n<p class=\"note\">From keyness.tsv (--compare ") | rp_esc(h, cmp);
        bad |= tt_buf_puts(h, "): bars to the right are more frequent in ") | rp_esc(h, ga);
        bad |= tt_buf_puts(h, ", to the left in ") | rp_esc(h, gb);
        bad |= tt_buf_puts(
            h, "; length = log ratio of the rates per 10,000 tokens; solid bars are significant "
               "by the log-likelihood test (G\xC2\xB2).</p>\n");
        if (bad)
            rc = rp_oom(c);
        /* the table first (the charts reorder rows) */
        bad = tt_buf_puts(
            h, "<details><summary>Keyness as a table</summary>\n<table class=\"keyness\"><thead>"
               "<tr><th>concept or term</th><th class=\"n\">");
        bad |= rp_esc(h, ga) | tt_buf_puts(h, "</th><th class=\"n\">") | rp_esc(h, gb);
        bad |= tt_buf_puts(h, "</th><th class=\"n\">per 10k ") | rp_esc(h, ga) |
               tt_buf_puts(h, "</th>");
        bad |= tt_buf_puts(h, "<th class=\"n\">per 10k ") | rp_esc(h, gb) | tt_buf_puts(h, "</th>");
        bad |= tt_buf_puts(
            h, "<th class=\"n\">log ratio</th><th class=\"n\">G\xC2\xB2</th><th class=\"n\">p</th>"
               "</tr></thead><tbody>\n");
        for (size_t i = 0; i < n && i < 200; i++) {
            key_row *r = &rows[i];
            bad |= tt_buf_puts(h, "<tr data-concept=\"") | rp_esc(h, r->id) |
                   tt_buf_puts(h, "\"><td>");
            bad |=
                rp_esc(h, r->label) | tt_buf_puts(h, "</td><td class=\"n\">") | rp_count(h, r->ca);
            bad |= tt_buf_puts(h, "</td><td class=\"n\">") | rp_count(h, r->cb) |
                   tt_buf_puts(h, "</td><td class=\"n\">");
            bad |=
                rp_num(h, r->ra, 2) | tt_buf_puts(h, "</td><td class=\"n\">") | rp_num(h, r->rb, 2);
            bad |= tt_buf_puts(h, "</td><td class=\"n\">") | rp_num(h, r->lr, 2) |
                   tt_buf_puts(h, "</td><td class=\"n\">");
            bad |= rp_num(h, r->g2, 2) | tt_buf_puts(h, "</td><td class=\"n\">");
            bad |= rp_num(h, r->p, r->p < 0.001 ? 6 : 4) | tt_buf_puts(h, "</td></tr>\n");
        }
        bad |= tt_buf_puts(h, "</tbody></table></details>\n");
        if (bad && !rc)
            rc = rp_oom(c);
        if (!rc)
            rc = keyness_chart(c, rows, n, 0, ga, gb);
        if (!rc)
            rc = keyness_chart(c, rows, n, 1, ga, gb);
        if (!rc && tt_buf_puts(h, "</section>\n"))
            rc = rp_oom(c);
    }
    for (size_t i = 0; i < n; i++)
        free(rows[i].id);
    free(rows);
    return rc < 0 ? rc : 0;
}

/* ---- co-occurrence heat map
 * ------------------------------------------------------------------------------ */
int
rp_section_cooc(rp_ctx *c)
{
    const rj_value *ctxs = rj_get(&c->run, "contexts");
    const char *want = c->opts->context, *ctx = NULL;
    for (size_t i = 0; ctxs && ctxs->kind == RJ_ARR && i < ctxs->n; i++) {
        const char *s = rj_str(&ctxs->items[i], "");
        if (want ? !strcmp(s, want)
                 : (!ctx || !strcmp(s, "window5") ||
                    (!strcmp(s, "sentence") && strcmp(ctx, "window5"))))
            ctx = s;
    }
    if (want && !ctx)
        return tt_error_set(c->err, TT_EUSAGE,
                            "the run has no co-occurrence context '%s' (see run.json "
                            "\"contexts\")",
                            want);
    if (!ctx)
        return 0;
    char name[300], path[4400];
    snprintf(name, sizeof name, "cooc.%s.tsv", ctx);
    rp_path(c, name, path, sizeof path);
    if (!tt_tsv_exists(path))
        return 0;
    tt_tsv *t;
    int rc = tt_tsv_open(&t, path, c->err);
    if (rc)
        return rc;
    int ca = tt_tsv_col(t, "concept_a"), cb = tt_tsv_col(t, "concept_b"),
        cn = tt_tsv_col(t, "count"), cd = tt_tsv_col(t, "log_dice");
    if (ca < 0 || cb < 0 || cn < 0 || cd < 0) {
        tt_tsv_close(t);
        return rp_missing(c, name, "concept_a, concept_b, count, log_dice");
    }
    size_t nc = c->nc;
    double *freq = calloc(nc + 1, sizeof *freq), *ld = malloc((nc * nc + 1) * sizeof *ld),
           *cnt = calloc(nc * nc + 1, sizeof *cnt);
    if (!freq || !ld || !cnt)
        rc = rp_oom(c);
    for (size_t i = 0; !rc && i < nc * nc; i++)
        ld[i] = NAN;
    while (!rc && (rc = tt_tsv_next(t, c->err)) == 1) {
        const char *a = tt_tsv_get(t, ca), *b = tt_tsv_get(t, cb);
        int64_t i = tt_strmap_find(&c->cix, a, strlen(a)),
                j = tt_strmap_find(&c->cix, b, strlen(b));
        if (i < 0 || j < 0)
            continue;
        double n = tt_tsv_num(t, cn);
        if (i == j) {
            freq[i] = n;
        } else {
            ld[(size_t)i * nc + (size_t)j] = ld[(size_t)j * nc + (size_t)i] = tt_tsv_num(t, cd);
            cnt[(size_t)i * nc + (size_t)j] = cnt[(size_t)j * nc + (size_t)i] = n;
        }
        rc = 0;
    }
    tt_tsv_close(t);
    size_t m = 0, *sel = calloc(MAX_HEAT, sizeof *sel);
    if (rc >= 0 && !sel)
        rc = rp_oom(c);
    if (rc >= 0) { /* the MAX_HEAT concepts in most contexts, shown in lexicon order */
        int *used = calloc(nc + 1, sizeof *used);
        if (!used)
            rc = rp_oom(c);
        for (; used && m < MAX_HEAT; m++) {
            size_t best = nc;
            for (size_t i = 0; i < nc; i++)
                if (!used[i] && freq[i] > 0 && (best == nc || freq[i] > freq[best]))
                    best = i;
            if (best == nc)
                break;
            used[best] = 1;
        }
        for (size_t i = 0, k = 0; used && i < nc; i++)
            if (used[i])
                sel[k++] = i;
        free(used);
    }
    if (rc >= 0 && m >= 2) {
        const char **ids = calloc(m, sizeof *ids), **lab = calloc(m, sizeof *lab);
        double *v = calloc(m * m, sizeof *v), *n = calloc(m * m, sizeof *n);
        if (!ids || !lab || !v || !n) {
            rc = rp_oom(c);
        } else {
            for (size_t i = 0; i < m; i++) {
                ids[i] = c->cid[sel[i]];
                lab[i] = c->cid[sel[i]];
                for (size_t j = 0; j < m; j++) {
                    v[i * m + j] = ld[sel[i] * nc + sel[j]];
                    n[i * m + j] = i == j ? freq[sel[i]] : cnt[sel[i] * nc + sel[j]];
                }
            }
            rc = rp_section_begin(c, "cooc", "Co-occurrence");
            tt_buf *h = &c->html;
            int bad = tt_buf_puts(h, "<p class=\"lead\">Strongest pairs in the context <b>") |
                      rp_esc(h, ctx);
            bad |= tt_buf_puts(h, "</b> (log-Dice, at least 2 co-occurrences): ");
            int k = 0;
            double last = INFINITY;
            for (; k < 5;) { /* the five strongest pairs, in order, without sorting the matrix */
                double bv = -INFINITY;
                size_t bi = 0, bj = 0;
                for (size_t i = 0; i < m; i++)
                    for (size_t j = i + 1; j < m; j++) {
                        double x = v[i * m + j];
                        if (isfinite(x) && n[i * m + j] >= 2 && x < last && x > bv)
                            bv = x, bi = i, bj = j;
                    }
                if (!isfinite(bv))
                    break;
                bad |= tt_buf_puts(h, k++ ? "; " : "") | rp_esc(h, ids[bi]) |
                       tt_buf_puts(h, " \xC3\x97 ");
                bad |= rp_esc(h, ids[bj]) | tt_buf_puts(h, " ") | rp_num(h, bv, 1);
                last = bv;
            }
            bad |= tt_buf_puts(h, k ? ".</p>\n" : "none.</p>\n");
            bad |= tt_buf_puts(h, "<p class=\"note\">The ") | rp_count(h, (double)m);
            bad |= tt_buf_puts(
                       h, " concepts found in most contexts; log-Dice (14 = the two always occur "
                          "together) from ") |
                   rp_esc(h, name);
            bad |= tt_buf_puts(
                h, "; the diagonal is grey (hover it for the number of contexts). Another "
                   "context: <code>pipeline report OUT --context sentence</code>.</p>\n");
            rp_heat hc = {
                "cooc-heatmap", "Co-occurrence (log-Dice)", "log-Dice", m, ids, lab, v, n};
            char title[400];
            snprintf(title, sizeof title, "Co-occurrence in %s (log-Dice)", ctx);
            hc.title = title;
            bad |= rp_svg_heat(&c->svg, &hc);
            if (bad && !rc)
                rc = rp_oom(c);
            if (!rc)
                rc = rp_emit_figure(c, "cooc-heatmap", NULL);
            if (!rc && tt_buf_puts(h, "</section>\n"))
                rc = rp_oom(c);
        }
        free(ids), free(lab), free(v), free(n);
    }
    free(freq), free(ld), free(cnt), free(sel);
    return rc < 0 ? rc : 0;
}
