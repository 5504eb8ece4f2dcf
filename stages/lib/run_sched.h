/* run_sched.h - which worker of a run reads which document (run.c's private scheduling policy, run_sched.c).
 *
 * Each language goes to one worker (its owner), the largest first to the least loaded: the workers' caches of
 * normalized words and resolved types then hardly overlap. A worker with none of its own documents in the window
 * may take another's, at the price of that document's words being new to its cache: run_sched_extra estimates
 * that price, and run.c's pick_doc takes such a document only when its owner has more work left than the price
 * (else the owner, warm, reads it sooner than the idle worker would, cold). Which worker reads a document changes
 * no output: the records are merged in document order and the caches are memos.
 *
 * Not thread-safe by itself: run.c calls every function but new and free with its run mutex held.
 * Ownership: run_sched_new's value is the caller's (run_sched_free). */
#ifndef TT_RUN_SCHED_H
#define TT_RUN_SCHED_H

#include "tt/common.h"
#include "tt/manifest.h"

#include <stdint.h>

typedef struct run_sched {
    unsigned jobs;
    unsigned owner[TT_LANG_COUNT]; /* the worker that takes a language's documents first */
    int shared; /* the workers share their caches (tt/smap.h): nobody's words are cold, any worker takes any */
    /* per worker w and language l, at [w * TT_LANG_COUNT + l]: the bytes it read (not from the cache) and the
       words among them new to its cache */
    double *wbytes, *wnew;
    /* per language: new words per byte of the first document read by a worker new to the language (the cold
       rate); 0 until one is read */
    double cold[TT_LANG_COUNT];
} run_sched;

/* Owners for documents [first, last) of m (their sizes as the manifest's load saw them; a file it did not see
 * weighs the mean of those it did) among `jobs` workers; with more workers than languages, one language each.
 * Returns 0, or TT_ENOMEM (*s then holds nothing to free). */
int run_sched_init(run_sched *s, unsigned jobs, int shared, const tt_manifest *m, size_t first, size_t last);
void run_sched_free(run_sched *s);

/* A document of language l and `bytes` bytes read by worker `me`: what it cost in words new to me's cache. */
void run_sched_done(run_sched *s, unsigned me, tt_lang l, uint64_t bytes, uint64_t nnew);

/* What worker me would pay more than l's owner to read a document of language l and `bytes` bytes, in bytes of
 * text read with a warm cache (a new word costs about NEW_WORD_BYTES of them); 0 when me is the owner, the caches
 * are shared, or neither has read l yet. */
double run_sched_extra(const run_sched *s, unsigned me, tt_lang l, uint64_t bytes);

#endif
