/* export_series.c - --period: the period label and time order of each document (year, 5-year span or between
 * break years) and forms.tsv: per period, series keys, language, concept and match form, the form as most often
 * written, with its hits and documents (see tt/export.h; series.tsv itself is a grouping, export_groups.c). */
#include "export_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
ex_parse_period(tt_exporter *ex, const char *s, tt_error *err)
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
            return ex_oom(err);
        ex->breaks = b;
        b[ex->nbreaks++] = (int)v;
        if (!*e)
            break;
        p = e + 1;
    }
    return 0;
}

/* Time order: the year (year), the first year of the span (5y), or 0 for "<b0" and i + 1 for the period that
 * starts at break i (breaks). */
void
ex_period_name(const tt_exporter *ex, int ord, char *buf, size_t n)
{
    if (ex->period_kind == 1) {
        snprintf(buf, n, "%04d", ord);
    } else if (ex->period_kind == 2) {
        snprintf(buf, n, "%04d-%04d", ord, ord + 4);
    } else if (ord == 0) {
        snprintf(buf, n, "<%d", ex->breaks[0]);
    } else if ((size_t)ord < ex->nbreaks) {
        snprintf(buf, n, "%d-%d", ex->breaks[ord - 1], ex->breaks[ord] - 1);
    } else {
        snprintf(buf, n, "%d+", ex->breaks[ex->nbreaks - 1]);
    }
}

int
ex_period_step(const tt_exporter *ex)
{
    return ex->period_kind == 2 ? 5 : 1;
}

int
ex_period_ord(const tt_exporter *ex, const char *label, size_t n)
{
    if (!n || n > 20)
        return -1;
    char buf[32];
    if (ex->period_kind == 3) {
        for (size_t i = 0; i <= ex->nbreaks; i++) {
            ex_period_name(ex, (int)i, buf, sizeof buf);
            if (strlen(buf) == n && !memcmp(buf, label, n))
                return (int)i;
        }
        return -1;
    }
    int v = 0;
    for (size_t i = 0; i < 4 && i < n; i++)
        v = v * 10 + (label[i] - '0');
    return v;
}

void
ex_period_label(tt_exporter *ex)
{
    size_t n;
    const char *y = ex_key_value(ex, "year", &n);
    ex->period[0] = 0;
    ex->period_ord = -1;
    if (n != 4)
        return;
    int v = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
    if (ex->period_kind == 1) {
        ex->period_ord = v;
    } else if (ex->period_kind == 2) {
        ex->period_ord = v - v % 5;
    } else if (ex->period_kind == 3) {
        int i = 0;
        while ((size_t)i < ex->nbreaks && v >= ex->breaks[i])
            i++;
        ex->period_ord = i;
    }
    ex_period_name(ex, ex->period_ord, ex->period, sizeof ex->period);
}

/* A hit's fields (docres.md "hit fields"): 0 concept_id, 6 surface, 9 match forms. */
int
ex_forms_add(tt_exporter *ex, const tt_docres_line *ln, int64_t col, tt_error *err)
{
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    size_t ln_n;
    const char *lang = tt_kv_get(&ex->meta, "lang", &ln_n);
    int rc = tt_buf_printf(b, "%08x\t", ex->period_ord < 0 ? 0xFFFFFFFFu : (unsigned)ex->period_ord) ||
             tt_buf_puts(b, ex->period);
    for (size_t i = 0; i < ex->series.nkeys && !rc; i++) {
        size_t n;
        const char *v = ex_key_value(ex, ex->series.keys[i], &n);
        rc = tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, v, n);
    }
    if (rc || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, lang ? lang : "", lang ? ln_n : 0) ||
        tt_buf_printf(b, "\t%08x\t", (unsigned)col) || tt_buf_put_tsv(b, ln->f[9], ln->n[9]))
        return ex_oom(err);
    size_t idx, seen;
    int isnew;
    if (tt_strmap_intern(&ex->forms, b->data, b->len, &idx, NULL) ||
        tt_strmap_intern(&ex->forms_doc, b->data, b->len, &seen, &isnew))
        return ex_oom(err);
    ex->forms.val[idx][0]++;
    ex->forms.val[idx][1] += (uint64_t)isnew;
    if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[6], ln->n[6]) ||
        tt_strmap_intern(&ex->forms_surf, b->data, b->len, &idx, NULL))
        return ex_oom(err);
    ex->forms_surf.val[idx][0]++;
    return 0;
}

/* Splits s[0..n) at tabs into at most max fields (pointers into s, lengths). Returns the count. */
static size_t
fields(const char *s, size_t n, const char **f, size_t *fn, size_t max)
{
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= n && k < max; i++)
        if (i == n || s[i] == '\t') {
            f[k] = s + start;
            fn[k++] = i - start;
            start = i + 1;
        }
    return k;
}

/* Is lang one of the series keys (then forms.tsv has no second lang column)? */
static int
lang_is_key(const tt_exporter *ex)
{
    for (size_t i = 0; i < ex->series.nkeys; i++)
        if (!strcmp(ex->series.keys[i], "lang"))
            return 1;
    return 0;
}

/* One forms.tsv row: period, keys, lang, concept_id, form (the most frequent surface of the key; ties: the
 * first in byte order), match_form, count, documents. *si walks the sorted surface keys along. */
static int
forms_row(tt_exporter *ex, const ex_sref *agg, const ex_sref *sf, size_t nsf, size_t *si, tt_buf *b)
{
    const char *f[EX_MAX_KEYS + 6];
    size_t fn[EX_MAX_KEYS + 6], nk = ex->series.nkeys;
    if (fields(agg->s, agg->n, f, fn, nk + 5) != nk + 5)
        return 0; /* cannot happen: the key was built with these fields */
    const char *best = "";
    size_t bestn = 0;
    uint64_t bestc = 0;
    while (*si < nsf && sf[*si].n > agg->n && !memcmp(sf[*si].s, agg->s, agg->n) && sf[*si].s[agg->n] == '\t') {
        uint64_t c = ex->forms_surf.val[sf[*si].idx][0];
        if (c > bestc) {
            bestc = c;
            best = sf[*si].s + agg->n + 1;
            bestn = sf[*si].n - agg->n - 1;
        }
        ++*si;
    }
    unsigned col = (unsigned)strtoul(f[nk + 3], NULL, 16);
    const char *cid = ex->o.concepts[col].id;
    if (tt_buf_append(b, f[1], fn[1]))
        return TT_ENOMEM;
    for (size_t i = 0; i < nk + !lang_is_key(ex); i++) /* keys and lang, already escaped */
        if (tt_buf_putc(b, '\t') || tt_buf_append(b, f[2 + i], fn[2 + i]))
            return TT_ENOMEM;
    if (tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, cid, strlen(cid)) || tt_buf_putc(b, '\t') ||
        tt_buf_append(b, best, bestn) || tt_buf_putc(b, '\t') || tt_buf_append(b, f[nk + 4], fn[nk + 4]) ||
        tt_buf_putc(b, '\t') || tt_buf_put_u64(b, ex->forms.val[agg->idx][0]) || tt_buf_putc(b, '\t') ||
        tt_buf_put_u64(b, ex->forms.val[agg->idx][1]) || tt_buf_putc(b, '\n'))
        return TT_ENOMEM;
    return 0;
}

int
ex_write_forms(tt_exporter *ex, tt_error *err)
{
    if (!ex->do_series)
        return 0;
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "period") ? ex_oom(err) : 0;
    for (size_t i = 0; i < ex->series.nkeys && !rc; i++)
        if (tt_buf_putc(&b, '\t') || tt_buf_put_tsv(&b, ex->series.keys[i], strlen(ex->series.keys[i])))
            rc = ex_oom(err);
    if (!rc && tt_buf_puts(&b, lang_is_key(ex) ? "\tconcept_id\tform\tmatch_form\tcount\tdocuments\n"
                                              : "\tlang\tconcept_id\tform\tmatch_form\tcount\tdocuments\n"))
        rc = ex_oom(err);
    ex_sref *fs = ex_sorted_keys(&ex->forms), *ss = ex_sorted_keys(&ex->forms_surf);
    if (!rc && ex->forms.n && (!fs || !ss))
        rc = ex_oom(err);
    tt_atomic a = {0};
    size_t si = 0;
    for (size_t i = 0; i < ex->forms.n && !rc; i++) {
        if (forms_row(ex, &fs[i], ss, ex->forms_surf.n, &si, &b))
            rc = ex_oom(err);
        else
            rc = ex_flush_big(ex, &a, "forms.tsv", &b, err);
    }
    rc = ex_close_out(ex, &a, "forms.tsv", &b, rc, err);
    free(fs);
    free(ss);
    tt_buf_free(&b);
    return rc;
}
