/* run_sched.c - which worker of a run reads which document: the languages' owners and the price of a document
 * for a worker whose cache has not seen its words (run_sched.h). */
#include "run_sched.h"

#include <stdlib.h>

/* What a word new to a worker's cache costs, in bytes of text read with a warm cache: on the 100 MB bench corpus
 * (--jobs 2) a 141 KB Kazakh document read by the worker that did not own Kazakh met 4,352 new words and took 5.8
 * ms, its owner ~1.1 ms for the same size (7.8 ns a byte): 4.7 ms / 4,352 = 1.08 us a word, ~140 bytes. */
#define NEW_WORD_BYTES 140.0

int
run_sched_init(run_sched *s, unsigned jobs, int shared, const tt_manifest *m, size_t first, size_t last)
{
    *s = (run_sched){.jobs = jobs ? jobs : 1, .shared = shared};
    s->wbytes = calloc((size_t)s->jobs * TT_LANG_COUNT, sizeof *s->wbytes);
    s->wnew = calloc((size_t)s->jobs * TT_LANG_COUNT, sizeof *s->wnew);
    if (!s->wbytes || !s->wnew) {
        run_sched_free(s);
        return TT_ENOMEM;
    }
    uint64_t bytes[TT_LANG_COUNT] = {0}, load[TT_LANG_COUNT] = {0}, known = 0;
    size_t nknown = 0, nunknown[TT_LANG_COUNT] = {0};
    for (size_t i = first; i < last; i++) {
        const tt_mdoc *d = tt_manifest_doc(m, i);
        if (d->size >= 0) {
            bytes[d->lang] += (uint64_t)d->size;
            known += (uint64_t)d->size;
            nknown++;
        } else {
            nunknown[d->lang]++;
        }
    }
    uint64_t mean = nknown ? known / nknown + 1 : 1;
    for (int l = 0; l < TT_LANG_COUNT; l++)
        bytes[l] += nunknown[l] * mean;
    int done[TT_LANG_COUNT] = {0};
    for (int k = 0; k < TT_LANG_COUNT; k++) {
        int best = -1;
        for (int l = 0; l < TT_LANG_COUNT; l++)
            if (!done[l] && (best < 0 || bytes[l] > bytes[best]))
                best = l;
        unsigned w = 0;
        for (unsigned j = 1; j < s->jobs && j < TT_LANG_COUNT; j++)
            if (load[j] < load[w])
                w = j;
        s->owner[best] = s->jobs > TT_LANG_COUNT ? (unsigned)best : w; /* more workers: one language each */
        load[w] += bytes[best];
        done[best] = 1;
    }
    return 0;
}

void
run_sched_free(run_sched *s)
{
    free(s->wbytes);
    free(s->wnew);
    s->wbytes = s->wnew = NULL;
}

void
run_sched_done(run_sched *s, unsigned me, tt_lang l, uint64_t bytes, uint64_t nnew)
{
    if (me >= s->jobs || !bytes)
        return;
    size_t k = (size_t)me * TT_LANG_COUNT + l;
    if (s->wbytes[k] <= 0 && (double)nnew / (double)bytes > s->cold[l])
        s->cold[l] = (double)nnew / (double)bytes; /* me was new to l */
    s->wbytes[k] += (double)bytes;
    s->wnew[k] += (double)nnew;
}

/* New words per byte that worker w may expect in language l: its own rate so far (which overstates what comes
 * next: the share of new words falls as a cache fills), the cold rate when it has read none; -1 when nobody
 * has read l yet (unknown: the same for every worker). */
static double
rate(const run_sched *s, unsigned w, tt_lang l)
{
    size_t k = (size_t)w * TT_LANG_COUNT + l;
    if (w < s->jobs && s->wbytes[k] > 0)
        return s->wnew[k] / s->wbytes[k];
    return s->cold[l] > 0 ? s->cold[l] : -1;
}

double
run_sched_extra(const run_sched *s, unsigned me, tt_lang l, uint64_t bytes)
{
    unsigned o = s->owner[l];
    if (s->shared || me == o || me >= s->jobs)
        return 0;
    double rm = rate(s, me, l), ro = rate(s, o, l);
    if (rm < 0 || ro < 0 || rm <= ro)
        return 0;
    return (rm - ro) * (double)bytes * NEW_WORD_BYTES;
}
