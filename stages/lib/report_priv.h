/* report_priv.h - what the report modules share (report.c, report_data.c, report_json.c,
 * report_svg.c, report_html.c); not a public interface. Prefix rp_. Every function that appends to
 * a tt_buf returns 0 or TT_ENOMEM (they may be OR-ed together: any non-zero means out of memory).
 */
#ifndef TT_REPORT_PRIV_H
#define TT_REPORT_PRIV_H

#include <stddef.h>

#include "tt/common.h"
#include "tt/map.h"
#include "tt/report.h"

/* ---- report_json.c: a small JSON reader for run.json
 * ---------------------------------------------------- */
typedef enum { RJ_NULL, RJ_BOOL, RJ_NUM, RJ_STR, RJ_ARR, RJ_OBJ } rj_kind;
typedef struct rj_value {
    rj_kind kind;
    char *str; /* RJ_STR: the decoded string; RJ_NUM/RJ_BOOL/RJ_NULL: the literal as written */
    struct rj_value *items; /* RJ_ARR: elements; RJ_OBJ: member values */
    char **keys;            /* RJ_OBJ: member names */
    size_t n;
} rj_value;

/* Parses s[0..n) into *v (caller frees with rj_free). Returns 0, TT_ESYNTAX (err->msg and
 * err->column say where; the caller adds the path), TT_ENOMEM. */
int rj_parse(rj_value *v, const char *s, size_t n, tt_error *err);
void rj_free(rj_value *v);
/* Member key of an object (NULL if v is not an object or has no such member). */
const rj_value *rj_get(const rj_value *v, const char *key);
/* The string (or literal) of v, or def when v is NULL or an array/object. */
const char *rj_str(const rj_value *v, const char *def);

/* ---- report_svg.c: escaping, numbers, palette, charts
 * --------------------------------------------------- */
/* Appends s escaped for HTML and XML text and attribute values (& < > " '). */
int rp_esc(tt_buf *b, const char *s);
/* Appends v with `dec` decimals, '.' as decimal point whatever the locale. */
int rp_num(tt_buf *b, double v, int dec);
/* Appends an integer count with thin-space thousands groups ("212 345") for reading, not for
 * parsing. */
int rp_count(tt_buf *b, double v);
/* Okabe-Ito colour-blind-safe colour of series i (8 colours, then repeated with a dash pattern). */
const char *rp_color(size_t i);
/* Approximate width in pixels of s at font size px (code points * 0.6 em). */
double rp_text_width(const char *s, double px);

typedef struct rp_bars {
    const char *name;           /* file name stem, also the figure's id */
    const char *title, *xlabel; /* xlabel: the unit ("hits per 10,000 tokens") */
    size_t ncat, nser;
    const char *const *cat_ids, *const *cat_labels; /* rows (concepts) */
    const char *const *ser_labels;                  /* bars within a row (groups), in the legend */
    const double *value;                            /* [cat * nser + ser]: bar length (rate) */
    const double *count; /* [cat * nser + ser]: raw count (tooltip, data-count) */
} rp_bars;
/* A grouped horizontal bar chart with axis, ticks, labels and legend; each bar carries
 * data-concept, data-group, data-count and data-per10k attributes and a tooltip. */
int rp_svg_bars(tt_buf *b, const rp_bars *c);

typedef struct rp_lines {
    const char *name, *title, *ylabel;
    const char *id; /* data-concept of the chart */
    size_t nx, nser;
    const char *const *x_labels; /* periods */
    const char *const *ser_labels;
    const double *y;               /* [ser * nx + x]; NAN = no data (no tokens in that period) */
    const double *count;           /* [ser * nx + x] raw counts (tooltips), may be NULL */
    size_t nrows;                  /* rows of document counts printed under the x axis */
    const char *const *row_labels; /* e.g. "KZ docs" */
    const double *docs;            /* [row * nx + x] */
    int width;                     /* 0 = 560 */
    size_t mark;                   /* 0 = none; else a dashed vertical line before x = mark - 1 */
    const char *mark_label;        /* its label (e.g. "turn: 2020") */
} rp_lines;
/* A line chart (one line per series, markers, legend) with the document counts per period under the
 * axis. */
int rp_svg_lines(tt_buf *b, const rp_lines *c);

typedef struct rp_diverging {
    const char *name, *title, *xlabel;
    const char *left_label,
        *right_label; /* the two groups: B (left, negative) and A (right, positive) */
    size_t n;
    const char *const *ids, *const *labels;
    const double *value; /* log ratio (A over B) */
    const double *p;     /* p value; < 0.05 drawn solid with stars, else pale */
    const double *count_a, *count_b;
} rp_diverging;
int rp_svg_diverging(tt_buf *b, const rp_diverging *c);

typedef struct rp_heat {
    const char *name, *title, *vlabel;
    size_t n;
    const char *const *ids, *const *labels;
    const double *v;     /* [i * n + j]; NAN = empty cell */
    const double *count; /* [i * n + j] co-occurrences (tooltips) */
} rp_heat;
int rp_svg_heat(tt_buf *b, const rp_heat *c);

/* ---- report_html.c: the page
 * ------------------------------------------------------------------------------ */
/* Appends the page head (styles), the title and the table of contents; sections are given as
 * id/title pairs. */
int rp_html_head(tt_buf *b, const char *title, const char *subtitle, const char *const *toc_ids,
                 const char *const *toc_titles, size_t ntoc);
/* Appends the closing part: the script (filters, sorting, paging of the concordance, hash filters,
 * errors recorded in the DOM) and the end of the page. */
int rp_html_tail(tt_buf *b);
/* Appends a figure: the SVG inline, a caption and the name of its file. */
int rp_html_figure(tt_buf *b, const char *svg, size_t n, const char *name, const char *caption);

/* ---- report.c / report_data.c: the data read from the folder
 * ----------------------------------------------- */
typedef struct rp_doc {
    char *id, *country, *lang, *script, *year, *period, *title, *status;
    char **vals; /* every column of docs.tsv, in c->doccols order */
    double tokens;
    int ok; /* status "ok" */
} rp_doc;

/* Counts by group key, concept and period (series.tsv, or groups/country+year.tsv by year). */
typedef struct rp_series {
    size_t np, nk;
    char **periods; /* sorted by their first year */
    char **keys;    /* group key values joined by " " (e.g. "KZ"): the 8 with most tokens in key
                       order, then the others by tokens */
    char **keycols; /* the key column names */
    size_t nkeycols;
    double *count,
        *tokens;        /* [(k * nc + concept) * np + p]; tokens per (k, p) repeated per concept */
    double *docs;       /* [k * np + p] documents (ok) per group and period */
    const char *source; /* "series.tsv" or "groups/country+year.tsv" */
} rp_series;

typedef struct rp_ctx {
    const char *dir;  /* output folder */
    const char *rdir; /* report folder */
    const tt_report_opts *opts;
    tt_error *err;
    rj_value run; /* run.json */
    rp_doc *docs;
    size_t ndocs;
    tt_strmap docix; /* doc_id -> index */
    char **cid, **clabel, **ccat, **cparent;
    size_t nc;
    tt_strmap cix;      /* concept_id -> index */
    const char *period; /* options.period of the run ("" = none) */
    char **doccols;     /* docs.tsv header */
    size_t ndoccols;
    rp_series ser; /* filled by rp_section_time (also used by rp_section_replacement) */
    const char *toc_id[16], *toc_title[16];
    size_t ntoc;
    tt_buf html;  /* the page body */
    tt_buf notes; /* files left out (shown under the title) */
    tt_buf svg;   /* scratch for one chart */
    int nfig;
} rp_ctx;

/* Path of a file in the output folder ("dir/name"); static per ctx call, valid until the next call.
 */
const char *rp_path(rp_ctx *c, const char *name, char *buf, size_t n);
/* Label of concept i ("Oralman (returnee, until 2020)") or its id. */
const char *rp_clabel(const rp_ctx *c, size_t i);
/* Opens a section: <section id><h2>title</h2> and an entry in the table of contents. */
int rp_section_begin(rp_ctx *c, const char *id, const char *title);
/* The value of docs.tsv column `col` for document d ("" when the column is missing). */
const char *rp_doc_field(const rp_ctx *c, const rp_doc *d, const char *col);
/* Notes under the page's title that file (of another shape than this version reads) lacks the
 * columns cols, so its section is left out; returns 0 (or TT_ENOMEM). A report never fails for a
 * file that a parallel change of the output format reshaped: it says what it left out. */
int rp_missing(rp_ctx *c, const char *file, const char *cols);
/* Sets c->err to "out of memory" and returns TT_ENOMEM. */
int rp_oom(rp_ctx *c);
/* Writes the chart in c->svg to report/<name>.svg and adds it as a figure to the page. Returns 0 or
 * TT_E*. */
int rp_emit_figure(rp_ctx *c, const char *name, const char *caption);
/* The period label of a year under the run's --period ("" when the year is unknown). */
void rp_period_of(const char *period, const char *year, char *out, size_t n);

/* Sections (report_data.c and report_kwic.c). Each appends to c->html (and writes its SVGs); a
 * section without data appends nothing. Return 0 or TT_E* (c->err set). */
/* Reads series.tsv (else groups/country+year.tsv) into c->ser; nothing when neither exists. */
int rp_series_load(rp_ctx *c);
int rp_section_glance(rp_ctx *c);
int rp_section_rates(rp_ctx *c);
int rp_section_time(rp_ctx *c);
int rp_section_replacement(rp_ctx *c);
int rp_section_keyness(rp_ctx *c);
int rp_section_cooc(rp_ctx *c);
int rp_section_kwic(rp_ctx *c);
int rp_section_provenance(rp_ctx *c);

#endif
