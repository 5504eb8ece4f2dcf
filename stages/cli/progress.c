/* progress.c - the progress line (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void
tt_cli_progress_init(tt_cli_progress *p, const char *prog, uint64_t total_bytes)
{
    *p = (tt_cli_progress){.prog = prog, .total_bytes = total_bytes};
    p->tty = isatty(2);
    p->interval = p->tty ? 0.5 : 10;
    const char *e = getenv("TT_PROGRESS_INTERVAL");
    if (e && *e) {
        char *end;
        double v = strtod(e, &end);
        if (!*end && v >= 0)
            p->interval = v;
    }
}

void
tt_cli_progress_cb(void *ctx, size_t done, size_t total, uint64_t bytes, double secs)
{
    tt_cli_progress *p = ctx;
    if (!p->started) { /* the clock of the rate starts with the first document done */
        p->started = 1;
        p->t0 = secs;
        p->b0 = bytes;
        p->last = secs;
        if (p->interval > 0 && done < total)
            return;
    } else if (secs - p->last < p->interval && done < total) {
        return;
    }
    if (done == total && !p->tty && p->drawn == 0 && p->interval > 0)
        return; /* a run shorter than the interval: the summary line says it all */
    p->last = secs;
    char mb[64], rate[40] = "", eta[40] = "";
    if (p->total_bytes)
        snprintf(mb, sizeof mb, "%.1f/%.1f MB", (double)bytes / 1e6, (double)p->total_bytes / 1e6);
    else
        snprintf(mb, sizeof mb, "%.1f MB", (double)bytes / 1e6);
    double dt = secs - p->t0;
    if (dt > 0 && bytes > p->b0) {
        double r = (double)(bytes - p->b0) / dt;
        snprintf(rate, sizeof rate, ", %.1f MB/s", r / 1e6);
        if (p->total_bytes && dt >= 2 && bytes * 100 >= p->total_bytes && bytes < p->total_bytes)
            snprintf(eta, sizeof eta, ", ETA %.0f s", (double)(p->total_bytes - bytes) / r);
    }
    fprintf(stderr, "%s%s: %zu/%zu documents, %s%s%s%s", p->tty ? "\r" : "", p->prog, done, total,
            mb, rate, eta, p->tty ? "   " : "\n");
    p->drawn++;
}

void
tt_cli_progress_end(tt_cli_progress *p)
{
    if (p->tty && p->drawn)
        fputc('\n', stderr);
}
