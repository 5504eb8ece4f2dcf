/* run.c - a whole run on all cores: manifest + lexicon -> output folder, deterministic order, cache, atomic
 * output folder, shards (see tt/run.h). The merge of shards is merge.c. */
#include "tt/run.h"

#include "tt/fs.h"
#include "tt/hugeheap.h"
#include "tt/sha256.h"

#include "tt/atomic.h"
#include "tt/decode.h"
#include "tt/docpolicy.h"
#include "tt/json.h"
#include "tt/lexicon.h"
#include "tt/detect.h"
#include "tt/manifest.h"
#include "tt/norm.h"
#include "tt/outdir.h"
#include "tt/partial.h"
#include "tt/report.h"
#include "tt/segment.h"
#include "tt/smap.h"
#include "run_sched.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>


/* ---- the shared state of a run ---- */
typedef struct slot {
    tt_buf rec;
    tt_error err;
    int state; /* 0 pending, 1 taken, 2 done */
    int rc;    /* worker result: 0 ok, 1 skipped, <0 fatal */
    int cached;
    uint64_t bytes;
} slot;

/* The `warnings` statistic of a record (fresh or from the cache), passed to the callback when not empty. */
static void
report_warnings(const tt_run_callbacks *cb, const char *doc_id, const tt_buf *rec)
{
    static const char key[] = "\nstat\twarnings\t";
    const char *p = rec->data ? memmem(rec->data, rec->len, key, sizeof key - 1) : NULL;
    if (!p)
        return;
    p += sizeof key - 1;
    const char *e = memchr(p, '\n', rec->len - (size_t)(p - rec->data));
    tt_buf v = {0};
    if (e && e > p && tt_tsv_unescape(&v, p, (size_t)(e - p)) == 0 && v.data)
        cb->doc_warning(cb->ctx, doc_id, v.data);
    tt_buf_free(&v);
}

enum { MAIN_BATCH = 4 }; /* see worker_main */

/* The window: documents in flight, from the next to merge on, 16 per worker + 16. A worker whose languages have no
 * document left in it takes another's (pick_doc), whose words its cache has not seen: with 12 (2 workers) the
 * second worker did so 20-40 times per bench run while the first was on a long document, and normalized 55,000-
 * 62,000 words for the one job's 49,800; with 48, 49,900 in most runs. A slot keeps its record's buffer for the
 * next document when at most KEEP_RECORD (the bench corpus's largest record is 29 KB), so that what the slots hold
 * stays small (48 x 128 KiB at most) whatever the documents. */
#define WINDOW(jobs) (16 * (size_t)(jobs) + 16)
#define KEEP_RECORD ((size_t)128 << 10)

/* The workers' shared maps (tt/smap.h): 2^18 slots (131,072 forms or types each; the 100 MB bench corpus has
 * ~55,000) and 64 MiB of entries, reserved and used as they come; past that each worker computes on its own. */
#define SHARE_SLOT_BITS 18
#define SHARE_ARENA ((size_t)64 << 20)

typedef struct run_state {
    const tt_run_config *cfg;
    const tt_manifest *m;
    const tt_lexicon *lx;
    size_t first, last; /* documents [first, last) */
    slot *slots;        /* a ring of `window` slots: document i (from first) is in slots[i % window] */
    size_t ntaken, next_consume, window; /* documents taken by workers; the next to consume, in order */
    unsigned nstarted, nwaiting;          /* workers started (each one's index), waiting for a document */
    unsigned nlive; /* workers that have not yet left (their times added): the main thread exports when 0, while
                       they free their memory */
    int ready; /* the lexicon and the exporter are there: prepared workers may bind and take documents */
    unsigned prep_free; /* how many more workers may prepare at once (cores - 1: the main thread loads the lexicon
                           meanwhile, and is the run's critical path then) */
    tt_smap *forms, *types; /* what the workers share (tt/smap.h), with two workers or more; else NULL */
    run_sched sched; /* each language's owner; what another's document costs a worker (run_sched.h) */
    int stop;
    int fatal_rc;
    tt_error fatal;
    pthread_mutex_t mu;
    pthread_cond_t cv_take, cv_done;
    /* the prepared workers wait here for rs.ready; they are woken one by one (each wakes the next as it starts), not
       all at once by the main thread as it goes to sleep: a wakeup while the waker still runs may be queued behind
       a busy core (this VM's scheduler then kept a second core idle 2.4 ms at the start of a --jobs 2 run) */
    pthread_cond_t cv_ready;
    char key_base[65]; /* sha256 of everything but the document */
    tt_stage_times times;
    /* the merge: the records go to the exporter in document order, by the worker that finds the next one done
       (one at a time: `merging`), so that --jobs N keeps N threads busy and no more (the main thread sleeps); or,
       when there are fewer workers than cores, by the main thread on a core no worker needs (main_merges) */
    int merging;
    int main_merges;
    const tt_run_callbacks *cb;
    tt_run_result *out;
    tt_exporter *ex;
    tt_partial_writer *pw;
    double t_start;
    /* for run.json's execution member */
    unsigned jobs;
    const tt_run_result *res;
    double t_export;
} run_state;

/* The cache entry of document d whose raw bytes hash to raw_sha: its key and path. 1, or 0 when its key cannot be
 * computed (out of memory: the document is then neither looked up nor stored). */
static int
cache_path(const run_state *rs, const tt_mdoc *d, const char *raw_sha, char *path, size_t n, char key[65])
{
    tt_sha256 h;
    tt_sha256_init(&h);
    tt_sha256_update(&h, rs->key_base, 64);
    tt_sha256_update(&h, raw_sha, 64);
    size_t nc = tt_manifest_ncols(rs->m);
    for (size_t j = 0; j < nc; j++) {
        const char *c = tt_manifest_col(rs->m, j);
        tt_sha256_update(&h, c, strlen(c) + 1);
        tt_sha256_update(&h, d->values[j], strlen(d->values[j]) + 1);
    }
    if (tt_sha256_hex(&h, key))
        return 0;
    snprintf(path, n, "%s/%.2s/%s.docres", rs->cfg->cache, key, key);
    return 1;
}

/* An entry: this line, the key, the record's length and its CRC-32 (zlib) in hex, then the record. Written without
 * an fsync (TT_ATOMIC_UNSYNCED): what a crash damages fails the check and is done again. */
#define CACHE_MAGIC "#termtrace-cache 2 "

/* Reads a cache entry into rec if it is there, its header names this key and the record has the length and the
 * CRC-32 the header promises (a truncated or otherwise damaged entry is ignored: the document is processed
 * again). */
static unsigned long
entry_crc(const char *s, size_t n)
{
    uLong c = crc32(0L, Z_NULL, 0);
    while (n) { /* zlib takes uInt lengths */
        uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
        c = crc32(c, (const Bytef *)s, k);
        s += k;
        n -= k;
    }
    return (unsigned long)c;
}

static int
cache_get(const char *path, const char key[65], tt_buf *rec)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char head[160];
    size_t ml = strlen(CACHE_MAGIC);
    unsigned long long want = 0;
    unsigned long crc = 0;
    int ok = fgets(head, sizeof head, f) && strncmp(head, CACHE_MAGIC, ml) == 0 &&
             strncmp(head + ml, key, 64) == 0 && sscanf(head + ml + 64, " %llu %8lx", &want, &crc) == 2;
    size_t start = rec->len;
    char chunk[65536];
    size_t r;
    while (ok && (r = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (tt_buf_append(rec, chunk, r))
            ok = 0;
    if (ferror(f) || rec->len - start != want)
        ok = 0;
    /* and it must be one whole record */
    if (ok && (want < 5 || rec->data[rec->len - 1] != '\n' || strncmp(rec->data + start, "docres\t", 7) != 0))
        ok = 0;
    if (ok && entry_crc(rec->data + start, rec->len - start) != crc)
        ok = 0;
    fclose(f);
    if (!ok)
        rec->len = start;
    return ok;
}

/* Documents up to this size are read into memory once when a cache is used (hash + decode of the same bytes). */
#define CACHE_READ_MAX ((size_t)64 << 20)

/* Reads a regular file of at most CACHE_READ_MAX bytes whole; NULL when it cannot be read (the decoder then
 * reports why) or is larger (*big = 1). Caller frees. */
static char *
read_doc(const char *path, size_t *n, int *big)
{
    *n = 0;
    *big = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > CACHE_READ_MAX) {
        *big = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *b = malloc(cap);
    while (b) {
        if (len == cap) { /* grew while read */
            if (cap > CACHE_READ_MAX) {
                *big = 1;
                free(b);
                b = NULL;
                break;
            }
            char *nb = realloc(b, 2 * cap);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, b + len, cap - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(b);
            b = NULL;
            break;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    *n = len;
    return b;
}

static void
cache_put(const char *path, const char key[65], const char *rec, size_t n)
{
    if (tt_mkparents(path))
        return;
    tt_atomic a = {0};
    tt_error e;
    tt_error_clear(&e);
    if (tt_atomic_open_flags(&a, path, TT_ATOMIC_UNSYNCED, &e))
        return;
    fprintf(a.f, "%s%s %zu %08lx\n", CACHE_MAGIC, key, n, entry_crc(rec, n));
    fwrite(rec, 1, n, a.f);
    tt_atomic_commit(&a, &e); /* a cache that cannot be written is only slower: no error */
}

/* The document worker `me` takes next (rs->mu held), among those not taken in the window of documents that have a
 * slot (from the next to consume, `window` of them): the first one of a language it owns (run_sched.h); else the
 * one whose words are the fewest new to its cache per byte, among those its owner would not read sooner: a document
 * is worth taking only if what the owner has left in the window besides it (in bytes, with what it is reading)
 * outweighs what it costs this worker more (run_sched_extra). On the bench corpus the worker that had run out of
 * its own languages took the last Kazakh document, cold, in most --jobs 2 runs: 5.8 ms where its owner took 1.1,
 * while the owner's core sat idle. SIZE_MAX when there is none to take: the worker waits for the window to move.
 * With several workers each one so mostly sees the words of its own languages. The outputs do not depend on it:
 * the records are consumed in document order, and the caches are pure memos. */
static size_t
pick_doc(const run_state *rs, unsigned me)
{
    size_t total = rs->last - rs->first, lim = rs->next_consume + rs->window, best = SIZE_MAX;
    if (lim > total)
        lim = total;
    /* bytes not done in the window, per language: not taken, or being read (a long document its owner is on counts
       whole: while the window waits behind it, this worker takes what it can) */
    double left[TT_LANG_COUNT] = {0}, best_cost = 0;
    for (size_t d = rs->next_consume; d < lim; d++) {
        int st = rs->slots[d % rs->window].state;
        if (st == 2)
            continue;
        const tt_mdoc *md = tt_manifest_doc(rs->m, rs->first + d);
        if (st == 0 && rs->sched.owner[md->lang] == me)
            return d;
        left[md->lang] += md->size > 0 ? (double)md->size : 0;
    }
    double owners[TT_LANG_COUNT] = {0}; /* the same, summed over the languages of each language's owner */
    for (int l = 0; l < TT_LANG_COUNT; l++)
        for (int k = 0; k < TT_LANG_COUNT; k++)
            if (rs->sched.owner[k] == rs->sched.owner[l])
                owners[l] += left[k];
    for (size_t d = rs->next_consume; d < lim; d++) {
        if (rs->slots[d % rs->window].state != 0)
            continue;
        const tt_mdoc *md = tt_manifest_doc(rs->m, rs->first + d);
        uint64_t b = md->size > 0 ? (uint64_t)md->size : 0;
        double extra = run_sched_extra(&rs->sched, me, md->lang, b);
        if (extra > owners[md->lang] - (double)b)
            continue; /* its owner reads it sooner */
        double cost = b ? extra / (double)b : 0;
        if (best == SIZE_MAX || cost < best_cost) {
            best = d;
            best_cost = cost;
        }
    }
    return best;
}

/* Document i's record (its slot done) to the exporter or the shard's writer, with the callbacks; called in
 * document order by the one worker that merges (rs->merging), without rs->mu. Returns 0, or the exporter's error
 * (in *err), or the worker's fatal result (< 0, already in rs->fatal). */
static int
consume(run_state *rs, size_t i, tt_error *err)
{
    slot *s = &rs->slots[i % rs->window];
    const tt_run_callbacks *cb = rs->cb;
    tt_run_result *res = rs->out;
    if (s->rc < 0)
        return s->rc;
    const char *doc_id = tt_manifest_doc(rs->m, rs->first + i)->doc_id;
    if (s->rc == 1) {
        res->skipped++;
        if (cb && cb->skipped)
            cb->skipped(cb->ctx, doc_id, &s->err);
    } else {
        res->ok++;
    }
    if (cb && cb->doc_warning)
        report_warnings(cb, doc_id, &s->rec);
    res->cached += (size_t)s->cached;
    res->bytes += s->bytes;
    int r = rs->pw ? tt_partial_add(rs->pw, s->rec.data, s->rec.len, err)
                   : tt_exporter_add(rs->ex, s->rec.data, s->rec.len, err);
    if (s->rec.cap > KEEP_RECORD)
        tt_buf_free(&s->rec); /* a big record's memory is not kept */
    else
        tt_buf_reset(&s->rec); /* kept for the document `window` places later */
    if (!r && cb && cb->progress)
        cb->progress(cb->ctx, i + 1, rs->last - rs->first, res->bytes, tt_now_seconds() - rs->t_start);
    return r;
}

/* The merge (rs->mu held, and held again on return): the calling worker becomes the merger and consumes every
 * record that is done from the next in order on, a run of them at a time outside the lock (their slots are not
 * touched by another worker until freed here), until the next one is not done yet, or a stop. A worker that
 * finishes the next document meanwhile leaves it to this one (rs->merging), which sees it when it takes the lock
 * again: no record waits for a merger. The main thread is woken only when all are consumed or on a stop. */
static void
merge_ready(run_state *rs)
{
    size_t total = rs->last - rs->first;
    rs->merging = 1;
    while (!rs->stop && rs->next_consume < total && rs->slots[rs->next_consume % rs->window].state == 2) {
        size_t from = rs->next_consume, to = from;
        while (to < total && to < from + rs->window && rs->slots[to % rs->window].state == 2)
            to++;
        pthread_mutex_unlock(&rs->mu);
        tt_error e;
        tt_error_clear(&e);
        int r = 0;
        size_t i;
        for (i = from; i < to && !r; i++)
            r = consume(rs, i, &e);
        pthread_mutex_lock(&rs->mu);
        for (size_t k = from; k < i; k++)
            rs->slots[k % rs->window].state = 0;
        rs->next_consume = i;
        if (r) {
            rs->stop = 1;
            if (!rs->fatal_rc) {
                rs->fatal_rc = r;
                rs->fatal = e; /* r < 0: the worker's error, already there */
            }
        }
        /* workers wait on cv_take only when every document in the window is taken: wake them only then */
        if (rs->nwaiting || rs->stop)
            pthread_cond_broadcast(&rs->cv_take);
    }
    rs->merging = 0;
    if (rs->stop || rs->next_consume >= total)
        pthread_cond_broadcast(&rs->cv_done);
}

/* The run stops (rs->mu held): every thread that waits is woken to see it, whatever it waits for (a document to
 * take, rs.ready, the next record or the workers' leaving). */
static void
stop_all(run_state *rs)
{
    rs->stop = 1;
    pthread_cond_broadcast(&rs->cv_take);
    pthread_cond_broadcast(&rs->cv_ready);
    pthread_cond_broadcast(&rs->cv_done);
}

/* A worker is made in two steps (tt/worker.h): prepared while the main thread loads the normalizer and the
 * lexicon, bound once rs->ready says the lexicon is there. A failure in either stops the run (rs->fatal). */
static void *
worker_main(void *arg)
{
    run_state *rs = arg;
    tt_worker *w = NULL;
    tt_error err;
    tt_error_clear(&err);
    int rc = 0;
    tt_hugeheap_thread(); /* before the worker's buffers and caches: 2 MiB pages for its heap */
    pthread_mutex_lock(&rs->mu);
    while (!rs->prep_free && !rs->stop)
        pthread_cond_wait(&rs->cv_take, &rs->mu);
    if (!rs->stop) {
        rs->prep_free--;
        pthread_mutex_unlock(&rs->mu);
        rc = tt_worker_prepare(&w, &rs->cfg->run, &err);
        pthread_mutex_lock(&rs->mu);
        rs->prep_free++;
        pthread_cond_broadcast(&rs->cv_take);
    }
    while (!rc && !rs->ready && !rs->stop)
        pthread_cond_wait(&rs->cv_ready, &rs->mu);
    pthread_cond_signal(&rs->cv_ready); /* the next one, if any waits */
    if (!rc && !rs->stop) {
        pthread_mutex_unlock(&rs->mu);
        rc = tt_worker_bind(w, rs->lx, &err);
        if (!rc)
            tt_worker_share(w, rs->forms, rs->types);
        pthread_mutex_lock(&rs->mu);
    }
    if (rc || rs->stop || !w) {
        if (rc && !rs->fatal_rc) {
            rs->fatal_rc = rc;
            rs->fatal = err;
        }
        rs->nlive--;
        stop_all(rs);
        pthread_mutex_unlock(&rs->mu);
        tt_worker_free(w);
        return NULL;
    }
    unsigned me = rs->nstarted++;
    for (;;) {
        size_t ndocs = rs->last - rs->first, i = SIZE_MAX;
        while (!rs->stop && rs->ntaken < ndocs && (i = pick_doc(rs, me)) == SIZE_MAX) {
            rs->nwaiting++;
            pthread_cond_wait(&rs->cv_take, &rs->mu);
            rs->nwaiting--;
        }
        if (rs->stop || i == SIZE_MAX)
            break;
        rs->ntaken++;
        slot *s = &rs->slots[i % rs->window]; /* free: document i - window was consumed */
        s->state = 1;
        s->cached = 0;
        s->rc = 0;
        pthread_mutex_unlock(&rs->mu);

        const tt_mdoc *d = tt_manifest_doc(rs->m, rs->first + i);
        tt_error_clear(&s->err);
        struct stat st; /* the size the manifest's load saw, else a stat (--allow-outside, a link) */
        s->bytes = d->size >= 0 ? (uint64_t)d->size : stat(d->fullpath, &st) == 0 ? (uint64_t)st.st_size : 0;
        uint64_t new0 = tt_worker_new_words(w);
        int r = 1, done = 0;
        char key[65], path[4200], raw[65] = "";
        /* With a cache, a document up to CACHE_READ_MAX is read once: hashed for the lookup and, on a miss,
         * decoded from the same bytes. A larger one is hashed, then decoded (two reads). Either way the entry
         * is stored under the decoder's own SHA-256 of the bytes it read (the record's stat sha256), so a file
         * that changes during the run is never cached under another content's key. */
        char *bytes = NULL;
        size_t nbytes = 0;
        if (rs->cfg->cache) {
            int big = 0;
            bytes = read_doc(d->fullpath, &nbytes, &big);
            if (bytes) {
                if (tt_sha256_buf(bytes, nbytes, raw))
                    raw[0] = 0; /* out of memory: not cached */
            } else if (!big || tt_sha256_file(d->fullpath, raw, NULL) != 0) {
                raw[0] = 0;
            }
        }
        if (raw[0] && cache_path(rs, d, raw, path, sizeof path, key)) {
            if (cache_get(path, key, &s->rec)) {
                done = 1;
                s->cached = 1;
                /* a cached skipped document is still reported as skipped: its status line, parsed */
                int ok = tt_docres_record_ok(s->rec.data, s->rec.len, &s->err);
                if (ok < 0) { /* a damaged entry: process the document again */
                    s->rec.len = 0;
                    done = s->cached = 0;
                    tt_error_clear(&s->err);
                } else {
                    r = !ok;
                    if (r)
                        tt_error_set(&s->err, TT_EFORMAT, "skipped (cached result)");
                }
            }
        }
        if (!done) {
            /* raw is the hash of these bytes: the decoder does not compute it again */
            r = bytes ? tt_worker_doc_bytes(w, rs->m, d, bytes, nbytes, raw, &s->rec, &s->err)
                      : tt_worker_doc(w, rs->m, d, &s->rec, &s->err);
            if (r >= 0 && rs->cfg->cache) {
                char dsha[65];
                tt_error e2;
                tt_error_clear(&e2);
                int have = tt_docres_record_stat(s->rec.data, s->rec.len, "sha256", dsha, sizeof dsha, &e2);
                if (have == 1 && strlen(dsha) == 64) /* the decoder's own hash of what it read */
                    memcpy(raw, dsha, 65);
                else if (!bytes) /* not read to the end and not in memory: nothing to key it by */
                    raw[0] = 0;
                /* else: a read that failed part way over bytes in memory: the same bytes as hashed */
                if (raw[0] && cache_path(rs, d, raw, path, sizeof path, key))
                    cache_put(path, key, s->rec.data, s->rec.len);
            }
        }
        free(bytes);
        uint64_t nnew = tt_worker_new_words(w) - new0;
        pthread_mutex_lock(&rs->mu);
        s->rc = r;
        s->state = 2;
        if (!s->cached)
            run_sched_done(&rs->sched, me, d->lang, s->bytes, nnew);
        if (r < 0) {
            rs->stop = 1;
            if (!rs->fatal_rc) {
                rs->fatal_rc = r;
                rs->fatal = s->err;
            }
            pthread_cond_broadcast(&rs->cv_done); /* the main thread ends the run */
        }
        if (rs->main_merges) {
            /* the main thread merges: woken when MAIN_BATCH documents from the next in order are done (or all
               that are left), not for each (fewer switches) */
            size_t ready = 0, total = rs->last - rs->first;
            while (ready < MAIN_BATCH && rs->next_consume + ready < total &&
                   rs->slots[(rs->next_consume + ready) % rs->window].state == 2)
                ready++;
            if (ready && (ready >= MAIN_BATCH || rs->next_consume + ready >= total))
                pthread_cond_broadcast(&rs->cv_done);
        } else if (!rs->merging && !rs->stop && rs->slots[rs->next_consume % rs->window].state == 2) {
            merge_ready(rs); /* this document is the next in order and no other worker merges */
        }
    }
    const tt_stage_times *t = tt_worker_times(w);
    rs->times.decode += t->decode;
    rs->times.normalize += t->normalize;
    rs->times.tokenize += t->tokenize;
    rs->times.match += t->match;
    rs->times.count += t->count;
    int last = --rs->nlive == 0;
    if (last)
        pthread_cond_broadcast(&rs->cv_done);
    pthread_mutex_unlock(&rs->mu);
    /* The main thread exports now, while this one frees its memory (~1 ms: the unmapping of its caches). If the
       wakeup put the main thread behind this one on its core (as this VM's scheduler may, the other core idle), it
       goes first: else the export started only after the free (1.2 ms later in --jobs 2 runs). */
    if (last)
        sched_yield();
    tt_worker_free(w);
    return NULL;
}

/* A switch the tests use to compare (TT_MERGE, TT_SHARE, TT_OVERSUBSCRIBE): 1 when the variable is `yes`, 0 when it
 * is `no`, else dflt. */
static int
env_switch(const char *name, const char *yes, const char *no, int dflt)
{
    const char *v = getenv(name);
    return v && strcmp(v, yes) == 0 ? 1 : v && strcmp(v, no) == 0 ? 0 : dflt;
}

/* The cores this process may run on: its CPU affinity (taskset, a Slurm or container cpuset), not the machine's. */
static unsigned
ncores(void)
{
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* run.json's "execution" value (tt_export_opts.execution), called when the exporter writes run.json. */
static int
execution_json(void *ctx, tt_buf *b)
{
    const run_state *rs = ctx;
    const tt_run_result *res = rs->res;
    const char *seg = tt_segmenter_choice();
    return tt_buf_printf(b,
                         "{\"jobs\": %u, \"segmenter\": \"%s\", \"huge_pages\": \"%s\", "
                         "\"documents_from_cache\": %zu, \"shard\": \"%u/%u\", \"seconds\": %.3f, "
                         "\"stage_cpu_seconds\": {\"decode\": %.3f, \"normalize\": %.3f, \"tokenize\": %.3f, "
                         "\"match\": %.3f, \"count\": %.3f, \"export\": %.3f}}",
                         rs->jobs, seg ? seg : "?", tt_hugeheap_state(), res->cached, rs->cfg->shard_i,
                         rs->cfg->shard_k, res->seconds,
                         rs->times.decode, rs->times.normalize, rs->times.tokenize, rs->times.match,
                         rs->times.count, tt_now_seconds() - rs->t_export)
               ? TT_ENOMEM
               : 0;
}

int
tt_run_check_dirs(const tt_run_config *cfg, tt_error *err)
{
    const char *data = cfg->run.data_dir ? cfg->run.data_dir : tt_data_dir();
    tt_dir_guard g[] = {{cfg->corpus, "corpus folder"}, {cfg->manifest, "manifest"},
                        {cfg->lexicon, "lexicon"},     {data, "data folder"},
                        {cfg->cache, "cache folder"},  {cfg->out, "output folder"}};
    size_t ng = sizeof g / sizeof g[0];
    int rc = tt_data_dir_check(data, err);
    if (!rc && cfg->out)
        rc = tt_dir_check(cfg->out, TT_DIR_OUTPUT, "--out", g, ng - 1, err);
    if (!rc && cfg->cache) {
        g[4] = g[5]; /* the cache against the inputs and the output */
        rc = tt_dir_check(cfg->cache, TT_DIR_CACHE, "--cache", g, ng - 1, err);
        /* mark it now (a cache that cannot be written is only slower: no error) */
        if (!rc && mkdir(cfg->cache, 0777) != 0 && errno == ENOENT && tt_mkparents(cfg->cache) == 0)
            (void)mkdir(cfg->cache, 0777);
        if (!rc) {
            tt_error e;
            tt_error_clear(&e);
            (void)tt_dir_mark(cfg->cache, TT_DIR_CACHE, &e);
        }
    }
    return rc;
}

int
tt_run(const tt_run_config *cfg, const tt_run_callbacks *cb, tt_run_result *res, tt_error *err)
{
    double t_start = tt_now_seconds();
    memset(res, 0, sizeof *res);
    tt_manifest *m = NULL;
    tt_lexicon *lx = NULL;
    tt_normalizer *nz = NULL;
    tt_exporter *ex = NULL;
    tt_partial_writer *pw = NULL;
    tt_export_concept *concepts = NULL;
    const char **cols = NULL;
    run_state rs;
    memset(&rs, 0, sizeof rs);
    pthread_t *th = NULL;
    unsigned nth = 0;
    int sync_made = 0; /* rs.mu and its conditions are initialised */
    char tmp[4200] = "";
    tt_buf extra = {0};
    int rc = 0;

    /* the output and cache folders, before anything is read (tt/outdir.h) */
    if ((rc = tt_run_check_dirs(cfg, err)))
        return rc;
    /* The workers start first: each prepares what needs neither the manifest nor the lexicon (its normalizer,
     * tokenizer and role finder, ~3 ms) while this thread reads the manifest and loads the normalizer and the
     * lexicon, then waits for rs.ready. A worker more than the documents finds none and ends. */
    /* At most one worker per core: the work is CPU-bound, and a worker more than the cores only takes turns with
     * the others and evicts their caches (--jobs 4 on 2 cores: 0.61 s and 20% more CPU than --jobs 2's 0.51 s on
     * the 100 MB bench corpus). TT_OVERSUBSCRIBE=1 lifts the cap (to test the merge with more threads). */
    unsigned cores = ncores(), jobs = cfg->jobs ? cfg->jobs : cores;
    if (jobs > cores && !env_switch("TT_OVERSUBSCRIBE", "1", "0", 0))
        jobs = cores;
    if (jobs == 0)
        jobs = 1;
    rs.cfg = cfg;
    rs.window = WINDOW(jobs);
    rs.jobs = jobs; /* made at most the number of documents below, before rs.ready: pick_doc reads it */
    rs.prep_free = cores > 1 ? cores - 1 : 1;
    /* With a core to spare the main thread merges there: the merge is ~3% of a plain run's CPU but ~20% of a
     * --vocab run's (its terms are added up), which the one worker then does not pay (--jobs 1 --vocab on the
     * 100 MB corpus: 2.8 s, against 4.3 s when the worker merged). Without one, the workers merge (merge_ready):
     * no thread takes turns with them. TT_MERGE=main / workers forces either (the tests run both). */
    rs.main_merges = env_switch("TT_MERGE", "main", "workers", jobs < cores);
    /* memory flat in the number of documents: a slot (a record and its error, ~2 KB) per document in flight */
    rs.slots = calloc(rs.window, sizeof *rs.slots);
    th = calloc(jobs, sizeof *th);
    if (!rs.slots || !th) {
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        goto done;
    }
    /* Shared maps only when workers outnumber the languages: up to that, pick_doc gives each worker its own
     * languages, the workers' words hardly overlap and the maps cost more than they save (on the 100 MB bench
     * corpus, --jobs 2: 24 ms more CPU with them, `perf record`, 4 runs each). TT_SHARE=on / off forces them (to
     * compare; cli/t100 checks that the outputs are the same). */
    if (jobs > 1 && env_switch("TT_SHARE", "on", "off", jobs > TT_LANG_COUNT)) {
        /* each word normalized and resolved once for all the workers (no memory: each on its own) */
        rs.forms = tt_smap_new(SHARE_SLOT_BITS, SHARE_ARENA);
        rs.types = tt_smap_new(SHARE_SLOT_BITS, SHARE_ARENA);
    }
    pthread_mutex_init(&rs.mu, NULL);
    pthread_cond_init(&rs.cv_take, NULL);
    pthread_cond_init(&rs.cv_ready, NULL);
    pthread_cond_init(&rs.cv_done, NULL);
    sync_made = 1;
    tt_hugeheap_process(); /* the heaps grow 32 MiB at a time: before the threads make theirs */
    rs.nlive = jobs;
    for (nth = 0; nth < jobs; nth++)
        if (pthread_create(&th[nth], NULL, worker_main, &rs) != 0)
            break;
    pthread_mutex_lock(&rs.mu);
    rs.nlive -= jobs - nth; /* those that did not start */
    pthread_mutex_unlock(&rs.mu);
    if (nth == 0) {
        rc = tt_error_set(err, TT_ENOMEM, "cannot start worker threads");
        goto done;
    }
    if ((rc = tt_detect_manifest_load(&m, cfg->corpus, cfg->manifest, cfg->allow_outside, cfg->run.data_dir,
                                      cb ? cb->warning : NULL, cb ? cb->ctx : NULL, err)))
        goto done;
    if (cb && cb->manifest && cb->manifest(cb->ctx, m)) {
        rc = tt_error_set(err, TT_EUSAGE, "stopped by the caller's check of the corpus");
        goto done;
    }
    size_t nd = tt_manifest_ndocs(m), first = 0, last = nd;
    if (cfg->shard_k)
        tt_manifest_shard(m, cfg->shard_i, cfg->shard_k, &first, &last);
    size_t n = last - first;
    rs.m = m; /* the workers read these once rs.ready is set (under rs.mu) */
    rs.first = first;
    rs.last = last;
    if (rs.jobs > n && n > 0)
        rs.jobs = (unsigned)n;
    if (run_sched_init(&rs.sched, rs.jobs, rs.forms != NULL, m, first, last)) {
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        goto done;
    }

    if ((rc = tt_normalizer_new(&nz, cfg->run.data_dir, err)))
        goto done;
    tt_lexicon_opts lo = {.data_dir = cfg->run.data_dir,
                          .match_limit = cfg->regex_match_limit,
                          .depth_limit = cfg->regex_depth_limit,
                          .max_entries = cfg->max_lexicon_entries};
    if ((rc = tt_lexicon_load(&lx, cfg->lexicon, &lo, nz, err)))
        goto done;

    char data_sha[65];
    if (tt_data_sha256(cfg->run.data_dir, data_sha)) {
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        goto done;
    }
    /* cache key base: everything a document's record depends on besides the document itself */
    if ((rc = tt_run_cache_key(cfg, lx, data_sha, rs.key_base, err)))
        goto done;

    if ((rc = tt_make_staging(cfg->out, tmp, sizeof tmp, err))) /* the output folder: a staging folder beside it */
        goto done;

    size_t nc = tt_lexicon_nconcepts(lx);
    concepts = calloc(nc ? nc : 1, sizeof *concepts);
    size_t ncol = tt_manifest_ncols(m);
    cols = calloc(ncol + 1, sizeof *cols);
    if (!concepts || !cols) {
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nc; i++) {
        const tt_concept *c = tt_lexicon_concept(lx, i);
        concepts[i] = (tt_export_concept){c->id, c->category, c->label, c->parent};
    }
    size_t nco = 0;
    cols[nco++] = "doc_id";
    for (size_t j = 0; j < ncol; j++)
        if (strcmp(tt_manifest_col(m, j), "doc_id") != 0)
            cols[nco++] = tt_manifest_col(m, j);

    if ((rc = tt_run_inputs_json(&extra, cfg, m, lx, data_sha))) {
        tt_error_set(err, rc, "out of memory");
        goto done;
    }
    tt_export_opts eo = cfg->exp;
    eo.dir = tmp;
    eo.concepts = concepts;
    eo.nconcepts = nc;
    eo.manifest_columns = cols;
    eo.nmanifest_columns = nco;
    eo.contexts = cfg->run.count.contexts;
    eo.ncontexts = cfg->run.count.ncontexts;
    eo.run_json_extra = extra.data;
    eo.execution = execution_json;
    eo.execution_ctx = &rs;
    if (cfg->shard_k)
        rc = tt_partial_open(&pw, tmp, &eo, cfg->shard_i, cfg->shard_k, nd, err);
    else
        rc = tt_exporter_new(&ex, &eo, err);
    if (rc)
        goto done;

    /* the workers bind the lexicon, take documents and merge their records in order (merge_ready): this thread
       sleeps until all are consumed or the run stops */
    rs.cb = cb;
    rs.out = res;
    rs.ex = ex;
    rs.pw = pw;
    rs.t_start = t_start;
    pthread_mutex_lock(&rs.mu);
    rs.lx = lx;
    rs.ready = 1;
    pthread_cond_signal(&rs.cv_ready);
    while (!rs.stop && rs.next_consume < n) {
        if (rs.main_merges && rs.slots[rs.next_consume % rs.window].state == 2)
            merge_ready(&rs); /* a spare core: this thread merges (rs.main_merges) */
        else
            pthread_cond_wait(&rs.cv_done, &rs.mu);
    }
    stop_all(&rs); /* every document is consumed, or the run failed: the workers end */
    while (rs.nlive > 0) /* each adds its times to rs.times, then frees its memory while this thread exports */
        pthread_cond_wait(&rs.cv_done, &rs.mu);
    pthread_mutex_unlock(&rs.mu);
    res->docs = n;
    if (rs.fatal_rc) {
        rc = rs.fatal_rc;
        *err = rs.fatal;
        goto done;
    }
    rs.t_export = tt_now_seconds();
    rs.res = res;
    res->seconds = rs.t_export - t_start;
    if (pw)
        rc = tt_partial_finish(pw, extra.data, err);
    else
        rc = tt_exporter_finish(ex, err);
    if (!rc && !pw && cfg->report)
        rc = tt_report_create(tmp, NULL, err);
    if (!rc)
        rc = tt_dir_mark(tmp, TT_DIR_OUTPUT, err);
    if (rc)
        goto done;
    if ((rc = tt_install_dir(tmp, cfg->out, err)))
        goto done;
    tmp[0] = 0;
    res->seconds = tt_now_seconds() - t_start;
    rc = res->skipped ? 1 : 0;
done:
    if (rc == TT_EIO && !err->path[0] && cfg->out)
        tt_error_at(err, cfg->out, 0, 0); /* e.g. an export write on a full disk */
    if (nth) { /* the workers end (they free their memory), or a failure stops them while they prepare or wait */
        pthread_mutex_lock(&rs.mu);
        stop_all(&rs);
        pthread_mutex_unlock(&rs.mu);
        for (unsigned i = 0; i < nth; i++)
            pthread_join(th[i], NULL);
    }
    if (sync_made) {
        pthread_mutex_destroy(&rs.mu);
        pthread_cond_destroy(&rs.cv_take);
        pthread_cond_destroy(&rs.cv_ready);
        pthread_cond_destroy(&rs.cv_done);
    }
    run_sched_free(&rs.sched);
    tt_smap_free(rs.forms);
    tt_smap_free(rs.types);
    if (rs.slots) {
        for (size_t i = 0; i < rs.window; i++)
            tt_buf_free(&rs.slots[i].rec);
        free(rs.slots);
    }
    free(th);
    tt_exporter_free(ex);
    tt_partial_free(pw);
    if (tmp[0])
        tt_rmtree(tmp);
    free(concepts);
    free(cols);
    tt_buf_free(&extra);
    tt_lexicon_free(lx);
    tt_normalizer_free(nz);
    tt_manifest_free(m);
    return rc;
}
