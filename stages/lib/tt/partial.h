/* tt/partial.h - the partial output of one shard (pipeline run --shard i/K) and its reading back for
 * pipeline merge.
 *
 * A partial output folder holds:
 *   part.tsv     what the merge needs to rebuild the export exactly as one run would: format line, shard i and
 *                K, total documents of the manifest, the manifest columns, the concepts (id, category, label,
 *                parent), the contexts, the export options and the run.json members (inputs, options);
 *   part.docres  the docres records (stages/50-count/docres.md) of the shard's documents, in doc_id order.
 * Both are written atomically (tt/atomic.h).
 */
#ifndef TT_PARTIAL_H
#define TT_PARTIAL_H

#include "tt/common.h"
#include "tt/export.h"

#include <stdio.h>

typedef struct tt_partial_writer tt_partial_writer;

/* Starts writing a partial output into folder dir. opts: the export options the merge will use (copied into
 * part.tsv). Caller owns *out. */
int tt_partial_open(tt_partial_writer **out, const char *dir, const tt_export_opts *opts, unsigned shard_i,
                    unsigned shard_k, size_t ndocs_total, tt_error *err);
/* Appends complete docres records. */
int tt_partial_add(tt_partial_writer *pw, const char *rec, size_t n, tt_error *err);
/* Writes part.tsv (with run_json_extra as the run.json members) and commits both files. */
int tt_partial_finish(tt_partial_writer *pw, const char *run_json_extra, tt_error *err);
void tt_partial_free(tt_partial_writer *pw);

/* A partial output read back: the export options (pointers into the object) and the shard numbers. */
typedef struct tt_partial {
    unsigned shard_i, shard_k;
    size_t ndocs_total;
    tt_export_opts opts;   /* dir = NULL; concepts, columns, contexts, group_by, ... filled in */
    const char *run_json_extra;
    char *docres_path;     /* the part.docres file */
    char *sig;             /* what must be equal across parts (everything but the shard number) */
    /* private storage */
    void *priv;
} tt_partial;

/* Reads dir/part.tsv. Caller frees with tt_partial_free. TT_EFORMAT if it is not a partial output of this
 * version, TT_EIO, TT_ENOMEM. */
int tt_partial_read(tt_partial *p, const char *dir, tt_error *err);
void tt_partial_free_read(tt_partial *p);

/* Feeds the docres records of file path to the exporter, record by record (streamed). */
int tt_partial_feed(const char *path, tt_exporter *ex, size_t *ndocs, size_t *nskipped, tt_error *err);

#endif
