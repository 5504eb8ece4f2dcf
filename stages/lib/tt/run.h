/* tt/run.h - a whole run: manifest + lexicon -> output folder, on all cores, with an optional cache, and the
 * shard / merge contract for Slurm job arrays.
 *
 * Documents are processed by `jobs` worker threads (tt/worker.h) and handed to the exporter in doc_id order
 * through a bounded reorder window, so outputs are byte-identical whatever the number of threads and whatever
 * the order of the manifest's rows. Bad documents are reported through the report callback (in doc_id order)
 * and skipped. The output folder is written as a temporary folder beside the target and swapped into place at
 * the end (renameat2 RENAME_EXCHANGE), so a failed or killed run leaves the previous output untouched.
 *
 * Cache (--cache DIR): one file per document, keyed by the SHA-256 of the raw file, the manifest row, the
 * lexicon, the linguistic data files, the options that change a document's result and the program's format
 * version. Entries are written to a temporary name, fsync'ed and renamed: a killed run never leaves an entry a
 * later run trusts; an entry of another version has another key (and a header that is checked) and is ignored.
 *
 * Shards: with shard_k > 0 only documents [i*n/k, (i+1)*n/k) of the doc_id order are processed, and the output
 * folder is a partial one (part.tsv + part.docres) that tt_merge turns, together with the other parts, into
 * exactly the output of one run over the whole corpus.
 */
#ifndef TT_RUN_H
#define TT_RUN_H

#include "tt/common.h"
#include "tt/count.h"
#include "tt/export.h"
#include "tt/manifest.h"
/* the filesystem helpers (tt_install_dir, tt_clean_stale, tt_rmtree) moved to tt/fs.h; included here so that
 * callers that took them from this header still compile */
#include "tt/fs.h"
#include "tt/worker.h"

/* Called for every skipped document (in doc_id order) and for progress. The library prints nothing. */
typedef struct tt_run_callbacks {
    void (*skipped)(void *ctx, const char *doc_id, const tt_error *err);
    /* done/total documents, bytes of raw input done, seconds since start */
    void (*progress)(void *ctx, size_t done, size_t total, uint64_t bytes, double seconds);
    void *ctx;
    /* a warning while the corpus is read (a file skipped by the folder walk, a language detected as und) */
    void (*warning)(void *ctx, const tt_error *w);
    /* Called (in doc_id order, may be NULL) for a document processed with warnings: `what` is its docs.tsv
     * `warnings` value, e.g. "encoding: declared KOI8-R, but the bytes look like UTF-8 (...)". */
    void (*doc_warning)(void *ctx, const char *doc_id, const char *what);
    /* Called (may be NULL) once the manifest is loaded (or detected), before the lexicon is loaded or any
     * document read: a nonzero return stops the run with TT_EUSAGE (the callback has said why; err->msg is
     * "stopped by the caller's check of the corpus"). Used to check options that name manifest columns and
     * values against the corpus. */
    int (*manifest)(void *ctx, const tt_manifest *m);
} tt_run_callbacks;

typedef struct tt_run_config {
    const char *corpus;   /* corpus folder (manifest.tsv inside unless manifest is set) */
    const char *manifest; /* NULL = corpus/manifest.tsv */
    const char *lexicon;
    const char *out;
    const char *cache;    /* NULL = no cache */
    int allow_outside;
    unsigned jobs;        /* 0 = number of cores */
    unsigned shard_i, shard_k; /* shard_k = 0: not sharded */
    tt_run_opts run;      /* decode, overlap, count (contexts, vocab...) */
    tt_export_opts exp;   /* export options; dir, concepts, columns, contexts, run_json_extra are filled in */
    const char *options_json; /* the options as JSON members (for run.json "options"), may be NULL */
    uint64_t regex_match_limit;  /* PCRE2 match limit per token (tt_lexicon_opts), 0 = default */
    uint32_t regex_depth_limit;  /* PCRE2 depth limit, 0 = default */
    size_t max_lexicon_entries;  /* 0 = default */
    int report;                  /* also write report/ (tt/report.h) into the output before it is installed */
} tt_run_config;

typedef struct tt_run_result {
    size_t docs, ok, skipped, cached;
    uint64_t bytes;
    double seconds;
} tt_run_result;

/* Runs. Returns 0 (all documents ok), 1 (finished, some documents skipped: see res->skipped), or a negative
 * TT_E*: TT_ESYNTAX for a bad manifest or lexicon (nothing read yet), TT_EIO for an output or cache failure
 * (the previous output is untouched), TT_ENOMEM. */
int tt_run(const tt_run_config *cfg, const tt_run_callbacks *cb, tt_run_result *res, tt_error *err);

/* The folder guard of a run (tt/outdir.h), which tt_run calls first: cfg->out may be replaced (absent, empty or
 * marked by a previous run) and cfg->cache used (absent, empty or marked as a cache), and neither is, contains or
 * lies inside the corpus, manifest, lexicon, data folder or the other one. Creates and marks the cache folder.
 * Returns 0 or TT_EUSAGE (err names the folder, the reason and what to do), TT_EIO, TT_ENOMEM. */
int tt_run_check_dirs(const tt_run_config *cfg, tt_error *err);

/* The fingerprint of the data folder dir (NULL = tt_data_dir()): SHA-256 over the names and contents of its
 * files (README-style *.md excluded), as run.json's inputs.data_sha256 and the cache key use it. Returns 0 or
 * TT_ENOMEM. */
int tt_data_sha256(const char *dir, char hex[65]);

/* The cache key base of a run of cfg with lexicon lx and data folder fingerprint data_sha (tt_data_sha256): the
 * SHA-256 in hex of everything a document's record depends on besides the document (the program's version, the
 * lexicon's and data's fingerprints, the counting, decoding and reading options, the limits, the stop list's
 * bytes). Returns 0, TT_EIO when the stop list (--stop) cannot be read (err names it), or TT_ENOMEM. */
int tt_run_cache_key(const tt_run_config *cfg, const tt_lexicon *lx, const char *data_sha, char hex[65],
                     tt_error *err);

/* Appends run.json's "inputs" and "options" members (`"inputs": {...}, "options": {...}`) for a run of cfg
 * (corpus, lexicon, options_json) over manifest m and lexicon lx, with the data folder's fingerprint data_sha.
 * tt-export --corpus writes the same, so the stage chain's run.json equals pipeline run's. 0 or TT_ENOMEM. */
int tt_run_inputs_json(tt_buf *b, const tt_run_config *cfg, const tt_manifest *m, const tt_lexicon *lx,
                       const char *data_sha);

/* Merges partial outputs (folders written by sharded runs) into out, exactly as one run would have written it.
 * Checks that the parts come from the same lexicon, manifest and options and that every shard 0..k-1 is there
 * once (TT_EUSAGE naming the missing or duplicate shard otherwise). */
int tt_merge(const char *const *parts, size_t nparts, const char *out, tt_run_result *res, tt_error *err);

#endif
