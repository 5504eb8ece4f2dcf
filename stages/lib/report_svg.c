/* report_svg.c - the report's charts as SVG, drawn by hand (axes, ticks, labels, legend, the
 * Okabe-Ito colour-blind-safe palette, grouped bars, lines, diverging bars, a heat map). Each chart
 * is a standalone SVG document (it is also written as report/<name>.svg) that the page inlines.
 * Coordinates and numbers are written with '.' whatever the locale (tt/num.h); every text is
 * escaped. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tt/num.h"
#include "tt/utf8.h"

#include "report_priv.h"

static const char *const okabe_ito[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                        "#56B4E9", "#CC79A7", "#F0E442", "#000000"};
static const char *const dashes[] = {"", "6 3", "2 3", "8 3 2 3"};
static const char FONT[] = "system-ui, 'DejaVu Sans', 'Noto Sans', Arial, sans-serif";
#define INK  "#222"
#define GRID "#d9d9d9"

const char *
rp_color(size_t i)
{
    return okabe_ito[i % 8];
}

static const char *
dash(size_t i)
{
    return dashes[i % 4];
}

int
rp_esc(tt_buf *b, const char *s)
{
    int rc = 0;
    const char *run = s;
    for (; *s; s++) {
        const char *e = *s == '&'    ? "&amp;"
                        : *s == '<'  ? "&lt;"
                        : *s == '>'  ? "&gt;"
                        : *s == '"'  ? "&quot;"
                        : *s == '\'' ? "&#39;"
                                     : NULL;
        /* control characters other than tab and newline are not allowed in XML 1.0: drop them */
        int drop = (unsigned char)*s < 0x20 && *s != '\t' && *s != '\n';
        if (e || drop) {
            rc |= tt_buf_append(b, run, (size_t)(s - run));
            if (e)
                rc |= tt_buf_puts(b, e);
            run = s + 1;
        }
    }
    return rc | tt_buf_append(b, run, (size_t)(s - run));
}

int
rp_num(tt_buf *b, double v, int dec)
{
    if (!isfinite(v))
        v = 0;
    return tt_num_put_fixed(b, v, dec);
}

int
rp_count(tt_buf *b, double v)
{
    char d[32];
    snprintf(d, sizeof d, "%.0f", isfinite(v) && v >= 0 ? v : 0);
    size_t n = strlen(d);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            rc |= tt_buf_puts(b, "\xE2\x80\xAF"); /* U+202F narrow no-break space */
        rc |= tt_buf_putc(b, d[i]);
    }
    return rc;
}

double
rp_text_width(const char *s, double px)
{
    return (double)tt_utf8_chars(s, strlen(s)) * px * 0.6;
}

/* s cut to at most max code points, with an ellipsis when cut; escaped. */
static int
esc_cut(tt_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s), chars = 0, i = 0;
    while (i < n && chars < max) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (i >= n)
        return rp_esc(b, s);
    tt_buf t = {0};
    int rc = tt_buf_append(&t, s, i);
    rc |= rp_esc(b, t.data ? t.data : "");
    tt_buf_free(&t);
    return rc | tt_buf_puts(b, "\xE2\x80\xA6");
}

/* A "nice" axis: step and top for values in [0, vmax]. */
static void
nice_axis(double vmax, double *step, double *top, int *dec)
{
    if (!(vmax > 1e-9) || !isfinite(vmax))
        vmax = 1;
    double raw = vmax / 5, mag = exp10(floor(log10(fmax(raw, 1e-12)))), r = raw / mag;
    double m = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
    *step = m * mag;
    *top = ceil(vmax / *step - 1e-9) * *step;
    int d = *step >= 1 ? 0 : (int)ceil(-log10(*step) - 1e-9);
    if (m == 2.5 && *step < 10)
        d++;
    *dec = d < 0 ? 0 : d > 6 ? 6 : d;
}

static int
svg_open(tt_buf *b, const char *name, const char *title, double w, double h)
{
    int rc = tt_buf_puts(
        b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tt-chart\" data-chart=\"");
    rc |= rp_esc(b, name);
    rc |= tt_buf_puts(b, "\" viewBox=\"0 0 ");
    rc |= rp_num(b, w, 0) | tt_buf_putc(b, ' ') | rp_num(b, h, 0);
    rc |= tt_buf_puts(b, "\" width=\"") | rp_num(b, w, 0) | tt_buf_puts(b, "\" height=\"") |
          rp_num(b, h, 0);
    rc |= tt_buf_printf(
        b, "\" font-family=\"%s\" font-size=\"12\" fill=\"" INK "\" role=\"img\">\n<title>", FONT);
    rc |= rp_esc(b, title);
    rc |= tt_buf_puts(b, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    rc |= tt_buf_puts(b, "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">");
    rc |= rp_esc(b, title);
    return rc | tt_buf_puts(b, "</text>\n");
}

/* <text x y anchor [extra]>s</text> */
static int
text(tt_buf *b, double x, double y, const char *anchor, const char *extra, const char *s)
{
    int rc = tt_buf_puts(b, "<text x=\"") | rp_num(b, x, 1) | tt_buf_puts(b, "\" y=\"") |
             rp_num(b, y, 1);
    rc |= tt_buf_printf(b, "\" text-anchor=\"%s\"%s%s>", anchor, extra ? " " : "",
                        extra ? extra : "");
    return rc | rp_esc(b, s) | tt_buf_puts(b, "</text>\n");
}

static int
line(tt_buf *b, double x1, double y1, double x2, double y2, const char *stroke)
{
    int rc = tt_buf_puts(b, "<line x1=\"") | rp_num(b, x1, 1) | tt_buf_puts(b, "\" y1=\"") |
             rp_num(b, y1, 1);
    rc |= tt_buf_puts(b, "\" x2=\"") | rp_num(b, x2, 1) | tt_buf_puts(b, "\" y2=\"") |
          rp_num(b, y2, 1);
    return rc | tt_buf_printf(b, "\" stroke=\"%s\"/>\n", stroke);
}

static int
rect_open(tt_buf *b, double x, double y, double w, double h, const char *fill)
{
    int rc = tt_buf_puts(b, "<rect x=\"") | rp_num(b, x, 1) | tt_buf_puts(b, "\" y=\"") |
             rp_num(b, y, 1);
    rc |= tt_buf_puts(b, "\" width=\"") | rp_num(b, w < 0 ? 0 : w, 1) |
          tt_buf_puts(b, "\" height=\"");
    return rc | rp_num(b, h, 1) | tt_buf_printf(b, "\" fill=\"%s\"", fill);
}

/* A horizontal legend of coloured swatches (lines when as_lines) starting at (x, y); returns its
 * height. */
static int
legend(tt_buf *b, double x, double y, double maxw, const char *const *labels, size_t n,
       int as_lines, double *height)
{
    int rc = 0;
    double cx = x, cy = y;
    for (size_t i = 0; i < n; i++) {
        double w = 22 + rp_text_width(labels[i], 12) + 16;
        if (cx + w > x + maxw && cx > x) {
            cx = x;
            cy += 18;
        }
        if (as_lines) {
            rc |= tt_buf_puts(b, "<line x1=\"") | rp_num(b, cx, 1) | tt_buf_puts(b, "\" y1=\"");
            rc |= rp_num(b, cy - 4, 1) | tt_buf_puts(b, "\" x2=\"") | rp_num(b, cx + 18, 1);
            rc |= tt_buf_puts(b, "\" y2=\"") | rp_num(b, cy - 4, 1);
            rc |= tt_buf_printf(b, "\" stroke=\"%s\" stroke-width=\"2.5\"%s%s%s/>\n", rp_color(i),
                                *dash(i) ? " stroke-dasharray=\"" : "", dash(i),
                                *dash(i) ? "\"" : "");
        } else {
            rc |= rect_open(b, cx, cy - 10, 14, 12, rp_color(i)) | tt_buf_puts(b, "/>\n");
        }
        rc |= text(b, cx + 22, cy, "start", NULL, labels[i]);
        cx += w;
    }
    *height = cy - y + 18;
    return rc;
}

int
rp_svg_bars(tt_buf *b, const rp_bars *c)
{
    double labw = 60;
    for (size_t i = 0; i < c->ncat; i++) {
        double w = rp_text_width(c->cat_labels[i], 12);
        if (w > labw)
            labw = w;
    }
    if (labw > 250)
        labw = 250;
    double W = 1100, left = 12 + labw + 8, right = 70, bh = c->nser > 3 ? 10 : 14, gap = 8;
    double pw = W - left - right, top = 36;
    double vmax = 0;
    for (size_t i = 0; i < c->ncat * c->nser; i++)
        if (c->value[i] > vmax)
            vmax = c->value[i];
    double step, tmax;
    int dec;
    nice_axis(vmax, &step, &tmax, &dec);
    tt_buf lg = {0};
    double lh = 0;
    int rc = legend(&lg, left, top + 6, pw, c->ser_labels, c->nser, 0, &lh);
    double y0 = top + lh + 6, rowh = (double)c->nser * bh + gap;
    double H = y0 + (double)c->ncat * rowh + 48;
    rc |= svg_open(b, c->name, c->title, W, H);
    rc |= tt_buf_append(b, lg.data, lg.len);
    tt_buf_free(&lg);
    double ybot = y0 + (double)c->ncat * rowh;
    for (double t = 0; t <= tmax + step / 2; t += step) {
        double x = left + pw * t / tmax;
        rc |= line(b, x, y0 - 4, x, ybot, GRID);
        tt_buf lab = {0};
        rc |= rp_num(&lab, t, dec);
        rc |= text(b, x, ybot + 16, "middle", NULL, lab.data);
        tt_buf_free(&lab);
    }
    rc |= line(b, left, y0 - 4, left, ybot, INK);
    rc |= text(b, left + pw / 2, ybot + 36, "middle", NULL, c->xlabel);
    for (size_t i = 0; i < c->ncat; i++) {
        double y = y0 + (double)i * rowh + gap / 2;
        tt_buf lab = {0};
        rc |= tt_buf_puts(&lab, "<tspan>");
        rc |= esc_cut(&lab, c->cat_labels[i], (size_t)(labw / 7.2) + 1);
        rc |= tt_buf_puts(b, "<text x=\"") | rp_num(b, left - 6, 1) | tt_buf_puts(b, "\" y=\"");
        rc |= rp_num(b, y + (double)c->nser * bh / 2 + 4, 1) |
              tt_buf_puts(b, "\" text-anchor=\"end\">");
        rc |= tt_buf_append(b, lab.data, lab.len) | tt_buf_puts(b, "</tspan><title>");
        rc |= rp_esc(b, c->cat_labels[i]) | tt_buf_puts(b, "</title></text>\n");
        tt_buf_free(&lab);
        for (size_t s = 0; s < c->nser; s++) {
            double v = c->value[i * c->nser + s], n = c->count ? c->count[i * c->nser + s] : 0;
            double by = y + (double)s * bh;
            rc |= rect_open(b, left, by, pw * v / tmax, bh - 1, rp_color(s));
            rc |= tt_buf_puts(b, " data-concept=\"") | rp_esc(b, c->cat_ids[i]);
            rc |= tt_buf_puts(b, "\" data-group=\"") | rp_esc(b, c->ser_labels[s]);
            rc |= tt_buf_puts(b, "\" data-count=\"") | rp_num(b, n, 0);
            rc |= tt_buf_puts(b, "\" data-per10k=\"") | rp_num(b, v, 4) |
                  tt_buf_puts(b, "\"><title>");
            rc |= rp_esc(b, c->cat_labels[i]) | tt_buf_puts(b, " \xE2\x80\x94 ") |
                  rp_esc(b, c->ser_labels[s]);
            rc |=
                tt_buf_puts(b, ": ") | rp_count(b, n) | tt_buf_puts(b, " hits, ") | rp_num(b, v, 2);
            rc |= tt_buf_puts(b, " per 10,000 tokens</title></rect>\n");
            tt_buf val = {0};
            rc |= rp_num(&val, v, v >= 100 ? 0 : 1);
            rc |= text(b, left + pw * v / tmax + 3, by + bh - 2.5, "start", "font-size=\"10\"",
                       val.data);
            tt_buf_free(&val);
        }
    }
    return rc | tt_buf_puts(b, "</svg>\n");
}

int
rp_svg_lines(tt_buf *b, const rp_lines *c)
{
    double W = c->width ? c->width : 560, left = 52, right = 14;
    for (size_t r = 0; r < c->nrows; r++) {
        double w = rp_text_width(c->row_labels[r], 10) + 10;
        if (w > left)
            left = w;
    }
    double pw = W - left - right, top = 34;
    tt_buf lg = {0};
    double lh = 0;
    int rc = legend(&lg, left, top + 6, pw, c->ser_labels, c->nser, 1, &lh);
    double y0 = top + lh + 4, ph = 170, ybot = y0 + ph;
    double H = ybot + 22 + 14 * (double)c->nrows + 24;
    double vmax = 0;
    for (size_t i = 0; i < c->nser * c->nx; i++)
        if (isfinite(c->y[i]) && c->y[i] > vmax)
            vmax = c->y[i];
    double step, tmax;
    int dec;
    nice_axis(vmax, &step, &tmax, &dec);
    rc |= svg_open(b, c->name, c->title, W, H);
    rc |= tt_buf_append(b, lg.data, lg.len);
    tt_buf_free(&lg);
    if (c->id) {
        rc |= tt_buf_puts(b, "<g data-concept=\"") | rp_esc(b, c->id) | tt_buf_puts(b, "\"/>\n");
    }
    for (double t = 0; t <= tmax + step / 2; t += step) {
        double y = ybot - ph * t / tmax;
        rc |= line(b, left, y, left + pw, y, GRID);
        tt_buf lab = {0};
        rc |= rp_num(&lab, t, dec);
        rc |= text(b, left - 5, y + 4, "end", NULL, lab.data);
        tt_buf_free(&lab);
    }
    rc |= line(b, left, ybot, left + pw, ybot, INK);
    rc |= tt_buf_puts(b, "<text transform=\"translate(12 ") | rp_num(b, y0 + ph / 2, 1);
    rc |= tt_buf_puts(b, ") rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">") |
          rp_esc(b, c->ylabel);
    rc |= tt_buf_puts(b, "</text>\n");
    double dx = c->nx ? pw / (double)c->nx : pw;
    double lw = 8;
    for (size_t x = 0; x < c->nx; x++)
        if (rp_text_width(c->x_labels[x], 11) + 6 > lw)
            lw = rp_text_width(c->x_labels[x], 11) + 6;
    size_t every = (size_t)ceil(lw / dx);
    if (every < 1)
        every = 1;
    for (size_t x = 0; x < c->nx; x++) {
        double cx = left + dx * ((double)x + 0.5);
        rc |= line(b, cx, ybot, cx, ybot + 4, INK);
        if (x % every == 0)
            rc |= text(b, cx, ybot + 16, "middle", "font-size=\"11\"", c->x_labels[x]);
        for (size_t r = 0; r < c->nrows; r++) {
            tt_buf v = {0};
            rc |= rp_num(&v, c->docs[r * c->nx + x], 0);
            if (x % every == 0)
                rc |= text(b, cx, ybot + 32 + 14 * (double)r, "middle",
                           "font-size=\"10\" fill=\"#555\"", v.data);
            tt_buf_free(&v);
        }
    }
    for (size_t r = 0; r < c->nrows; r++)
        rc |= text(b, left - 6, ybot + 32 + 14 * (double)r, "end", "font-size=\"10\" fill=\"#555\"",
                   c->row_labels[r]);
    if (c->mark && c->mark <= c->nx) {
        double mx = left + dx * ((double)c->mark - 1);
        rc |= tt_buf_puts(b, "<line x1=\"") | rp_num(b, mx, 1) | tt_buf_puts(b, "\" y1=\"") |
              rp_num(b, y0 - 2, 1);
        rc |= tt_buf_puts(b, "\" x2=\"") | rp_num(b, mx, 1) | tt_buf_puts(b, "\" y2=\"") |
              rp_num(b, ybot, 1);
        rc |= tt_buf_puts(b, "\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n");
        if (c->mark_label)
            rc |=
                text(b, mx + 4, y0 + 10, "start", "font-size=\"11\" fill=\"#555\"", c->mark_label);
    }
    for (size_t s = 0; s < c->nser; s++) {
        const double *y = c->y + s * c->nx;
        int open = 0;
        for (size_t x = 0; x < c->nx; x++) {
            if (!isfinite(y[x]))
                continue; /* no documents then: the line joins the periods that have some */
            if (!open) {
                rc |= tt_buf_printf(
                    b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s%s%s points=\"",
                    rp_color(s), *dash(s) ? " stroke-dasharray=\"" : "", dash(s),
                    *dash(s) ? "\"" : "");
                open = 1;
            } else {
                rc |= tt_buf_putc(b, ' ');
            }
            rc |= rp_num(b, left + dx * ((double)x + 0.5), 1) | tt_buf_putc(b, ',');
            rc |= rp_num(b, ybot - ph * y[x] / tmax, 1);
        }
        if (open)
            rc |= tt_buf_puts(b, "\"/>\n");
        for (size_t x = 0; x < c->nx; x++) {
            if (!isfinite(y[x]))
                continue;
            rc |= tt_buf_puts(b, "<circle cx=\"") | rp_num(b, left + dx * ((double)x + 0.5), 1);
            rc |= tt_buf_puts(b, "\" cy=\"") | rp_num(b, ybot - ph * y[x] / tmax, 1);
            rc |= tt_buf_printf(b, "\" r=\"3.5\" fill=\"%s\" data-series=\"", rp_color(s));
            rc |= rp_esc(b, c->ser_labels[s]) | tt_buf_puts(b, "\" data-period=\"") |
                  rp_esc(b, c->x_labels[x]);
            rc |= tt_buf_puts(b, "\" data-per10k=\"") | rp_num(b, y[x], 4) |
                  tt_buf_puts(b, "\"><title>");
            rc |= rp_esc(b, c->ser_labels[s]) | tt_buf_puts(b, ", ") | rp_esc(b, c->x_labels[x]);
            rc |= tt_buf_puts(b, ": ");
            if (c->count)
                rc |= rp_count(b, c->count[s * c->nx + x]) | tt_buf_puts(b, " hits, ");
            rc |= rp_num(b, y[x], 2) | tt_buf_puts(b, " per 10,000 tokens</title></circle>\n");
        }
    }
    if (c->nrows)
        rc |= text(b, left + pw / 2, H - 6, "middle", "font-size=\"10\" fill=\"#555\"",
                   "documents per period (rows above)");
    return rc | tt_buf_puts(b, "</svg>\n");
}

int
rp_svg_diverging(tt_buf *b, const rp_diverging *c)
{
    double labw = 60;
    for (size_t i = 0; i < c->n; i++)
        if (rp_text_width(c->labels[i], 12) > labw)
            labw = rp_text_width(c->labels[i], 12);
    if (labw > 250)
        labw = 250;
    double W = 1100, left = 12 + labw + 8, right = 40, pw = W - left - right, y0 = 64, bh = 16,
           gap = 5;
    double H = y0 + (double)c->n * (bh + gap) + 58;
    double vmax = 0;
    for (size_t i = 0; i < c->n; i++)
        if (isfinite(c->value[i]) && fabs(c->value[i]) > vmax)
            vmax = fabs(c->value[i]);
    double step, tmax;
    int dec;
    nice_axis(vmax, &step, &tmax, &dec);
    double zero = left + pw / 2, half = pw / 2 - 30;
    int rc = svg_open(b, c->name, c->title, W, H);
    tt_buf t = {0};
    rc |= tt_buf_puts(&t, "\xE2\x86\x90 more in ") | tt_buf_puts(&t, c->left_label);
    rc |= text(b, zero - 8, y0 - 14, "end", "font-weight=\"bold\" fill=\"#D55E00\"", t.data);
    tt_buf_reset(&t);
    rc |= tt_buf_puts(&t, "more in ") | tt_buf_puts(&t, c->right_label) |
          tt_buf_puts(&t, " \xE2\x86\x92");
    rc |= text(b, zero + 8, y0 - 14, "start", "font-weight=\"bold\" fill=\"#0072B2\"", t.data);
    tt_buf_free(&t);
    double ybot = y0 + (double)c->n * (bh + gap);
    for (double v = -tmax; v <= tmax + step / 2; v += step) {
        double x = zero + half * v / tmax;
        rc |= line(b, x, y0 - 4, x, ybot, fabs(v) < step / 2 ? INK : GRID);
        tt_buf lab = {0};
        rc |= rp_num(&lab, fabs(v) < step / 2 ? 0 : v, dec);
        rc |= text(b, x, ybot + 16, "middle", NULL, lab.data);
        tt_buf_free(&lab);
    }
    rc |= text(b, zero, ybot + 36, "middle", NULL, c->xlabel);
    for (size_t i = 0; i < c->n; i++) {
        double v = isfinite(c->value[i]) ? c->value[i] : 0, y = y0 + (double)i * (bh + gap);
        double p = c->p ? c->p[i] : 1, w = half * fabs(v) / tmax;
        const char *stars = p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
        rc |= tt_buf_puts(b, "<text x=\"") | rp_num(b, left - 6, 1) | tt_buf_puts(b, "\" y=\"");
        rc |= rp_num(b, y + bh - 4, 1) | tt_buf_puts(b, "\" text-anchor=\"end\">");
        rc |= esc_cut(b, c->labels[i], (size_t)(labw / 7.2) + 1) | tt_buf_puts(b, "</text>\n");
        rc |= rect_open(b, v >= 0 ? zero : zero - w, y, w, bh, v >= 0 ? "#0072B2" : "#D55E00");
        rc |= tt_buf_printf(b, " fill-opacity=\"%s\"", *stars ? "1" : "0.35");
        rc |= tt_buf_puts(b, " data-concept=\"") | rp_esc(b, c->ids[i]) |
              tt_buf_puts(b, "\" data-log-ratio=\"");
        rc |= rp_num(b, v, 4) | tt_buf_puts(b, "\"><title>") | rp_esc(b, c->labels[i]);
        rc |= tt_buf_puts(b, ": ") | rp_count(b, c->count_a ? c->count_a[i] : 0) |
              tt_buf_puts(b, " in ");
        rc |= rp_esc(b, c->right_label) | tt_buf_puts(b, ", ") |
              rp_count(b, c->count_b ? c->count_b[i] : 0);
        rc |= tt_buf_puts(b, " in ") | rp_esc(b, c->left_label) | tt_buf_puts(b, "; log ratio ");
        rc |= rp_num(b, v, 2) | tt_buf_puts(b, ", p = ");
        rc |= tt_num_put_g(b, p, 3) | tt_buf_puts(b, "</title></rect>\n");
        if (*stars)
            rc |= text(b, v >= 0 ? zero + w + 3 : zero - w - 3, y + bh - 4,
                       v >= 0 ? "start" : "end", NULL, stars);
    }
    rc |= text(b, W - 8, H - 6, "end", "font-size=\"10\" fill=\"#555\"",
               "* p < 0.05, ** p < 0.01, *** p < 0.001 (log-likelihood G\xC2\xB2); pale bars: not "
               "significant");
    return rc | tt_buf_puts(b, "</svg>\n");
}

/* Sequential single-hue scale (ColorBrewer Blues), t in [0, 1]. */
static void
blues(double t, char *out)
{
    static const unsigned char st[5][3] = {
        {247, 251, 255}, {198, 219, 239}, {107, 174, 214}, {33, 113, 181}, {8, 48, 107}};
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double f = t * 4;
    int i = (int)f;
    if (i > 3)
        i = 3;
    f -= i;
    int r = (int)lround(st[i][0] + (st[i + 1][0] - st[i][0]) * f);
    int g = (int)lround(st[i][1] + (st[i + 1][1] - st[i][1]) * f);
    int bl = (int)lround(st[i][2] + (st[i + 1][2] - st[i][2]) * f);
    snprintf(out, 8, "#%02x%02x%02x", r & 255, g & 255, bl & 255);
}

int
rp_svg_heat(tt_buf *b, const rp_heat *c)
{
    double labw = 60;
    for (size_t i = 0; i < c->n; i++)
        if (rp_text_width(c->labels[i], 11) > labw)
            labw = rp_text_width(c->labels[i], 11);
    if (labw > 200)
        labw = 200;
    double cell = c->n > 20 ? 22 : 28, left = 12 + labw + 6, top = 40 + labw * 0.72 + 8;
    double W = left + cell * (double)c->n + 130, H = top + cell * (double)c->n + 20;
    if (W < 420)
        W = 420;
    double vmax = 0;
    for (size_t i = 0; i < c->n * c->n; i++)
        if (isfinite(c->v[i]) && c->v[i] > vmax)
            vmax = c->v[i];
    if (vmax <= 0)
        vmax = 1;
    int rc = svg_open(b, c->name, c->title, W, H);
    size_t maxc = (size_t)(labw / 6.6) + 1;
    for (size_t i = 0; i < c->n; i++) {
        double y = top + cell * (double)i;
        rc |= tt_buf_puts(b, "<text x=\"") | rp_num(b, left - 5, 1) | tt_buf_puts(b, "\" y=\"");
        rc |= rp_num(b, y + cell / 2 + 4, 1) |
              tt_buf_puts(b, "\" text-anchor=\"end\" font-size=\"11\">");
        rc |= esc_cut(b, c->labels[i], maxc) | tt_buf_puts(b, "</text>\n");
        double x = left + cell * ((double)i + 0.5);
        rc |= tt_buf_puts(b, "<text transform=\"translate(") | rp_num(b, x + 4, 1) |
              tt_buf_putc(b, ' ');
        rc |= rp_num(b, top - 5, 1) | tt_buf_puts(b, ") rotate(-45)\" font-size=\"11\">");
        rc |= esc_cut(b, c->labels[i], maxc) | tt_buf_puts(b, "</text>\n");
    }
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < c->n; j++) {
            double v = c->v[i * c->n + j], x = left + cell * (double)j, y = top + cell * (double)i;
            char col[8] = "#ffffff";
            if (i == j)
                snprintf(col, sizeof col, "#e6e6e6");
            else if (isfinite(v))
                blues(v / vmax, col);
            rc |= rect_open(b, x, y, cell - 1, cell - 1, col);
            rc |= tt_buf_puts(b, " stroke=\"#eee\" data-a=\"") | rp_esc(b, c->ids[i]);
            rc |= tt_buf_puts(b, "\" data-b=\"") | rp_esc(b, c->ids[j]) |
                  tt_buf_puts(b, "\"><title>");
            rc |= rp_esc(b, c->labels[i]) | tt_buf_puts(b, " \xC3\x97 ") | rp_esc(b, c->labels[j]);
            if (i == j) {
                rc |= tt_buf_puts(b, ": ") | rp_count(b, c->count[i * c->n + j]) |
                      tt_buf_puts(b, " contexts");
            } else if (isfinite(v)) {
                rc |= tt_buf_puts(b, ": ") | rp_count(b, c->count[i * c->n + j]);
                rc |= tt_buf_puts(b, " co-occurrences, log-Dice ") | rp_num(b, v, 2);
            } else {
                rc |= tt_buf_puts(b, ": never together");
            }
            rc |= tt_buf_puts(b, "</title></rect>\n");
            if (i != j && isfinite(v) && cell >= 28) {
                tt_buf s = {0};
                rc |= rp_num(&s, v, 0);
                rc |= text(b, x + cell / 2 - 0.5, y + cell / 2 + 3.5, "middle",
                           v / vmax > 0.55 ? "font-size=\"9\" fill=\"#fff\"" : "font-size=\"9\"",
                           s.data);
                tt_buf_free(&s);
            }
        }
    /* colour scale */
    double lx = left + cell * (double)c->n + 24, ly = top;
    rc |= text(b, lx, ly - 8, "start", "font-size=\"11\"", c->vlabel);
    for (int k = 0; k < 10; k++) {
        char col[8];
        blues((9 - k) / 9.0, col);
        rc |= rect_open(b, lx, ly + 14 * k, 16, 14, col) | tt_buf_puts(b, "/>\n");
    }
    tt_buf s = {0};
    rc |= rp_num(&s, vmax, 1);
    rc |= text(b, lx + 22, ly + 10, "start", "font-size=\"11\"", s.data);
    rc |= text(b, lx + 22, ly + 140, "start", "font-size=\"11\"", "0");
    tt_buf_free(&s);
    return rc | tt_buf_puts(b, "</svg>\n");
}
