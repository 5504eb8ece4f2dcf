/* export_series.c - --period: the period label of each document (year, 5-year span or between break years)
 * and forms.tsv, the distinct surface forms of each concept per period (see tt/export.h; series.tsv itself is
 * a grouping, export_groups.c). */
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

static void
break_label(tt_exporter *ex, int v)
{
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

void
ex_period_label(tt_exporter *ex)
{
    size_t n;
    const char *y = ex_key_value(ex, "year", &n);
    ex->period[0] = 0;
    if (n != 4)
        return;
    int v = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
    if (ex->period_kind == 1)
        snprintf(ex->period, sizeof ex->period, "%04d", v);
    else if (ex->period_kind == 2)
        snprintf(ex->period, sizeof ex->period, "%04d-%04d", v - v % 5, v - v % 5 + 4);
    else if (ex->period_kind == 3)
        break_label(ex, v);
}

int
ex_forms_add(tt_exporter *ex, const tt_docres_line *ln, int64_t col, tt_error *err)
{
    /* key: column as 8 hex digits (sorts in column order), then the printed columns */
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    if (tt_buf_printf(b, "%08x\t", (unsigned)col) || tt_buf_put_tsv(b, ln->f[0], ln->n[0]) ||
        tt_buf_putc(b, '\t') || tt_buf_puts(b, ex->period) || tt_buf_putc(b, '\t') ||
        tt_buf_put_tsv(b, ln->f[1], ln->n[1]) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ln->f[9], ln->n[9]))
        return ex_oom(err);
    size_t idx;
    if (tt_strmap_intern(&ex->forms, b->data, b->len, &idx, NULL))
        return ex_oom(err);
    ex->forms.val[idx][0]++;
    return 0;
}

int
ex_write_forms(tt_exporter *ex, tt_error *err)
{
    if (!ex->do_series)
        return 0;
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "concept_id\tperiod\tentry\tform\tcount\n") ? ex_oom(err) : 0;
    ex_sref *fs = ex_sorted_keys(&ex->forms);
    if (!rc && ex->forms.n && !fs)
        rc = ex_oom(err);
    tt_atomic a = {0};
    for (size_t i = 0; i < ex->forms.n && !rc; i++) {
        if (tt_buf_append(&b, fs[i].s + 9, fs[i].n - 9) || tt_buf_putc(&b, '\t') ||
            tt_buf_put_u64(&b, ex->forms.val[fs[i].idx][0]) || tt_buf_putc(&b, '\n'))
            rc = ex_oom(err);
        else
            rc = ex_flush_big(ex, &a, "forms.tsv", &b, err);
    }
    rc = ex_close_out(ex, &a, "forms.tsv", &b, rc, err);
    free(fs);
    tt_buf_free(&b);
    return rc;
}
