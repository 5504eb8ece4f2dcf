/* export.c - the exporter: docres records in, the output folder of outputs.md out (see tt/export.h). The
 * association measures and keyness live in keyness.c, run.json's version block here, the diff in diff.c. */
#include "tt/export.h"

#include "tt/atomic.h"
#include "tt/docres.h"
#include "tt/map.h"
#include "tt/num.h"
#include "tt/measures.h"

#include "discover_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uversion.h>

#define MAX_KEYS 16

/* A small list of key/value strings (one document's meta or stat lines). */
typedef struct kvlist {
    tt_buf store;
    size_t *off; /* 4 per entry: key off, key len, value off, value len */
    size_t n, cap;
} kvlist;

typedef struct grouping {
    char name[256];       /* "country+year" */
    char keys[MAX_KEYS][64];
    size_t nkeys;
    tt_strmap groups;     /* escaped key values joined by tabs -> index; val[0] = tokens */
    tt_u64map counts;     /* group * nconcepts + concept -> count */
    size_t cur;           /* the current document's group */
} grouping;

typedef struct cond {
    char key[64];
    char *val;
} cond;

typedef struct tfcell {
    uint32_t col;
    uint64_t count;
} tfcell;

struct tt_exporter {
    tt_export_opts o;
    const char *sfx; /* "" or ".gz" */
    int aflags;
    tt_strmap concepts;
    size_t nc;
    int broken, finished;
    /* streamed outputs */
    tt_atomic docs, tf, hits;
    FILE *tfmtx;  /* tf.mtx body ("row col count" lines) */
    FILE *wtmp;   /* tf rows for weights: "col\tcount\ttokens\tdoc_id" */
    FILE *vtmp;   /* vocab rows: "row\tterm\tcount" */
    FILE *skipped; /* run.json skipped_list items */
    FILE *perdoc; /* run.json per_document items */
    uint64_t tfnnz, nskipped, nperdoc;
    uint64_t *df; /* documents with count > 0, per concept */
    /* co-occurrence */
    tt_u64map *cooc; /* per context */
    double ntok, nsent, npara, nart, ndocs_ok;
    /* groupings */
    grouping *grp;
    size_t ngrp;
    grouping series;
    int do_series;
    tt_strmap forms; /* "col(8 hex)\tconcept\tperiod\tentry\tform", escaped; val[0] = count */
    int period_kind; /* 0 none, 1 year, 2 5y, 3 breaks */
    int *breaks;
    size_t nbreaks;
    /* keyness */
    cond ca[MAX_KEYS], cb[MAX_KEYS];
    size_t nca, ncb;
    uint64_t *ka, *kb;
    uint64_t ta, tb;
    int in_a, in_b;
    /* weights */
    int w_rel, w_tfidf, w_bool;
    /* vocab */
    tt_strmap terms; /* val[0] = df, val[1] = cf; after trimming val[0] holds col+1 (0 = dropped) */
    tt_disc *disc;   /* forms, collocates, new terms (collocates.c, newterms.c) */
    /* totals */
    tt_strmap stats; /* stat name -> val[0] sum */
    /* the current document */
    int state; /* 0 = between records, 1 = header/meta/stat, 2 = body */
    kvlist meta, stat;
    tfcell *cells;
    size_t ncells, capcells;
    uint64_t row, tokens;
    char period[32];
    tt_buf line, scratch;
};

/* ---- small helpers -------------------------------------------------------------------------------------- */

static int
oom(tt_error *err)
{
    return tt_error_set(err, TT_ENOMEM, "out of memory");
}

static int
kv_add(kvlist *l, const char *k, size_t kn, const char *v, size_t vn)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        size_t *o = realloc(l->off, nc * 4 * sizeof *o);
        if (!o)
            return TT_ENOMEM;
        l->off = o;
        l->cap = nc;
    }
    size_t *o = l->off + 4 * l->n;
    o[0] = l->store.len;
    o[1] = kn;
    if (tt_buf_append(&l->store, k, kn) || tt_buf_putc(&l->store, 0))
        return TT_ENOMEM;
    o[2] = l->store.len;
    o[3] = vn;
    if (tt_buf_append(&l->store, v, vn) || tt_buf_putc(&l->store, 0))
        return TT_ENOMEM;
    l->n++;
    return 0;
}

/* Value of key k (NUL-terminated), or NULL; *n gets its length. */
static const char *
kv_get(const kvlist *l, const char *k, size_t *n)
{
    size_t kn = strlen(k);
    for (size_t i = 0; i < l->n; i++) {
        const size_t *o = l->off + 4 * i;
        if (o[1] == kn && memcmp(l->store.data + o[0], k, kn) == 0) {
            if (n)
                *n = o[3];
            return l->store.data + o[2];
        }
    }
    return NULL;
}

static void
kv_reset(kvlist *l)
{
    l->n = 0;
    tt_buf_reset(&l->store);
}

static void
kv_free(kvlist *l)
{
    tt_buf_free(&l->store);
    free(l->off);
}

static int
is_uint(const char *s, size_t n)
{
    if (!n || n > 19)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A temporary file in the output folder, unlinked at once: it disappears whatever happens. */
static FILE *
scratch_file(tt_exporter *ex, tt_error *err)
{
    size_t n = strlen(ex->o.dir) + 32;
    char *p = malloc(n);
    if (!p) {
        oom(err);
        return NULL;
    }
    snprintf(p, n, "%s/.tt-export.XXXXXX", ex->o.dir);
    int fd = mkstemp(p);
    FILE *f = NULL;
    if (fd >= 0) {
        unlink(p);
        f = fdopen(fd, "w+");
        if (!f)
            close(fd);
    }
    if (!f) {
        tt_error_set(err, TT_EIO, "cannot create a temporary file in the output folder");
        tt_error_at(err, ex->o.dir, 0, 0);
    }
    free(p);
    return f;
}

static int
open_out(tt_exporter *ex, tt_atomic *a, const char *name, tt_error *err)
{
    tt_buf p = {0};
    if (tt_buf_printf(&p, "%s/%s%s", ex->o.dir, name, ex->sfx)) {
        tt_buf_free(&p);
        return oom(err);
    }
    int rc = tt_atomic_open_flags(a, p.data, ex->aflags, err);
    tt_buf_free(&p);
    return rc;
}

/* Writes a C string (fwrite: the library writes files, never prints). */
static int
put_str(FILE *f, const char *s)
{
    size_t n = strlen(s);
    return fwrite(s, 1, n, f) == n ? 0 : -1;
}

static int
put_buf(FILE *f, const tt_buf *b, tt_error *err)
{
    if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
        return tt_error_set(err, TT_EIO, "write failed");
    return 0;
}

/* ---- options -------------------------------------------------------------------------------------------- */

static int
grouping_init(grouping *g, const char *spec, size_t n, tt_error *err)
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
        if (!kn || kn >= sizeof g->keys[0] || g->nkeys == MAX_KEYS || memchr(p, '/', kn))
            return tt_error_set(err, TT_EUSAGE, "bad grouping '%s'", g->name);
        memcpy(g->keys[g->nkeys], p, kn);
        g->keys[g->nkeys++][kn] = 0;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static int
add_grouping(tt_exporter *ex, const char *spec, size_t n, tt_error *err)
{
    for (size_t i = 0; i < ex->ngrp; i++)
        if (strlen(ex->grp[i].name) == n && memcmp(ex->grp[i].name, spec, n) == 0)
            return 0;
    grouping *g = realloc(ex->grp, (ex->ngrp + 1) * sizeof *g);
    if (!g)
        return oom(err);
    ex->grp = g;
    int rc = grouping_init(&ex->grp[ex->ngrp], spec, n, err);
    if (!rc)
        ex->ngrp++;
    return rc;
}

static int
parse_conds(const char *s, size_t n, cond *c, size_t *nc, tt_error *err)
{
    *nc = 0;
    const char *p = s, *end = s + n;
    while (p <= end) {
        const char *e = memchr(p, '+', (size_t)(end - p));
        if (!e)
            e = end;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (!eq || eq == p || (size_t)(eq - p) >= sizeof c->key || *nc == MAX_KEYS)
            return tt_error_set(err, TT_EUSAGE, "bad --compare side '%.*s' (want key=value)", (int)n, s);
        cond *x = &c[(*nc)++];
        memcpy(x->key, p, (size_t)(eq - p));
        x->key[eq - p] = 0;
        size_t vl = (size_t)(e - eq - 1);
        x->val = malloc(vl + 1);
        if (!x->val)
            return oom(err);
        memcpy(x->val, eq + 1, vl);
        x->val[vl] = 0;
        p = e + 1;
    }
    return 0;
}

static int
parse_period(tt_exporter *ex, const char *s, tt_error *err)
{
    if (strcmp(s, "year") == 0) {
        ex->period_kind = 1;
        return 0;
    }
    if (strcmp(s, "5y") == 0) {
        ex->period_kind = 2;
        return 0;
    }
    ex->period_kind = 3;
    const char *p = s;
    for (;;) {
        char *e;
        errno = 0;
        long v = strtol(p, &e, 10);
        if (e == p || errno || v < 1 || v > 9999 || (*e && *e != ',') ||
            (ex->nbreaks && v <= ex->breaks[ex->nbreaks - 1]))
            return tt_error_set(err, TT_EUSAGE,
                                "bad --period '%s' (want year, 5y or increasing break years 1991,2000)", s);
        int *b = realloc(ex->breaks, (ex->nbreaks + 1) * sizeof *b);
        if (!b)
            return oom(err);
        ex->breaks = b;
        b[ex->nbreaks++] = (int)v;
        if (!*e)
            break;
        p = e + 1;
    }
    return 0;
}

static int
parse_weights(tt_exporter *ex, const char *s, tt_error *err)
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

static int
write_header(tt_atomic *a, const char *const *cols, size_t n, tt_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (put_str(a->f, cols[i]) < 0 || put_str(a->f, i + 1 < n ? "\t" : "\n") < 0)
            return tt_error_set(err, TT_EIO, "write failed");
    return 0;
}

static int
open_streams(tt_exporter *ex, tt_error *err)
{
    int rc;
    if ((rc = open_out(ex, &ex->docs, "docs.tsv", err)) || (rc = open_out(ex, &ex->tf, "tf.tsv", err)) ||
        (rc = open_out(ex, &ex->hits, "hits.tsv", err)))
        return rc;
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_puts(b, "doc_id"))
        return oom(err);
    for (size_t i = 1; i < ex->o.nmanifest_columns; i++)
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ex->o.manifest_columns[i], strlen(ex->o.manifest_columns[i])))
            return oom(err);
    if (tt_buf_puts(b, "\tsha256\tbytes\ttokens\tsentences\tarticles\tstatus\tscript_used\n"))
        return oom(err);
    if ((rc = put_buf(ex->docs.f, b, err)))
        return rc;
    static const char *const tfh[] = {"doc_id", "concept_id", "count", "per_10k"};
    static const char *const hh[] = {"doc_id", "concept_id", "entry", "start", "end",
                                     "sentence", "article", "surface", "left", "right"};
    if ((rc = write_header(&ex->tf, tfh, 4, err)) || (rc = write_header(&ex->hits, hh, 10, err)))
        return rc;
    if (!(ex->tfmtx = scratch_file(ex, err)) || !(ex->skipped = scratch_file(ex, err)) ||
        !(ex->perdoc = scratch_file(ex, err)))
        return err->code;
    if ((ex->w_rel || ex->w_tfidf || ex->w_bool) && !(ex->wtmp = scratch_file(ex, err)))
        return err->code;
    if (ex->o.vocab && !(ex->vtmp = scratch_file(ex, err)))
        return err->code;
    if (ex->o.vocab && tt_disc_new(&ex->disc, ex->o.coll, ex->o.ncoll, ex->nc, ex->o.coll_min, ex->o.newterms_p,
                                   ex->o.period != NULL))
        return oom(err);
    return 0;
}

int
tt_exporter_new(tt_exporter **out, const tt_export_opts *opts, tt_error *err)
{
    *out = NULL;
    if (!opts->dir || !opts->dir[0])
        return tt_error_set(err, TT_EUSAGE, "no output folder");
    if (opts->nmanifest_columns && strcmp(opts->manifest_columns[0], "doc_id") != 0)
        return tt_error_set(err, TT_EUSAGE, "the manifest columns must start with doc_id");
    tt_exporter *ex = calloc(1, sizeof *ex);
    if (!ex)
        return oom(err);
    ex->o = *opts;
    ex->sfx = opts->gzip ? ".gz" : "";
    ex->aflags = opts->gzip ? TT_ATOMIC_GZIP : 0;
    ex->nc = opts->nconcepts;
    int rc = 0;
    for (size_t i = 0; i < ex->nc && !rc; i++) {
        const char *id = opts->concepts[i].id;
        size_t idx;
        int isnew;
        if (!id || !id[0])
            rc = tt_error_set(err, TT_EUSAGE, "concept %zu has no id", i + 1);
        else if (tt_strmap_intern(&ex->concepts, id, strlen(id), &idx, &isnew))
            rc = oom(err);
        else if (!isnew)
            rc = tt_error_set(err, TT_EUSAGE, "concept '%s' listed twice", id);
    }
    size_t nc1 = ex->nc ? ex->nc : 1;
    if (!rc && (!(ex->df = calloc(nc1, sizeof *ex->df)) || !(ex->ka = calloc(nc1, sizeof *ex->ka)) ||
                !(ex->kb = calloc(nc1, sizeof *ex->kb)) ||
                !(ex->cooc = calloc(opts->ncontexts ? opts->ncontexts : 1, sizeof *ex->cooc))))
        rc = oom(err);
    if (!rc)
        rc = add_grouping(ex, "country", 7, err);
    if (!rc)
        rc = add_grouping(ex, "country+year", 12, err);
    for (size_t i = 0; i < opts->ngroup_by && !rc; i++)
        rc = add_grouping(ex, opts->group_by[i], strlen(opts->group_by[i]), err);
    if (!rc && opts->weight)
        rc = parse_weights(ex, opts->weight, err);
    if (!rc && opts->compare) {
        const char *colon = strchr(opts->compare, ':');
        if (!colon)
            rc = tt_error_set(err, TT_EUSAGE, "bad --compare '%s' (want A:B, e.g. country=KZ:country=UZ)",
                              opts->compare);
        else if (!(rc = parse_conds(opts->compare, (size_t)(colon - opts->compare), ex->ca, &ex->nca, err)))
            rc = parse_conds(colon + 1, strlen(colon + 1), ex->cb, &ex->ncb, err);
    }
    if (!rc && opts->period) {
        rc = parse_period(ex, opts->period, err);
        const char *sb = opts->series_by ? opts->series_by : "country";
        if (!rc && !(rc = grouping_init(&ex->series, sb, strlen(sb), err)))
            ex->do_series = 1;
    }
    if (!rc) {
        tt_buf p = {0};
        if (tt_buf_printf(&p, "%s/groups", opts->dir))
            rc = oom(err);
        else if (mkdir(p.data, 0777) != 0 && errno != EEXIST) {
            tt_error_set(err, TT_EIO, "cannot create the folder");
            rc = tt_error_at(err, p.data, 0, 0);
        }
        tt_buf_free(&p);
    }
    if (!rc)
        rc = open_streams(ex, err);
    if (rc) {
        tt_exporter_free(ex);
        return rc;
    }
    *out = ex;
    return 0;
}

void
tt_exporter_free(tt_exporter *ex)
{
    if (!ex)
        return;
    tt_atomic_abort(&ex->docs);
    tt_atomic_abort(&ex->tf);
    tt_atomic_abort(&ex->hits);
    FILE *tmps[] = {ex->tfmtx, ex->wtmp, ex->vtmp, ex->skipped, ex->perdoc};
    for (size_t i = 0; i < sizeof tmps / sizeof tmps[0]; i++)
        if (tmps[i])
            fclose(tmps[i]);
    tt_strmap_free(&ex->concepts);
    free(ex->df);
    free(ex->ka);
    free(ex->kb);
    for (size_t i = 0; ex->cooc && i < ex->o.ncontexts; i++)
        tt_u64map_free(&ex->cooc[i]);
    free(ex->cooc);
    for (size_t i = 0; i < ex->ngrp; i++) {
        tt_strmap_free(&ex->grp[i].groups);
        tt_u64map_free(&ex->grp[i].counts);
    }
    free(ex->grp);
    tt_disc_free(ex->disc);
    tt_strmap_free(&ex->series.groups);
    tt_u64map_free(&ex->series.counts);
    tt_strmap_free(&ex->forms);
    free(ex->breaks);
    for (size_t i = 0; i < ex->nca; i++)
        free(ex->ca[i].val);
    for (size_t i = 0; i < ex->ncb; i++)
        free(ex->cb[i].val);
    tt_strmap_free(&ex->terms);
    tt_strmap_free(&ex->stats);
    kv_free(&ex->meta);
    kv_free(&ex->stat);
    free(ex->cells);
    tt_buf_free(&ex->line);
    tt_buf_free(&ex->scratch);
    free(ex);
}

/* ---- adding records ------------------------------------------------------------------------------------- */

static int bad_line(tt_error *err, const tt_docres_line *ln, const char *fmt, ...) TT_PRINTF(3, 4);

static int
bad_line(tt_error *err, const tt_docres_line *ln, const char *fmt, ...)
{
    if (!err)
        return TT_ESYNTAX;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = TT_ESYNTAX;
    return tt_error_at(err, NULL, ln->lineno, 0);
}

/* The value of a grouping key for the current document: the manifest column, or for "year" (when the manifest
 * has no such column) the year of `date`. */
static const char *
key_value(tt_exporter *ex, const char *key, size_t *n)
{
    const char *v = kv_get(&ex->meta, key, n);
    if (v || strcmp(key, "year") != 0) {
        if (!v)
            *n = 0;
        return v ? v : "";
    }
    size_t dn;
    const char *d = kv_get(&ex->meta, "date", &dn);
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

static int
group_key(tt_exporter *ex, const grouping *g, tt_buf *b)
{
    tt_buf_reset(b);
    for (size_t i = 0; i < g->nkeys; i++) {
        size_t n;
        const char *v = key_value(ex, g->keys[i], &n);
        if ((i && tt_buf_putc(b, '\t')) || tt_buf_put_tsv(b, v, n))
            return TT_ENOMEM;
    }
    return tt_buf_putc(b, 0) ? TT_ENOMEM : (b->len--, 0);
}

static void
period_label(tt_exporter *ex)
{
    size_t n;
    const char *y = key_value(ex, "year", &n);
    ex->period[0] = 0;
    if (n != 4)
        return;
    int v = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
    if (ex->period_kind == 1) {
        snprintf(ex->period, sizeof ex->period, "%04d", v);
    } else if (ex->period_kind == 2) {
        snprintf(ex->period, sizeof ex->period, "%04d-%04d", v - v % 5, v - v % 5 + 4);
    } else if (ex->period_kind == 3) {
        if (v < ex->breaks[0]) {
            snprintf(ex->period, sizeof ex->period, "<%d", ex->breaks[0]);
            return;
        }
        size_t i = 0;
        while (i + 1 < ex->nbreaks && v >= ex->breaks[i + 1])
            i++;
        if (i + 1 < ex->nbreaks)
            snprintf(ex->period, sizeof ex->period, "%d-%d", ex->breaks[i], ex->breaks[i + 1] - 1);
        else
            snprintf(ex->period, sizeof ex->period, "%d+", ex->breaks[i]);
    }
}

static int
conds_hold(tt_exporter *ex, const cond *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t vn;
        const char *v = key_value(ex, c[i].key, &vn);
        if (vn != strlen(c[i].val) || memcmp(v, c[i].val, vn) != 0)
            return 0;
    }
    return 1;
}

static uint64_t
stat_u64(tt_exporter *ex, const char *key)
{
    size_t n;
    const char *v = kv_get(&ex->stat, key, &n);
    uint64_t x = 0;
    if (!v || tt_num_parse_u64(v, n, &x))
        return 0;
    return x;
}

static int
json_str(tt_buf *b, const char *s, size_t n)
{
    if (tt_buf_putc(b, '"'))
        return TT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        int rc;
        if (ch == '"' || ch == '\\')
            rc = tt_buf_putc(b, '\\') || tt_buf_putc(b, (char)ch);
        else if (ch < 0x20)
            rc = tt_buf_printf(b, "\\u%04x", ch);
        else
            rc = tt_buf_putc(b, (char)ch);
        if (rc)
            return TT_ENOMEM;
    }
    return tt_buf_putc(b, '"');
}

/* Statistics: integers to the totals, other values to run.json's per_document list. */
static int
record_stats(tt_exporter *ex, const char *doc_id, size_t idn, tt_error *err)
{
    tt_buf *b = &ex->scratch;
    tt_buf_reset(b);
    int listed = 0;
    for (size_t i = 0; i < ex->stat.n; i++) {
        const size_t *o = ex->stat.off + 4 * i;
        const char *k = ex->stat.store.data + o[0], *v = ex->stat.store.data + o[2];
        if (is_uint(v, o[3])) {
            size_t idx;
            uint64_t x = 0;
            tt_num_parse_u64(v, o[3], &x);
            if (tt_strmap_intern(&ex->stats, k, o[1], &idx, NULL))
                return oom(err);
            ex->stats.val[idx][0] += x;
            continue;
        }
        if (!strcmp(k, "sha256") || !strcmp(k, "status") || !strcmp(k, "script_used"))
            continue;
        if (!listed && (tt_buf_puts(b, "{\"doc_id\": ") || json_str(b, doc_id, idn)))
            return oom(err);
        listed = 1;
        if (tt_buf_puts(b, ", ") || json_str(b, k, o[1]) || tt_buf_puts(b, ": ") || json_str(b, v, o[3]))
            return oom(err);
    }
    if (!listed)
        return 0;
    if (tt_buf_putc(b, '}'))
        return oom(err);
    if (ex->nperdoc++ && put_str(ex->perdoc, ",\n    ") < 0)
        return tt_error_set(err, TT_EIO, "write failed");
    return put_buf(ex->perdoc, b, err);
}

static int
begin_body(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    size_t idn;
    const char *id = kv_get(&ex->meta, "doc_id", &idn);
    if (!id || !idn)
        return bad_line(err, ln, "docres record without %s", "doc_id");
    ex->row++;
    ex->tokens = stat_u64(ex, "tokens");
    size_t stn;
    const char *status = kv_get(&ex->stat, "status", &stn);
    if (!status) {
        status = "ok";
        stn = 2;
    }
    int ok = stn == 2 && memcmp(status, "ok", 2) == 0;
    /* docs.tsv */
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_put_tsv(b, id, idn))
        return oom(err);
    for (size_t i = 1; i < ex->o.nmanifest_columns; i++) {
        size_t n = 0;
        const char *v = kv_get(&ex->meta, ex->o.manifest_columns[i], &n);
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, v ? v : "", v ? n : 0))
            return oom(err);
    }
    static const char *const cols[] = {"sha256", "bytes", "tokens", "sentences", "articles"};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        size_t n = 0;
        const char *v = kv_get(&ex->stat, cols[i], &n);
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, v ? v : "", v ? n : 0))
            return oom(err);
    }
    size_t sun = 0;
    const char *su = kv_get(&ex->stat, "script_used", &sun);
    if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, status, stn) || tt_buf_putc(b, '\t') ||
        tt_buf_put_tsv(b, su ? su : "", su ? sun : 0) || tt_buf_putc(b, '\n'))
        return oom(err);
    int rc = put_buf(ex->docs.f, b, err);
    if (rc || (rc = record_stats(ex, id, idn, err)))
        return rc;
    if (ok) {
        ex->ndocs_ok++;
    } else {
        tt_buf_reset(b);
        if (tt_buf_puts(b, ex->nskipped ? ",\n      {\"doc_id\": " : "{\"doc_id\": ") || json_str(b, id, idn) ||
            tt_buf_puts(b, ", \"status\": ") || json_str(b, status, stn) || tt_buf_putc(b, '}'))
            return oom(err);
        ex->nskipped++;
        if ((rc = put_buf(ex->skipped, b, err)))
            return rc;
    }
    ex->ntok += (double)ex->tokens;
    ex->nsent += (double)stat_u64(ex, "sentences");
    ex->npara += (double)stat_u64(ex, "paragraphs");
    ex->nart += (double)stat_u64(ex, "articles");
    for (size_t i = 0; i < ex->ngrp; i++) {
        grouping *g = &ex->grp[i];
        if (group_key(ex, g, &ex->scratch) ||
            tt_strmap_intern(&g->groups, ex->scratch.data, ex->scratch.len, &g->cur, NULL))
            return oom(err);
        g->groups.val[g->cur][0] += ex->tokens;
    }
    if (ex->period_kind)
        period_label(ex);
    if (ex->do_series) {
        grouping *g = &ex->series;
        if (group_key(ex, g, &ex->scratch) || tt_buf_putc(&ex->scratch, '\t') ||
            tt_buf_puts(&ex->scratch, ex->period) ||
            tt_strmap_intern(&g->groups, ex->scratch.data, ex->scratch.len, &g->cur, NULL))
            return oom(err);
        g->groups.val[g->cur][0] += ex->tokens;
    }
    if (ex->disc)
        tt_disc_doc(ex->disc, ex->do_series && ex->period[0] ? ex->series.cur : SIZE_MAX);
    ex->in_a = ex->nca && conds_hold(ex, ex->ca, ex->nca);
    ex->in_b = ex->ncb && conds_hold(ex, ex->cb, ex->ncb);
    if (ex->in_a)
        ex->ta += ex->tokens;
    if (ex->in_b)
        ex->tb += ex->tokens;
    ex->state = 2;
    return 0;
}

static int
cmp_cell(const void *a, const void *b)
{
    const tfcell *x = a, *y = b;
    return x->col < y->col ? -1 : x->col > y->col;
}

static int
put_per10k(tt_buf *b, uint64_t count, uint64_t tokens)
{
    return tt_num_put_fixed(b, tokens ? (double)count * 10000.0 / (double)tokens : 0.0, 4);
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
    const char *id = kv_get(&ex->meta, "doc_id", &idn);
    tt_buf *b = &ex->line;
    int rc = 0;
    for (size_t i = 0; i < m && !rc; i++) {
        uint32_t col = ex->cells[i].col;
        uint64_t cnt = ex->cells[i].count;
        if (!cnt)
            continue;
        const char *cid = ex->o.concepts[col].id;
        tt_buf_reset(b);
        if (tt_buf_put_tsv(b, id, idn) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, cid, strlen(cid)) ||
            tt_buf_putc(b, '\t') || tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\t') ||
            put_per10k(b, cnt, ex->tokens) || tt_buf_putc(b, '\n'))
            return oom(err);
        if ((rc = put_buf(ex->tf.f, b, err)))
            return rc;
        tt_buf_reset(b);
        if (tt_buf_put_u64(b, ex->row) || tt_buf_putc(b, ' ') || tt_buf_put_u64(b, (uint64_t)col + 1) ||
            tt_buf_putc(b, ' ') || tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\n'))
            return oom(err);
        if ((rc = put_buf(ex->tfmtx, b, err)))
            return rc;
        ex->tfnnz++;
        ex->df[col]++;
        if (ex->wtmp) {
            tt_buf_reset(b);
            if (tt_buf_put_u64(b, col) || tt_buf_putc(b, '\t') || tt_buf_put_u64(b, cnt) ||
                tt_buf_putc(b, '\t') || tt_buf_put_u64(b, ex->tokens) || tt_buf_putc(b, '\t') ||
                tt_buf_put_tsv(b, id, idn) || tt_buf_putc(b, '\n'))
                return oom(err);
            if ((rc = put_buf(ex->wtmp, b, err)))
                return rc;
        }
        for (size_t g = 0; g < ex->ngrp; g++)
            if (tt_u64map_add(&ex->grp[g].counts, (uint64_t)ex->grp[g].cur * ex->nc + col, (double)cnt))
                return oom(err);
        if (ex->do_series &&
            tt_u64map_add(&ex->series.counts, (uint64_t)ex->series.cur * ex->nc + col, (double)cnt))
            return oom(err);
        if (ex->in_a)
            ex->ka[col] += cnt;
        if (ex->in_b)
            ex->kb[col] += cnt;
    }
    ex->state = 0;
    return rc;
}

static int64_t
concept_col(tt_exporter *ex, const tt_docres_line *ln, size_t field, tt_error *err)
{
    int64_t col = tt_strmap_find(&ex->concepts, ln->f[field], ln->n[field]);
    if (col < 0)
        bad_line(err, ln, "concept '%s' is not in the lexicon", ln->f[field]);
    return col;
}

static int
add_tf(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    int64_t col = concept_col(ex, ln, 0, err);
    uint64_t cnt;
    if (col < 0)
        return err->code;
    if (tt_num_parse_u64(ln->f[1], ln->n[1], &cnt))
        return bad_line(err, ln, "bad count '%s'", ln->f[1]);
    if (ex->ncells == ex->capcells) {
        size_t n = ex->capcells ? ex->capcells * 2 : 64;
        tfcell *c = realloc(ex->cells, n * sizeof *c);
        if (!c)
            return oom(err);
        ex->cells = c;
        ex->capcells = n;
    }
    ex->cells[ex->ncells].col = (uint32_t)col;
    ex->cells[ex->ncells++].count = cnt;
    return 0;
}

static int
add_cooc(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    size_t k = 0;
    while (k < ex->o.ncontexts && strcmp(ex->o.contexts[k].name, ln->f[0]) != 0)
        k++;
    if (k == ex->o.ncontexts)
        return 0;
    int64_t a = concept_col(ex, ln, 1, err), b;
    if (a < 0 || (b = concept_col(ex, ln, 2, err)) < 0)
        return err->code;
    double v;
    if (tt_num_parse_double(ln->f[3], ln->n[3], &v) || !(v >= 0))
        return bad_line(err, ln, "bad co-occurrence value '%s'", ln->f[3]);
    uint64_t lo = (uint64_t)(a < b ? a : b), hi = (uint64_t)(a < b ? b : a);
    return tt_u64map_add(&ex->cooc[k], lo * ex->nc + hi, v) ? oom(err) : 0;
}

static int
add_hit(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    int64_t col = concept_col(ex, ln, 0, err);
    if (col < 0)
        return err->code;
    size_t idn;
    const char *id = kv_get(&ex->meta, "doc_id", &idn);
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_put_tsv(b, id, idn))
        return oom(err);
    /* hits.tsv = doc_id + the hit line's first 9 fields (all but form) */
    for (size_t i = 0; i < 9; i++)
        if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[i], ln->n[i]))
            return oom(err);
    if (tt_buf_putc(b, '\n'))
        return oom(err);
    int rc = put_buf(ex->hits.f, b, err);
    if (rc || !ex->period_kind)
        return rc;
    /* forms.tsv key: column as 8 hex digits (sorts in column order), then the printed columns */
    tt_buf_reset(b);
    if (tt_buf_printf(b, "%08x\t", (unsigned)col) || tt_buf_put_tsv(b, ln->f[0], ln->n[0]) ||
        tt_buf_putc(b, '\t') || tt_buf_puts(b, ex->period) || tt_buf_putc(b, '\t') ||
        tt_buf_put_tsv(b, ln->f[1], ln->n[1]) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[9], ln->n[9]))
        return oom(err);
    size_t idx;
    if (tt_strmap_intern(&ex->forms, b->data, b->len, &idx, NULL))
        return oom(err);
    ex->forms.val[idx][0]++;
    return 0;
}

static int
add_vocab(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    uint64_t cnt;
    if (tt_num_parse_u64(ln->f[1], ln->n[1], &cnt))
        return bad_line(err, ln, "bad count '%s'", ln->f[1]);
    uint64_t nsent, flags;
    if (tt_num_parse_u64(ln->f[2], ln->n[2], &nsent) || tt_num_parse_u64(ln->f[3], ln->n[3], &flags))
        return bad_line(err, ln, "bad sentence count or flags '%s' '%s'", ln->f[2], ln->f[3]);
    if (!ex->o.vocab || !cnt)
        return 0;
    size_t idx;
    if (tt_strmap_intern(&ex->terms, ln->f[0], ln->n[0], &idx, NULL))
        return oom(err);
    ex->terms.val[idx][0]++;
    ex->terms.val[idx][1] += cnt;
    if (tt_disc_vocab(ex->disc, idx, cnt, nsent, (unsigned)flags))
        return oom(err);
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_put_u64(b, ex->row) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[0], ln->n[0]) ||
        tt_buf_putc(b, '\t') || tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\n'))
        return oom(err);
    return put_buf(ex->vtmp, b, err);
}

/* vform, coll and collc lines: the discovery outputs' counts */
static int
add_disc(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    uint64_t v[2];
    int nv = ln->kind == TT_DR_COLLC ? 2 : 1;
    for (int i = 0; i < nv; i++)
        if (tt_num_parse_u64(ln->f[ln->nf - (size_t)nv + (size_t)i], ln->n[ln->nf - (size_t)nv + (size_t)i], &v[i]))
            return bad_line(err, ln, "bad count '%s'", ln->f[ln->nf - (size_t)nv + (size_t)i]);
    if (!ex->o.vocab)
        return 0;
    size_t t;
    if (ln->kind == TT_DR_VFORM)
        return tt_strmap_intern(&ex->terms, ln->f[0], ln->n[0], &t, NULL) ||
                       tt_disc_form(ex->disc, t, ln->f[1], ln->n[1], v[0])
                   ? oom(err)
                   : 0;
    int64_t col = concept_col(ex, ln, 1, err);
    if (col < 0)
        return err->code;
    if (ln->kind == TT_DR_COLLC)
        return tt_disc_collc(ex->disc, ln->f[0], (size_t)col, v[0], v[1]) ? oom(err) : 0;
    return tt_strmap_intern(&ex->terms, ln->f[2], ln->n[2], &t, NULL) ||
                   tt_disc_coll(ex->disc, ln->f[0], (size_t)col, t, v[0])
               ? oom(err)
               : 0;
}

static int
add_line(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    switch (ln->kind) {
    case TT_DR_HEADER:
        if (ex->state != 0)
            return bad_line(err, ln, "%s line inside a record", "docres");
        if (ln->n[0] != 1 || ln->f[0][0] != '0' + TT_DOCRES_VERSION) {
            tt_error_set(err, TT_EFORMAT, "docres version '%s', this program reads version %d", ln->f[0],
                         TT_DOCRES_VERSION);
            return tt_error_at(err, NULL, ln->lineno, 0);
        }
        kv_reset(&ex->meta);
        kv_reset(&ex->stat);
        ex->ncells = 0;
        ex->state = 1;
        return 0;
    case TT_DR_META:
    case TT_DR_STAT:
        if (ex->state != 1)
            return bad_line(err, ln, "%s line out of place", tt_docres_tag(ln->kind));
        return kv_add(ln->kind == TT_DR_META ? &ex->meta : &ex->stat, ln->f[0], ln->n[0], ln->f[1], ln->n[1])
                   ? oom(err)
                   : 0;
    default: break;
    }
    if (ex->state == 0)
        return bad_line(err, ln, "%s line outside a record", tt_docres_tag(ln->kind));
    int rc;
    if (ex->state == 1 && (rc = begin_body(ex, ln, err)))
        return rc;
    switch (ln->kind) {
    case TT_DR_TF: return add_tf(ex, ln, err);
    case TT_DR_COOC: return add_cooc(ex, ln, err);
    case TT_DR_HIT: return add_hit(ex, ln, err);
    case TT_DR_VOCAB: return add_vocab(ex, ln, err);
    case TT_DR_VFORM:
    case TT_DR_COLL:
    case TT_DR_COLLC: return add_disc(ex, ln, err);
    case TT_DR_END: {
        size_t idn;
        const char *id = kv_get(&ex->meta, "doc_id", &idn);
        if (idn != ln->n[0] || memcmp(id, ln->f[0], idn) != 0)
            return bad_line(err, ln, "end line of '%s' closes another document", ln->f[0]);
        return end_doc(ex, err);
    }
    default: return bad_line(err, ln, "%s line out of place", tt_docres_tag(ln->kind));
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
    return rc;
}

/* ---- finish --------------------------------------------------------------------------------------------- */

typedef struct sref {
    const char *s;
    size_t n;
    size_t idx;
} sref;

static int
cmp_sref(const void *a, const void *b)
{
    const sref *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int r = memcmp(x->s, y->s, m);
    if (r)
        return r;
    return x->n < y->n ? -1 : x->n > y->n;
}

/* The keys of a strmap, sorted by bytes (caller frees; NULL when empty or out of memory: check m->n). */
static sref *
sorted_keys(const tt_strmap *m)
{
    if (!m->n)
        return NULL;
    sref *r = malloc(m->n * sizeof *r);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->n; i++) {
        r[i].s = tt_strmap_key(m, i, &r[i].n);
        r[i].idx = i;
    }
    if (m->n > 1)
        qsort(r, m->n, sizeof *r, cmp_sref);
    return r;
}

static int
copy_scratch(FILE *from, FILE *to, tt_error *err)
{
    char buf[65536];
    if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
        return tt_error_set(err, TT_EIO, "temporary file failed");
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        if (fwrite(buf, 1, n, to) != n)
            return tt_error_set(err, TT_EIO, "write failed");
    if (ferror(from))
        return tt_error_set(err, TT_EIO, "temporary file failed");
    return 0;
}

static int
commit(tt_atomic *a, const tt_buf *b, tt_error *err)
{
    int rc = b ? put_buf(a->f, b, err) : 0;
    if (rc) {
        tt_atomic_abort(a);
        return rc;
    }
    return tt_atomic_commit(a, err);
}

static int
write_concepts(tt_exporter *ex, tt_error *err)
{
    tt_atomic a = {0};
    int rc = open_out(ex, &a, "concepts.tsv", err);
    if (rc)
        return rc;
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_puts(b, "concept_id\tcategory\tlabel\tparent\n"))
        rc = oom(err);
    for (size_t i = 0; i < ex->nc && !rc; i++) {
        const tt_export_concept *c = &ex->o.concepts[i];
        const char *f[4] = {c->id, c->category, c->label, c->parent};
        for (int k = 0; k < 4 && !rc; k++)
            if ((k && tt_buf_putc(b, '\t')) || tt_buf_put_tsv(b, f[k] ? f[k] : "", f[k] ? strlen(f[k]) : 0))
                rc = oom(err);
        if (!rc && tt_buf_putc(b, '\n'))
            rc = oom(err);
    }
    if (rc) {
        tt_atomic_abort(&a);
        return rc;
    }
    return commit(&a, b, err);
}

static int
write_mtx(tt_exporter *ex, const char *name, const char *field, const char *sym, uint64_t rows, uint64_t cols,
          uint64_t nnz, FILE *body, const tt_buf *inline_body, const char *what, tt_error *err)
{
    tt_atomic a = {0};
    int rc = open_out(ex, &a, name, err);
    if (rc)
        return rc;
    tt_buf h = {0};
    if (tt_buf_printf(&h, "%%%%MatrixMarket matrix coordinate %s %s\n%% termtrace %s: %s\n%llu %llu %llu\n", field,
                      sym, TT_VERSION, what, (unsigned long long)rows, (unsigned long long)cols,
                      (unsigned long long)nnz))
        rc = oom(err);
    else
        rc = put_buf(a.f, &h, err);
    tt_buf_free(&h);
    if (!rc && body)
        rc = copy_scratch(body, a.f, err);
    if (rc) {
        tt_atomic_abort(&a);
        return rc;
    }
    return commit(&a, inline_body, err);
}

typedef struct pairkey {
    uint64_t hi, lo;
    double v;
} pairkey;

static int
cmp_rowmajor(const void *a, const void *b)
{
    const pairkey *x = a, *y = b;
    if (x->hi != y->hi)
        return x->hi < y->hi ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int
put_value(tt_buf *b, double v, int real)
{
    return real ? tt_num_put_g(b, v, 10) : tt_buf_put_u64(b, (uint64_t)llround(v));
}

static double
ctx_n(const tt_exporter *ex, const tt_context *c)
{
    switch (c->kind) {
    case TT_CTX_SENTENCE: return ex->nsent;
    case TT_CTX_PARAGRAPH: return ex->npara;
    case TT_CTX_ARTICLE: return ex->nart;
    case TT_CTX_DOCUMENT: return ex->ndocs_ok;
    default: return ex->ntok;
    }
}

static int
write_cooc(tt_exporter *ex, size_t k, tt_error *err)
{
    const tt_context *c = &ex->o.contexts[k];
    tt_u64map *m = &ex->cooc[k];
    int real = c->kind == TT_CTX_WINDOW_WEIGHTED;
    int ok;
    uint64_t *keys = tt_u64map_keys(m, &ok);
    if (!ok)
        return oom(err);
    pairkey *p = m->n ? malloc(m->n * sizeof *p) : NULL;
    if (m->n && !p) {
        free(keys);
        return oom(err);
    }
    size_t np = 0;
    for (size_t i = 0; i < m->n; i++) {
        double v = *tt_u64map_get(m, keys[i]);
        if (v == 0)
            continue;
        p[np].lo = keys[i] / ex->nc;
        p[np].hi = keys[i] % ex->nc;
        p[np++].v = v;
    }
    free(keys);
    /* TSV: (lo, hi) order = the keys' order */
    tt_buf name = {0}, body = {0};
    tt_atomic a = {0};
    int rc = 0;
    if (tt_buf_printf(&name, "cooc.%s.tsv", c->name) ||
        tt_buf_puts(&body, "concept_a\tconcept_b\tcount\tpmi\tlog_dice\tt_score\tg2\n"))
        rc = oom(err);
    double n = ctx_n(ex, c);
    for (size_t i = 0; i < np && !rc; i++) {
        const char *ia = ex->o.concepts[p[i].lo].id, *ib = ex->o.concepts[p[i].hi].id;
        double *fa = tt_u64map_get(m, p[i].lo * ex->nc + p[i].lo), *fb = tt_u64map_get(m, p[i].hi * ex->nc + p[i].hi);
        tt_assoc as;
        tt_assoc_compute(p[i].v, fa ? *fa : p[i].v, fb ? *fb : p[i].v, n, &as);
        if (tt_buf_put_tsv(&body, ia, strlen(ia)) || tt_buf_putc(&body, '\t') || tt_buf_put_tsv(&body, ib, strlen(ib)) ||
            tt_buf_putc(&body, '\t') || put_value(&body, p[i].v, real) || tt_buf_putc(&body, '\t') ||
            tt_num_put_fixed(&body, as.pmi, 4) || tt_buf_putc(&body, '\t') ||
            tt_num_put_fixed(&body, as.log_dice, 4) || tt_buf_putc(&body, '\t') ||
            tt_num_put_fixed(&body, as.t_score, 4) || tt_buf_putc(&body, '\t') ||
            tt_num_put_fixed(&body, as.g2, 4) || tt_buf_putc(&body, '\n'))
            rc = oom(err);
        /* flush in pieces: a large lexicon's pairs need not all sit in memory twice */
        if (!rc && body.len > (1u << 20)) {
            if (!a.f && (rc = open_out(ex, &a, name.data, err)))
                break;
            rc = put_buf(a.f, &body, err);
            tt_buf_reset(&body);
        }
    }
    if (!rc && !a.f)
        rc = open_out(ex, &a, name.data, err);
    if (!rc)
        rc = commit(&a, &body, err);
    else
        tt_atomic_abort(&a);
    /* MTX: lower triangle, row = hi >= col = lo, sorted by row then column */
    if (!rc) {
        if (np > 1)
            qsort(p, np, sizeof *p, cmp_rowmajor);
        tt_buf_reset(&body);
        tt_buf_reset(&name);
        if (tt_buf_printf(&name, "cooc.%s.mtx", c->name))
            rc = oom(err);
        for (size_t i = 0; i < np && !rc; i++)
            if (tt_buf_put_u64(&body, p[i].hi + 1) || tt_buf_putc(&body, ' ') || tt_buf_put_u64(&body, p[i].lo + 1) ||
                tt_buf_putc(&body, ' ') || put_value(&body, p[i].v, real) || tt_buf_putc(&body, '\n'))
                rc = oom(err);
        if (!rc)
            rc = write_mtx(ex, name.data, real ? "real" : "integer", "symmetric", ex->nc, ex->nc, np, NULL, &body,
                           "rows and columns = concepts.tsv, lower triangle", err);
    }
    free(p);
    tt_buf_free(&name);
    tt_buf_free(&body);
    return rc;
}

static int
write_grouping(tt_exporter *ex, grouping *g, int series, tt_error *err)
{
    tt_buf name = {0}, b = {0};
    int rc = 0;
    if (series ? tt_buf_puts(&name, "series.tsv") : tt_buf_printf(&name, "groups/%s.tsv", g->name))
        rc = oom(err);
    if (!rc && series && tt_buf_puts(&b, "concept_id\t"))
        rc = oom(err);
    for (size_t i = 0; i < g->nkeys && !rc; i++)
        if (tt_buf_put_tsv(&b, g->keys[i], strlen(g->keys[i])) || tt_buf_putc(&b, '\t'))
            rc = oom(err);
    if (!rc && tt_buf_puts(&b, series ? "period\tcount\ttokens\tper_10k\n" : "concept_id\tcount\ttokens\tper_10k\n"))
        rc = oom(err);
    sref *gs = sorted_keys(&g->groups);
    if (!rc && g->groups.n && !gs)
        rc = oom(err);
    tt_atomic a = {0};
    if (!rc)
        rc = open_out(ex, &a, name.data, err);
    /* series: concept-major; groups: group-major */
    size_t outer = series ? ex->nc : g->groups.n, inner = series ? g->groups.n : ex->nc;
    for (size_t i = 0; i < outer && !rc; i++) {
        for (size_t j = 0; j < inner && !rc; j++) {
            size_t col = series ? i : j;
            const sref *gr = &gs[series ? j : i];
            double *v = tt_u64map_get(&g->counts, (uint64_t)gr->idx * ex->nc + col);
            uint64_t cnt = v ? (uint64_t)llround(*v) : 0, tok = g->groups.val[gr->idx][0];
            const char *cid = ex->o.concepts[col].id;
            if (series && (tt_buf_put_tsv(&b, cid, strlen(cid)) || tt_buf_putc(&b, '\t')))
                rc = oom(err);
            if (!rc && (tt_buf_append(&b, gr->s, gr->n) || tt_buf_putc(&b, '\t')))
                rc = oom(err);
            if (!rc && !series && (tt_buf_put_tsv(&b, cid, strlen(cid)) || tt_buf_putc(&b, '\t')))
                rc = oom(err);
            if (!rc && (tt_buf_put_u64(&b, cnt) || tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, tok) ||
                        tt_buf_putc(&b, '\t') || put_per10k(&b, cnt, tok) || tt_buf_putc(&b, '\n')))
                rc = oom(err);
        }
        if (!rc && b.len > (1u << 20)) {
            rc = put_buf(a.f, &b, err);
            tt_buf_reset(&b);
        }
    }
    if (!rc)
        rc = commit(&a, &b, err);
    else
        tt_atomic_abort(&a);
    free(gs);
    tt_buf_free(&name);
    tt_buf_free(&b);
    return rc;
}

static int
write_forms(tt_exporter *ex, tt_error *err)
{
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "concept_id\tperiod\tentry\tform\tcount\n") ? oom(err) : 0;
    sref *fs = sorted_keys(&ex->forms);
    if (!rc && ex->forms.n && !fs)
        rc = oom(err);
    tt_atomic a = {0};
    if (!rc)
        rc = open_out(ex, &a, "forms.tsv", err);
    for (size_t i = 0; i < ex->forms.n && !rc; i++) {
        if (tt_buf_append(&b, fs[i].s + 9, fs[i].n - 9) || tt_buf_putc(&b, '\t') ||
            tt_buf_put_u64(&b, ex->forms.val[fs[i].idx][0]) || tt_buf_putc(&b, '\n'))
            rc = oom(err);
        if (!rc && b.len > (1u << 20)) {
            rc = put_buf(a.f, &b, err);
            tt_buf_reset(&b);
        }
    }
    if (!rc)
        rc = commit(&a, &b, err);
    else
        tt_atomic_abort(&a);
    free(fs);
    tt_buf_free(&b);
    return rc;
}

static int
write_keyness(tt_exporter *ex, tt_error *err)
{
    typedef struct krow {
        size_t col;
        tt_keyness k;
    } krow;
    krow *r = malloc((ex->nc ? ex->nc : 1) * sizeof *r);
    if (!r)
        return oom(err);
    for (size_t i = 0; i < ex->nc; i++) {
        r[i].col = i;
        tt_keyness_compute((double)ex->ka[i], (double)ex->kb[i], (double)ex->ta, (double)ex->tb, &r[i].k);
    }
    /* largest G2 first, ties in column order (insertion sort keeps it stable; nconcepts is small) */
    for (size_t i = 1; i < ex->nc; i++) {
        krow x = r[i];
        size_t j = i;
        while (j > 0 && r[j - 1].k.g2 < x.k.g2) {
            r[j] = r[j - 1];
            j--;
        }
        r[j] = x;
    }
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "concept_id\tcount_a\tcount_b\tper_10k_a\tper_10k_b\tg2\tchi2\tlog_ratio\tpct_diff\t"
                             "p_value\n")
                 ? oom(err)
                 : 0;
    for (size_t i = 0; i < ex->nc && !rc; i++) {
        size_t c = r[i].col;
        const char *id = ex->o.concepts[c].id;
        const tt_keyness *k = &r[i].k;
        if (tt_buf_put_tsv(&b, id, strlen(id)) || tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, ex->ka[c]) ||
            tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, ex->kb[c]) || tt_buf_putc(&b, '\t') ||
            put_per10k(&b, ex->ka[c], ex->ta) || tt_buf_putc(&b, '\t') || put_per10k(&b, ex->kb[c], ex->tb) ||
            tt_buf_putc(&b, '\t') || tt_num_put_fixed(&b, k->g2, 4) || tt_buf_putc(&b, '\t') ||
            tt_num_put_fixed(&b, k->chi2, 4) || tt_buf_putc(&b, '\t') || tt_num_put_fixed(&b, k->log_ratio, 4) ||
            tt_buf_putc(&b, '\t') || tt_num_put_fixed(&b, k->pct_diff, 4) || tt_buf_putc(&b, '\t') ||
            tt_num_put_g(&b, k->p_value, 6) || tt_buf_putc(&b, '\n'))
            rc = oom(err);
    }
    free(r);
    tt_atomic a = {0};
    if (!rc && !(rc = open_out(ex, &a, "keyness.tsv", err)))
        rc = commit(&a, &b, err);
    tt_buf_free(&b);
    return rc;
}

/* Splits a scratch line at tabs into at most max fields (in place). Returns the number of fields. */
static size_t
split_tabs(char *s, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static int
write_weights(tt_exporter *ex, tt_error *err)
{
    static const char *const names[3] = {"tf.relative.tsv", "tf.tfidf.tsv", "tf.boolean.tsv"};
    int on[3] = {ex->w_rel, ex->w_tfidf, ex->w_bool};
    tt_atomic a[3] = {{0}, {0}, {0}};
    int rc = 0;
    for (int i = 0; i < 3 && !rc; i++)
        if (on[i] && !(rc = open_out(ex, &a[i], names[i], err)) &&
            put_str(a[i].f, "doc_id\tconcept_id\tvalue\n") < 0)
            rc = tt_error_set(err, TT_EIO, "write failed");
    if (!rc && (fflush(ex->wtmp) != 0 || fseek(ex->wtmp, 0, SEEK_SET) != 0))
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    tt_buf *b = &ex->line;
    double n = (double)ex->row;
    while (!rc && (len = getline(&line, &cap, ex->wtmp)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = 0;
        char *f[4];
        if (split_tabs(line, f, 4) != 4) {
            rc = tt_error_set(err, TT_EIO, "temporary file damaged");
            break;
        }
        uint64_t col = strtoull(f[0], NULL, 10), cnt = strtoull(f[1], NULL, 10), tok = strtoull(f[2], NULL, 10);
        const char *cid = ex->o.concepts[col].id;
        for (int i = 0; i < 3 && !rc; i++) {
            if (!on[i])
                continue;
            tt_buf_reset(b);
            if (tt_buf_puts(b, f[3]) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, cid, strlen(cid)) ||
                tt_buf_putc(b, '\t'))
                rc = oom(err);
            else if (i == 0)
                rc = put_per10k(b, cnt, tok);
            else if (i == 1)
                rc = tt_num_put_fixed(b, (double)cnt * (log((1.0 + n) / (1.0 + (double)ex->df[col])) + 1.0), 6);
            else
                rc = tt_buf_putc(b, '1');
            if (!rc && tt_buf_putc(b, '\n'))
                rc = TT_ENOMEM;
            if (rc)
                rc = oom(err);
            else
                rc = put_buf(a[i].f, b, err);
        }
    }
    free(line);
    if (!rc && ferror(ex->wtmp))
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
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

typedef struct vcell {
    uint64_t col, count;
} vcell;

static int
cmp_vcell(const void *a, const void *b)
{
    const vcell *x = a, *y = b;
    return x->col < y->col ? -1 : x->col > y->col;
}

static int
flush_vrow(FILE *out, uint64_t row, vcell *c, size_t n, uint64_t *nnz, tt_buf *b, tt_error *err)
{
    if (n > 1)
        qsort(c, n, sizeof *c, cmp_vcell);
    tt_buf_reset(b);
    for (size_t i = 0; i < n; i++)
        if (tt_buf_put_u64(b, row) || tt_buf_putc(b, ' ') || tt_buf_put_u64(b, c[i].col) || tt_buf_putc(b, ' ') ||
            tt_buf_put_u64(b, c[i].count) || tt_buf_putc(b, '\n'))
            return oom(err);
    *nnz += n;
    return put_buf(out, b, err);
}

/* vocab.tsv's form column and its line end */
static int
write_form(tt_exporter *ex, size_t idx, tt_buf *b)
{
    tt_buf f = {0};
    int rc = tt_disc_form_of(ex->disc, &ex->terms, idx, &f) || tt_buf_put_tsv(b, f.data ? f.data : "", f.len) ||
             tt_buf_putc(b, '\n');
    tt_buf_free(&f);
    return rc;
}

/* collocates.tsv, and newterms.tsv with a period (before write_vocab, which reuses the df counts) */
static int
write_discovery(tt_exporter *ex, tt_error *err)
{
    const char **ids = malloc((ex->nc ? ex->nc : 1) * sizeof *ids);
    if (!ids)
        return oom(err);
    for (size_t i = 0; i < ex->nc; i++)
        ids[i] = ex->o.concepts[i].id;
    tt_buf b = {0};
    tt_atomic a = {0};
    int rc = tt_disc_collocates(ex->disc, &ex->terms, ids, ex->ntok, ex->nsent, &b) ? oom(err) : 0;
    free(ids);
    if (!rc && !(rc = open_out(ex, &a, "collocates.tsv", err)))
        rc = commit(&a, &b, err);
    tt_buf_reset(&b);
    if (!rc && ex->do_series) {
        if (tt_disc_newterms(ex->disc, &ex->terms, &ex->series.groups, (const char(*)[64])ex->series.keys,
                             ex->series.nkeys, &b))
            rc = oom(err);
        tt_atomic a2 = {0};
        if (!rc && !(rc = open_out(ex, &a2, "newterms.tsv", err)))
            rc = commit(&a2, &b, err);
    }
    tt_buf_free(&b);
    return rc;
}

static int
write_vocab(tt_exporter *ex, tt_error *err)
{
    tt_strmap *t = &ex->terms;
    sref *s = sorted_keys(t);
    if (t->n && !s)
        return oom(err);
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "term\tdf\tcf\tform\n") ? oom(err) : 0;
    uint64_t ncols = 0;
    for (size_t i = 0; i < t->n && !rc; i++) {
        uint64_t *v = t->val[s[i].idx];
        int keep = (!ex->o.vocab_min_df || v[0] >= ex->o.vocab_min_df) &&
                   (!ex->o.vocab_max_df || v[0] <= ex->o.vocab_max_df) &&
                   (!ex->o.vocab_min_tf || v[1] >= ex->o.vocab_min_tf);
        if (keep && (tt_buf_put_tsv(&b, s[i].s, s[i].n) || tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, v[0]) ||
                     tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, v[1]) || tt_buf_putc(&b, '\t') ||
                     write_form(ex, s[i].idx, &b)))
            rc = oom(err);
        v[0] = keep ? ++ncols : 0; /* from here on: column (1-based), 0 = trimmed */
    }
    free(s);
    tt_atomic a = {0};
    if (!rc && !(rc = open_out(ex, &a, "vocab.tsv", err)))
        rc = commit(&a, &b, err);
    tt_buf_free(&b);
    if (rc)
        return rc;
    /* the body, row by row with columns sorted */
    FILE *body = scratch_file(ex, err);
    if (!body)
        return err->code;
    if (fflush(ex->vtmp) != 0 || fseek(ex->vtmp, 0, SEEK_SET) != 0)
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    vcell *cells = NULL;
    size_t nc = 0, cc = 0;
    uint64_t row = 0, nnz = 0;
    tt_buf u = {0};
    while (!rc && (len = getline(&line, &lcap, ex->vtmp)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = 0;
        char *f[3];
        if (split_tabs(line, f, 3) != 3) {
            rc = tt_error_set(err, TT_EIO, "temporary file damaged");
            break;
        }
        uint64_t r = strtoull(f[0], NULL, 10), cnt = strtoull(f[2], NULL, 10);
        if (r != row) {
            if ((rc = flush_vrow(body, row, cells, nc, &nnz, &ex->line, err)))
                break;
            nc = 0;
            row = r;
        }
        tt_buf_reset(&u);
        if (tt_tsv_unescape(&u, f[1], strlen(f[1]))) {
            rc = oom(err);
            break;
        }
        int64_t idx = tt_strmap_find(t, u.data ? u.data : "", u.len);
        if (idx < 0 || !t->val[idx][0])
            continue;
        if (nc == cc) {
            size_t n2 = cc ? cc * 2 : 256;
            vcell *x = realloc(cells, n2 * sizeof *x);
            if (!x) {
                rc = oom(err);
                break;
            }
            cells = x;
            cc = n2;
        }
        cells[nc].col = t->val[idx][0];
        cells[nc++].count = cnt;
    }
    if (!rc)
        rc = flush_vrow(body, row, cells, nc, &nnz, &ex->line, err);
    if (!rc && ferror(ex->vtmp))
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
    free(line);
    free(cells);
    tt_buf_free(&u);
    if (!rc)
        rc = write_mtx(ex, "vocab.mtx", "integer", "general", ex->row, ncols, nnz, body, NULL,
                       "rows = docs.tsv, columns = vocab.tsv", err);
    fclose(body);
    return rc;
}

static int
json_versions(tt_buf *b)
{
    UVersionInfo uv;
    char icu[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(uv);
    u_versionToString(uv, icu);
    char pcre[64] = "";
    if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= (int)sizeof pcre)
        pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    const char *z = zlibVersion();
    return tt_buf_puts(b, "  \"libraries\": {\"icu\": ") || json_str(b, icu, strlen(icu)) ||
           tt_buf_puts(b, ", \"pcre2\": ") || json_str(b, pcre, strlen(pcre)) || tt_buf_puts(b, ", \"zlib\": ") ||
           json_str(b, z, strlen(z)) || tt_buf_puts(b, ", \"snowball\": \"libstemmer\"},\n");
}

static int
write_run_json(tt_exporter *ex, tt_error *err)
{
    tt_buf b = {0};
    int rc = 0;
    if (tt_buf_printf(&b, "{\n  \"format_version\": %d,\n  \"program\": \"termtrace\",\n  \"version\": \"%s\",\n",
                      TT_FORMAT_VERSION, TT_VERSION) ||
        json_versions(&b))
        rc = oom(err);
    if (!rc && ex->o.run_json_extra) {
        const char *x = ex->o.run_json_extra;
        size_t n = strlen(x);
        while (n && (x[n - 1] == ' ' || x[n - 1] == '\n' || x[n - 1] == ',' || x[n - 1] == '\t'))
            n--;
        if (n && (tt_buf_puts(&b, "  ") || tt_buf_append(&b, x, n) || tt_buf_puts(&b, ",\n")))
            rc = oom(err);
    }
    if (!rc && tt_buf_puts(&b, "  \"contexts\": ["))
        rc = oom(err);
    for (size_t i = 0; i < ex->o.ncontexts && !rc; i++)
        if ((i && tt_buf_puts(&b, ", ")) || json_str(&b, ex->o.contexts[i].name, strlen(ex->o.contexts[i].name)))
            rc = oom(err);
    if (!rc && tt_buf_printf(&b,
                             "],\n  \"documents\": {\"total\": %llu, \"ok\": %llu, \"skipped\": %llu, "
                             "\"skipped_list\": [",
                             (unsigned long long)ex->row, (unsigned long long)(ex->row - ex->nskipped),
                             (unsigned long long)ex->nskipped))
        rc = oom(err);
    tt_atomic a = {0};
    if (!rc)
        rc = open_out(ex, &a, "run.json", err);
    if (!rc && !(rc = put_buf(a.f, &b, err)))
        rc = copy_scratch(ex->skipped, a.f, err);
    tt_buf_reset(&b);
    if (!rc && tt_buf_puts(&b, "]},\n  \"totals\": {"))
        rc = oom(err);
    sref *s = sorted_keys(&ex->stats);
    if (!rc && ex->stats.n && !s)
        rc = oom(err);
    for (size_t i = 0; i < ex->stats.n && !rc; i++)
        if ((i && tt_buf_puts(&b, ", ")) || json_str(&b, s[i].s, s[i].n) || tt_buf_puts(&b, ": ") ||
            tt_buf_put_u64(&b, ex->stats.val[s[i].idx][0]))
            rc = oom(err);
    free(s);
    if (!rc && tt_buf_puts(&b, ex->nperdoc ? "},\n  \"per_document\": [\n    " : "},\n  \"per_document\": ["))
        rc = oom(err);
    if (!rc && !(rc = put_buf(a.f, &b, err)))
        rc = copy_scratch(ex->perdoc, a.f, err);
    tt_buf_reset(&b);
    if (!rc && tt_buf_puts(&b, ex->nperdoc ? "\n  ]\n}\n" : "]\n}\n"))
        rc = oom(err);
    if (!rc)
        rc = commit(&a, &b, err);
    else
        tt_atomic_abort(&a);
    tt_buf_free(&b);
    return rc;
}

int
tt_exporter_finish(tt_exporter *ex, tt_error *err)
{
    if (ex->broken || ex->finished)
        return tt_error_set(err, TT_EUSAGE, "exporter used after an error or after finish");
    ex->finished = 1;
    if (ex->state != 0)
        return tt_error_set(err, TT_ESYNTAX, "the last docres record has no end line");
    int rc;
    if ((rc = tt_atomic_commit(&ex->docs, err)) || (rc = tt_atomic_commit(&ex->tf, err)) ||
        (rc = tt_atomic_commit(&ex->hits, err)) || (rc = write_concepts(ex, err)))
        return rc;
    if ((rc = write_mtx(ex, "tf.mtx", "integer", "general", ex->row, ex->nc, ex->tfnnz, ex->tfmtx, NULL,
                       "rows = docs.tsv, columns = concepts.tsv", err)))
        return rc;
    for (size_t k = 0; k < ex->o.ncontexts; k++)
        if ((rc = write_cooc(ex, k, err)))
            return rc;
    for (size_t g = 0; g < ex->ngrp; g++)
        if ((rc = write_grouping(ex, &ex->grp[g], 0, err)))
            return rc;
    if (ex->wtmp && (rc = write_weights(ex, err)))
        return rc;
    if (ex->o.vocab && ((rc = write_discovery(ex, err)) || (rc = write_vocab(ex, err))))
        return rc;
    if (ex->nca && (rc = write_keyness(ex, err)))
        return rc;
    if (ex->do_series && ((rc = write_grouping(ex, &ex->series, 1, err)) || (rc = write_forms(ex, err))))
        return rc;
    return write_run_json(ex, err);
}
