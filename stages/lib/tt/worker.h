/* tt/worker.h - one document through the whole chain, in process: decode -> normalize -> tokenize -> match ->
 * count, producing the document's docres record (tt/count.h).
 *
 * The document is streamed: the decoder yields chunks, the worker cuts them into pieces at safe points (a
 * blank line, a line break, a space: tt_tokenize_cut), and each piece is normalized (NFC), tokenized, matched
 * and counted before the next is read. Memory is bounded by the piece size, whatever the document's size.
 * Sentence, paragraph and article numbers and token indices run across pieces; a multiword match or a
 * co-occurrence window does not cross a piece boundary (pieces are 1 MiB by default, cut at a blank line where
 * there is one, so this only matters for documents larger than that).
 *
 * A tt_worker belongs to one thread: it owns a normalizer, a tokenizer, a matcher, a counter and a stemmer.
 */
#ifndef TT_WORKER_H
#define TT_WORKER_H

#include "tt/common.h"
#include "tt/count.h"
#include "tt/decode.h"
#include "tt/lexicon.h"
#include "tt/manifest.h"
/* tt_piece_cut, tt_kwic and tt_stat_keys moved to tt/tokenize.h, tt/kwic.h and tt/count.h; included here so that
 * callers that took them from this header still compile */
#include "tt/kwic.h"
#include "tt/tokenize.h"

typedef struct tt_run_opts {
    const char *data_dir;       /* NULL = tt_data_dir() */
    tt_decode_opts decode;      /* encoding override (per run), replace_invalid, limits */
    tt_overlap overlap;
    tt_count_opts count;        /* contexts, vocab, stem, ngrams, kwic_chars */
    size_t piece_size;          /* 0 = 1 MiB */
} tt_run_opts;

/* Per-stage CPU time of a worker, in seconds (summed over documents): each document's thread CPU time, split among
 * its stages in proportion to their monotonic time. */
typedef struct tt_stage_times {
    double decode, normalize, tokenize, match, count;
} tt_stage_times;

typedef struct tt_worker tt_worker;

/* lx is shared and read-only; opts is copied (its pointers are borrowed and must outlive the worker). Returns 0
 * (*out owned by the caller: tt_worker_free) or TT_E* with err set (*out NULL). */
int tt_worker_new(tt_worker **out, const tt_lexicon *lx, const tt_run_opts *opts, tt_error *err);
/* tt_worker_new in two steps, so that a run can make its workers while it reads the manifest and the lexicon:
 * prepare makes what does not depend on the lexicon (normalizer, tokenizer, role finder, stemmer, stop list:
 * ~3 ms, mostly compiling the transliteration rules); bind gives the lexicon (matcher, counter). A prepared
 * worker is freed with tt_worker_free whether bound or not; it processes no document before bind returns 0.
 * Errors as tt_worker_new's; bind on a bound worker is TT_EUSAGE. */
int tt_worker_prepare(tt_worker **out, const tt_run_opts *opts, tt_error *err);
int tt_worker_bind(tt_worker *w, const tt_lexicon *lx, tt_error *err);
void tt_worker_free(tt_worker *w);
/* The maps the workers of a run share (tt/smap.h; borrowed, must outlive w; either may be NULL): forms for the
 * normalizer (tt_norm_share), types for the matcher (tt_matcher_share, after bind). What one worker computed the
 * others then find. Results are the same with or without them. */
struct tt_smap;
void tt_worker_share(tt_worker *w, struct tt_smap *forms, struct tt_smap *types);

/* Processes document d of manifest m; appends its docres record to out. Returns 0 if the document was
 * processed, 1 if it was skipped (bad or unreadable file: the record has a status saying why, zero counts,
 * and err describes the problem with path and byte offset for the caller to report), or a negative TT_E* for
 * a failure that must stop the run (out of memory). */
int tt_worker_doc(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, tt_buf *out, tt_error *err);

/* The same over the document's raw bytes, already read (borrowed; the cache reads a file once, hashes it and
 * decodes the same bytes). sha256: their SHA-256 in hex when the caller has it (not computed again), or NULL.
 * Errors name d->fullpath. */
int tt_worker_doc_bytes(tt_worker *w, const tt_manifest *m, const tt_mdoc *d, const void *bytes, size_t n,
                        const char *sha256, tt_buf *out, tt_error *err);

/* Borrowed: this worker's accumulated stage times. */
const tt_stage_times *tt_worker_times(const tt_worker *w);

/* The words this worker has normalized for the first time so far (tt_norm_computed of its normalizer). */
uint64_t tt_worker_new_words(const tt_worker *w);

#endif
