/* report_conc.c - the report's concordance browser: KWIC lines of hits.tsv with document, country,
 * period, article, page and role. hits.tsv is streamed twice: once to count each concept's hits,
 * once to keep an evenly spaced sample of at most kwic_per_concept lines per concept
 * (deterministic: the same folder gives the same lines), so a run with hundreds of thousands of
 * hits still gives a page that opens in seconds. The page says how many lines were left out and
 * points to hits.tsv. */
#include <stdlib.h>
#include <string.h>

#include "tt/tsv.h"

#include "report_priv.h"

enum { C_DOC, C_CONCEPT, C_ARTICLE, C_PAGE, C_ROLE, C_SURFACE, C_LEFT, C_RIGHT, C_N };
static const char *const colnames[C_N] = {"doc_id", "concept_id", "article", "page",
                                          "role",   "surface",    "left",    "right"};

static int
sorted_options(tt_buf *h, const char *id, const char *label, tt_strmap *m)
{
    const char **v = malloc((m->n ? m->n : 1) * sizeof *v);
    if (!v)
        return TT_ENOMEM;
    for (size_t i = 0; i < m->n; i++)
        v[i] = tt_strmap_key(m, i, NULL);
    for (size_t a = 1; a < m->n; a++) /* insertion sort: few values */
        for (size_t b = a; b > 0 && strcmp(v[b], v[b - 1]) < 0; b--) {
            const char *x = v[b];
            v[b] = v[b - 1];
            v[b - 1] = x;
        }
    int rc = tt_buf_printf(h, "<label>%s <select id=\"f-%s\"><option value=\"\">all</option>",
                           label, id);
    for (size_t i = 0; i < m->n; i++) {
        rc |= tt_buf_puts(h, "<option value=\"") | rp_esc(h, v[i]) | tt_buf_puts(h, "\">");
        rc |= rp_esc(h, *v[i] ? v[i] : "(none)") | tt_buf_puts(h, "</option>");
    }
    free(v);
    return rc | tt_buf_puts(h, "</select></label>\n");
}

static int
cell(tt_buf *b, const char *cls, const char *s)
{
    int rc = tt_buf_puts(b, cls ? "<td class=\"" : "<td>");
    if (cls)
        rc |= tt_buf_puts(b, cls) | tt_buf_puts(b, "\">");
    return rc | rp_esc(b, s) | tt_buf_puts(b, "</td>");
}

int
rp_section_kwic(rp_ctx *c)
{
    char path[4400];
    rp_path(c, "hits.tsv", path, sizeof path);
    if (!tt_tsv_exists(path))
        return 0;
    size_t per = c->opts->kwic_per_concept ? c->opts->kwic_per_concept : 200;
    uint64_t *total = calloc(c->nc + 1, sizeof *total), *seen = calloc(c->nc + 1, sizeof *seen);
    tt_buf rows = {0};
    tt_strmap fc = {0}, fk = {0}, fp = {0}, fr = {0};
    int rc = total && seen ? 0 : rp_oom(c), col[C_N];
    uint64_t all = 0, kept = 0;
    for (int pass = 0; pass < 2 && !rc; pass++) {
        tt_tsv *t;
        if ((rc = tt_tsv_open(&t, path, c->err)))
            break;
        for (int i = 0; i < C_N; i++)
            col[i] = tt_tsv_col(t, colnames[i]);
        if (col[C_DOC] < 0 || col[C_CONCEPT] < 0 || col[C_SURFACE] < 0) {
            tt_tsv_close(t);
            rc = rp_missing(c, "hits.tsv", "doc_id, concept_id, surface");
            all = 0;
            break;
        }
        while ((rc = tt_tsv_next(t, c->err)) == 1) {
            const char *cid = tt_tsv_get(t, col[C_CONCEPT]);
            int64_t ci = tt_strmap_find(&c->cix, cid, strlen(cid));
            size_t k = ci < 0 ? c->nc : (size_t)ci;
            if (pass == 0) {
                total[k]++;
                all++;
                continue;
            }
            /* keep hit j of n when floor((j+1)*per/n) > floor(j*per/n): exactly min(n, per), evenly
             * spaced */
            uint64_t j = seen[k]++, n = total[k];
            if (n > per && (j + 1) * per / n == j * per / n)
                continue;
            kept++;
            const char *doc = tt_tsv_get(t, col[C_DOC]);
            int64_t di = tt_strmap_find(&c->docix, doc, strlen(doc));
            const rp_doc *d = di >= 0 ? &c->docs[di] : NULL;
            const char *country = d ? d->country : "", *period = d ? d->period : "";
            const char *role = tt_tsv_get(t, col[C_ROLE]);
            size_t x;
            int bad = tt_strmap_intern(&fc, cid, strlen(cid), &x, NULL);
            bad |= tt_strmap_intern(&fk, country, strlen(country), &x, NULL);
            bad |= tt_strmap_intern(&fp, period, strlen(period), &x, NULL);
            if (col[C_ROLE] >= 0)
                bad |= tt_strmap_intern(&fr, role, strlen(role), &x, NULL);
            tt_buf *b = &rows;
            bad |= tt_buf_puts(b, "<tr data-concept=\"") | rp_esc(b, cid) |
                   tt_buf_puts(b, "\" data-country=\"");
            bad |= rp_esc(b, country) | tt_buf_puts(b, "\" data-period=\"") | rp_esc(b, period);
            bad |= tt_buf_puts(b, "\" data-role=\"") | rp_esc(b, role) |
                   tt_buf_puts(b, "\"><td title=\"");
            bad |= rp_esc(b, d ? d->title : "") | tt_buf_puts(b, "\">") | rp_esc(b, doc) |
                   tt_buf_puts(b, "</td>");
            bad |= cell(b, NULL, country) | cell(b, NULL, period) |
                   cell(b, NULL, tt_tsv_get(t, col[C_ARTICLE]));
            if (col[C_PAGE] >= 0)
                bad |= cell(b, NULL, tt_tsv_get(t, col[C_PAGE]));
            if (col[C_ROLE] >= 0)
                bad |= cell(b, NULL, role);
            bad |= cell(b, NULL, cid) | tt_buf_puts(b, "<td class=\"l\"><span dir=\"ltr\">");
            bad |= rp_esc(b, tt_tsv_get(t, col[C_LEFT])) | tt_buf_puts(b, "</span></td>");
            bad |= cell(b, "k", tt_tsv_get(t, col[C_SURFACE])) |
                   cell(b, "r", tt_tsv_get(t, col[C_RIGHT]));
            bad |= tt_buf_puts(b, "</tr>\n");
            if (bad) {
                rc = rp_oom(c);
                break;
            }
        }
        tt_tsv_close(t);
        if (rc > 0)
            rc = 0;
    }
    if (!rc && all) {
        rc = rp_section_begin(c, "kwic", "Concordance");
        tt_buf *h = &c->html;
        int bad =
            tt_buf_puts(h, "<p class=\"note\" data-total-hits=\"") | rp_num(h, (double)all, 0);
        bad |=
            tt_buf_puts(h, "\" data-lines=\"") | rp_num(h, (double)kept, 0) | tt_buf_puts(h, "\">");
        if (kept < all) {
            bad |= tt_buf_puts(h, "<b>") | rp_count(h, (double)kept) | tt_buf_puts(h, " of ") |
                   rp_count(h, (double)all);
            bad |= tt_buf_puts(h, " hits are shown</b>: at most ") | rp_count(h, (double)per);
            bad |= tt_buf_puts(
                h, " per concept, evenly spaced through the documents (in doc_id order); the ");
            bad |= rp_count(h, (double)(all - kept)) |
                   tt_buf_puts(h, " left out are in <code>hits.tsv</code> "
                                  "(<code>pipeline kwic --out OUT --concept "
                                  "ID</code> prints them). Concepts cut: ");
            int k = 0;
            for (size_t i = 0; i < c->nc; i++)
                if (total[i] > per) {
                    bad |= tt_buf_puts(h, k++ ? ", " : "") | rp_esc(h, c->cid[i]) |
                           tt_buf_puts(h, " ");
                    bad |= rp_count(h, (double)per) | tt_buf_puts(h, "/") |
                           rp_count(h, (double)total[i]);
                }
            bad |= tt_buf_puts(h, ".");
        } else {
            bad |= tt_buf_puts(h, "All ") | rp_count(h, (double)all) |
                   tt_buf_puts(h, " hits of hits.tsv.");
        }
        if (col[C_ROLE] >= 0)
            bad |= tt_buf_puts(
                h, " Every hit is listed whatever its role (text, quoted, note, repealed); "
                   "the counts in the charts take the roles the run counted (run.json "
                   "options).");
        bad |= tt_buf_puts(
            h, " Filter and sort below (click a column head; the left context sorts by its last "
               "word); a filter can be given in the address, e.g. <code>#concept=kandas&amp;"
               "country=KZ</code>.</p>\n<div class=\"controls\">\n");
        bad |= sorted_options(h, "concept", "concept", &fc) |
               sorted_options(h, "country", "country", &fk);
        bad |= sorted_options(h, "period", "period", &fp);
        if (col[C_ROLE] >= 0)
            bad |= sorted_options(h, "role", "role", &fr);
        bad |= tt_buf_puts(
            h,
            "<label>text <input id=\"f-text\" type=\"search\" size=\"16\"></label>\n"
            "<span class=\"pager\"><button id=\"kwic-prev\" type=\"button\">\xE2\x97\x80</button>"
            "<span id=\"kwic-info\"></span><button id=\"kwic-next\" type=\"button\">"
            "\xE2\x96\xB6</button></span>\n</div>\n");
        /* columns: doc country period article [page] [role] concept left hit right */
        int np = col[C_PAGE] >= 0, nr = col[C_ROLE] >= 0, left = 5 + np + nr;
        bad |= tt_buf_printf(
            h,
            "<table id=\"kwic-table\" data-page-size=\"100\" data-left=\"%d\"><colgroup>"
            "<col style=\"width:11%%\"><col style=\"width:5%%\"><col style=\"width:5%%\">"
            "<col style=\"width:7%%\">%s%s<col style=\"width:10%%\"><col style=\"width:%d%%\">"
            "<col style=\"width:13%%\"><col style=\"width:%d%%\"></colgroup>\n",
            left, np ? "<col style=\"width:4%\">" : "", nr ? "<col style=\"width:6%\">" : "",
            24 - (np * 2 + nr * 3), 25 - (np * 2 + nr * 3));
        bad |= tt_buf_puts(
            h, "<thead><tr><th data-sort=\"doc\">document</th><th data-sort=\"1\">country</th>"
               "<th data-sort=\"2\">period</th><th data-sort=\"3\">article</th>");
        if (np)
            bad |= tt_buf_puts(h, "<th>page</th>");
        if (nr)
            bad |= tt_buf_printf(h, "<th data-sort=\"%d\">role</th>", 4 + np);
        bad |= tt_buf_printf(
            h,
            "<th data-sort=\"%d\">concept</th><th data-sort=\"left\">left context</th>"
            "<th data-sort=\"%d\">hit</th><th data-sort=\"%d\">right context</th></tr></thead>\n"
            "<tbody>\n",
            4 + np + nr, left + 1, left + 2);
        bad |= tt_buf_append(h, rows.data ? rows.data : "", rows.len);
        bad |= tt_buf_puts(h, "</tbody></table>\n</section>\n");
        if (bad && !rc)
            rc = rp_oom(c);
    }
    free(total), free(seen);
    tt_buf_free(&rows);
    tt_strmap_free(&fc), tt_strmap_free(&fk), tt_strmap_free(&fp), tt_strmap_free(&fr);
    return rc < 0 ? rc : 0;
}
