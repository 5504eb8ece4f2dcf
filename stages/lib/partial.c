/* partial.c - partial outputs of shards: writing part.tsv + part.docres, reading them back, streaming the
 * records into an exporter (see tt/partial.h). */
#include "tt/partial.h"

#include "tt/atomic.h"
#include "tt/count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART_MAGIC "termtrace-part"
#define PART_VERSION 1

struct tt_partial_writer {
    char *dir;
    tt_atomic docres;
    tt_buf head; /* part.tsv without the run_json line */
};

static int
field(tt_buf *b, const char *s)
{
    return tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, s ? s : "", s ? strlen(s) : 0);
}

static int
head_lines(tt_buf *b, const tt_export_opts *o, unsigned si, unsigned sk, size_t nd)
{
    int rc = tt_buf_printf(b, "%s\t%d\nshard\t%u\t%u\nndocs\t%zu\n", PART_MAGIC, PART_VERSION, si, sk, nd);
    for (size_t j = 0; !rc && j < o->nmanifest_columns; j++)
        rc = tt_buf_puts(b, "column") || field(b, o->manifest_columns[j]) || tt_buf_putc(b, '\n');
    for (size_t j = 0; !rc && j < o->nconcepts; j++) {
        const tt_export_concept *c = &o->concepts[j];
        rc = tt_buf_puts(b, "concept") || field(b, c->id) || field(b, c->category) || field(b, c->label) ||
             field(b, c->parent) || tt_buf_putc(b, '\n');
    }
    for (size_t j = 0; !rc && j < o->ncontexts; j++)
        rc = tt_buf_puts(b, "context") || field(b, o->contexts[j].name) || tt_buf_putc(b, '\n');
    for (size_t j = 0; !rc && j < o->ngroup_by; j++)
        rc = tt_buf_puts(b, "group_by") || field(b, o->group_by[j]) || tt_buf_putc(b, '\n');
    rc = rc || tt_buf_printf(b, "vocab\t%d\nvocab_min_df\t%llu\nvocab_max_df\t%llu\nvocab_min_tf\t%llu\ngzip\t%d\n",
                             o->vocab, (unsigned long long)o->vocab_min_df,
                             (unsigned long long)o->vocab_max_df, (unsigned long long)o->vocab_min_tf,
                             o->gzip);
    rc = rc || tt_buf_puts(b, "weight") || field(b, o->weight) || tt_buf_putc(b, '\n');
    rc = rc || tt_buf_puts(b, "compare") || field(b, o->compare) || tt_buf_putc(b, '\n');
    rc = rc || tt_buf_puts(b, "period") || field(b, o->period) || tt_buf_putc(b, '\n');
    rc = rc || tt_buf_puts(b, "series_by") || field(b, o->series_by) || tt_buf_putc(b, '\n');
    return rc ? TT_ENOMEM : 0;
}

int
tt_partial_open(tt_partial_writer **out, const char *dir, const tt_export_opts *opts, unsigned shard_i,
                unsigned shard_k, size_t ndocs_total, tt_error *err)
{
    *out = NULL;
    tt_partial_writer *pw = calloc(1, sizeof *pw);
    if (!pw || !(pw->dir = strdup(dir))) {
        free(pw);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (head_lines(&pw->head, opts, shard_i, shard_k, ndocs_total)) {
        tt_partial_free(pw);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/part.docres", dir);
    int rc = tt_atomic_open_flags(&pw->docres, path, TT_ATOMIC_STAGED, err); /* dir: a staging folder */
    if (rc) {
        tt_partial_free(pw);
        return rc;
    }
    *out = pw;
    return 0;
}

int
tt_partial_add(tt_partial_writer *pw, const char *rec, size_t n, tt_error *err)
{
    if (fwrite(rec, 1, n, pw->docres.f) != n) {
        tt_error_set(err, TT_EIO, "cannot write");
        return tt_error_at(err, pw->docres.path, 0, 0);
    }
    return 0;
}

int
tt_partial_finish(tt_partial_writer *pw, const char *run_json_extra, tt_error *err)
{
    int rc = tt_atomic_commit(&pw->docres, err);
    if (rc)
        return rc;
    if (tt_buf_puts(&pw->head, "run_json") || field(&pw->head, run_json_extra) ||
        tt_buf_putc(&pw->head, '\n'))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    char path[4200];
    snprintf(path, sizeof path, "%s/part.tsv", pw->dir);
    tt_atomic a = {0};
    if ((rc = tt_atomic_open_flags(&a, path, TT_ATOMIC_STAGED, err)))
        return rc;
    fwrite(pw->head.data, 1, pw->head.len, a.f);
    return tt_atomic_commit(&a, err);
}

void
tt_partial_free(tt_partial_writer *pw)
{
    if (!pw)
        return;
    tt_atomic_abort(&pw->docres);
    tt_buf_free(&pw->head);
    free(pw->dir);
    free(pw);
}

/* ---- reading back ---- */
typedef struct priv {
    char *text;                 /* part.tsv, unescaped fields point into `pool` */
    tt_buf pool;
    const char **cols;
    tt_export_concept *concepts;
    tt_context ctx[64];
    const char **group_by;
} priv;

static size_t
split(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

/* Unescapes s in place (TSV escapes never lengthen). */
static int
unescape_inplace(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\') {
            *o++ = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 't': *o++ = '\t'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case '\\': *o++ = '\\'; break;
        default: return -1;
        }
    }
    *o = 0;
    return 0;
}

int
tt_partial_read(tt_partial *p, const char *dir, tt_error *err)
{
    memset(p, 0, sizeof *p);
    priv *pv = calloc(1, sizeof *pv);
    if (!pv)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    p->priv = pv;
    char path[4200];
    snprintf(path, sizeof path, "%s/part.tsv", dir);
    tt_buf t = {0};
    int opened;
    int rc = tt_file_append(path, &t, &opened);
    if (rc) {
        tt_buf_free(&t);
        if (rc == TT_ENOMEM)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        tt_error_set(err, TT_EIO,
                     opened ? "cannot read" : "cannot open (is this the output of `pipeline run --shard i/K`?)");
        return tt_error_at(err, path, 0, 0);
    }
    pv->text = tt_buf_detach(&t, NULL);
    size_t ncol = 0, ncon = 0, ngb = 0, nctx = 0;
    for (char *s = pv->text; *s; s++)
        if (*s == '\n') {
            if (!strncmp(s + 1, "column\t", 7))
                ncol++;
            else if (!strncmp(s + 1, "concept\t", 8))
                ncon++;
            else if (!strncmp(s + 1, "group_by\t", 9))
                ngb++;
        }
    pv->cols = calloc(ncol + 1, sizeof *pv->cols);
    pv->concepts = calloc(ncon + 1, sizeof *pv->concepts);
    pv->group_by = calloc(ngb + 1, sizeof *pv->group_by);
    if (!pv->cols || !pv->concepts || !pv->group_by)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    tt_export_opts *o = &p->opts;
    o->manifest_columns = pv->cols;
    o->concepts = pv->concepts;
    o->group_by = pv->group_by;
    o->contexts = pv->ctx;
    uint64_t lineno = 0;
    int magic = 0;
    char *save = NULL;
    tt_buf sig = {0};
    for (char *line = strtok_r(pv->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        int is_shard = !strncmp(line, "shard\t", 6), is_json = !strncmp(line, "run_json\t", 9);
        if (!is_shard && !is_json)
            tt_buf_puts(&sig, line), tt_buf_putc(&sig, '\n');
        char *fl[6];
        size_t nf = split(line, fl, 6);
        for (size_t i = 1; i < nf; i++)
            if (unescape_inplace(fl[i])) {
                tt_error_set(err, TT_EFORMAT, "bad escape");
                tt_buf_free(&sig);
                return tt_error_at(err, path, lineno, 0);
            }
        const char *k = fl[0], *v = nf > 1 ? fl[1] : "";
        if (lineno == 1) {
            magic = !strcmp(k, PART_MAGIC) && atoi(v) == PART_VERSION;
            if (!magic)
                break;
        } else if (!strcmp(k, "shard") && nf == 3) {
            p->shard_i = (unsigned)strtoul(fl[1], NULL, 10);
            p->shard_k = (unsigned)strtoul(fl[2], NULL, 10);
        } else if (!strcmp(k, "ndocs")) {
            p->ndocs_total = strtoull(v, NULL, 10);
        } else if (!strcmp(k, "column")) {
            pv->cols[o->nmanifest_columns++] = v;
        } else if (!strcmp(k, "concept") && nf == 5) {
            pv->concepts[o->nconcepts++] = (tt_export_concept){fl[1], fl[2], fl[3], fl[4]};
        } else if (!strcmp(k, "context")) {
            tt_error e2;
            size_t got = 0;
            if (nctx < 64 && tt_context_parse(v, pv->ctx + nctx, 64 - nctx, &got, &e2) == 0)
                nctx += got;
        } else if (!strcmp(k, "group_by")) {
            pv->group_by[o->ngroup_by++] = v;
        } else if (!strcmp(k, "vocab")) {
            o->vocab = atoi(v);
        } else if (!strcmp(k, "vocab_min_df")) {
            o->vocab_min_df = strtoull(v, NULL, 10);
        } else if (!strcmp(k, "vocab_max_df")) {
            o->vocab_max_df = strtoull(v, NULL, 10);
        } else if (!strcmp(k, "vocab_min_tf")) {
            o->vocab_min_tf = strtoull(v, NULL, 10);
        } else if (!strcmp(k, "gzip")) {
            o->gzip = atoi(v);
        } else if (!strcmp(k, "weight")) {
            o->weight = *v ? v : NULL;
        } else if (!strcmp(k, "compare")) {
            o->compare = *v ? v : NULL;
        } else if (!strcmp(k, "period")) {
            o->period = *v ? v : NULL;
        } else if (!strcmp(k, "series_by")) {
            o->series_by = *v ? v : NULL;
        } else if (!strcmp(k, "run_json")) {
            p->run_json_extra = v;
        }
    }
    o->ncontexts = nctx;
    p->sig = tt_buf_detach(&sig, NULL);
    if (!magic) {
        tt_error_set(err, TT_EFORMAT, "not a termtrace partial output of format %d", PART_VERSION);
        return tt_error_at(err, path, 1, 0);
    }
    snprintf(path, sizeof path, "%s/part.docres", dir);
    p->docres_path = strdup(path);
    return p->docres_path ? 0 : tt_error_set(err, TT_ENOMEM, "out of memory");
}

void
tt_partial_free_read(tt_partial *p)
{
    priv *pv = p->priv;
    if (pv) {
        free(pv->text);
        free(pv->cols);
        free(pv->concepts);
        free(pv->group_by);
        tt_buf_free(&pv->pool);
        free(pv);
    }
    free(p->docres_path);
    free(p->sig);
    memset(p, 0, sizeof *p);
}

int
tt_partial_feed(const char *path, tt_exporter *ex, size_t *ndocs, size_t *nskipped, tt_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        tt_error_set(err, TT_EIO, "cannot open");
        return tt_error_at(err, path, 0, 0);
    }
    tt_buf rec = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (tt_buf_append(&rec, line, (size_t)n)) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        if (!strncmp(line, "stat\tstatus\t", 12) && strcmp(line + 12, "ok\n") != 0 && nskipped)
            (*nskipped)++;
        if (!strncmp(line, "end\t", 4)) {
            if ((rc = tt_exporter_add(ex, rec.data, rec.len, err)))
                break;
            tt_buf_reset(&rec);
            if (ndocs)
                (*ndocs)++;
        }
    }
    if (!rc && ferror(f)) {
        rc = tt_error_set(err, TT_EIO, "cannot read");
        tt_error_at(err, path, 0, 0);
    }
    if (!rc && rec.len) {
        rc = tt_error_set(err, TT_EFORMAT, "truncated: the last record has no end line");
        tt_error_at(err, path, 0, 0);
    }
    free(line);
    tt_buf_free(&rec);
    fclose(f);
    return rc;
}
