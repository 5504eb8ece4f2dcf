/* tt/export.h - docres records (tt/count.h) -> the output folder of ../shared/spec/outputs.md.
 *
 * An exporter receives the documents' docres records in matrix row order (the caller sorts documents by
 * doc_id, byte order) and writes, into a folder the caller gives (the caller makes it a temporary folder and
 * renames it into place): docs.tsv, concepts.tsv, tf.mtx, tf.tsv, cooc.<context>.mtx/.tsv, groups/<keys>.tsv,
 * hits.tsv, run.json, and with options vocab.mtx/vocab.tsv, keyness.tsv, series.tsv, forms.tsv (issue 5).
 *
 * Memory: grows with the number of concepts, groups and vocabulary terms, never with the corpus: per-document
 * rows are streamed to temporary files in the folder and assembled at tt_exporter_finish.
 * Every file is written to a temporary name and renamed, so a failure never leaves a half-written file under
 * its final name. Numbers use '.' as decimal point whatever the locale. Output is deterministic.
 */
#ifndef TT_EXPORT_H
#define TT_EXPORT_H

#include "tt/common.h"
#include "tt/count.h"

typedef struct tt_export_concept {
    const char *id, *category, *label, *parent;
} tt_export_concept;

typedef struct tt_export_opts {
    const char *dir;                     /* folder to write into (exists, empty) */
    const tt_export_concept *concepts;   /* column order */
    size_t nconcepts;
    const char *const *manifest_columns; /* manifest header, doc_id first (for docs.tsv) */
    size_t nmanifest_columns;
    const tt_context *contexts;          /* co-occurrence contexts written */
    size_t ncontexts;
    const char *const *group_by;         /* extra groupings, each "country+year" style ("+"-joined keys);
                                            groups/country.tsv and groups/country+year.tsv are always written */
    size_t ngroup_by;
    int vocab;                           /* write vocab.mtx / vocab.tsv */
    uint64_t vocab_min_df, vocab_max_df; /* trims (0 = none) */
    uint64_t vocab_min_tf;
    const char *weight;                  /* NULL/"raw", "relative", "tfidf", "boolean": extra weighted files */
    const char *compare;                 /* "country=KZ:country=UZ" -> keyness.tsv, or NULL */
    const char *period;                  /* "year", "5y", "1991,2000,2020" -> series.tsv, forms.tsv, or NULL */
    int gzip;                            /* write every file as .gz */
    const char *run_json_extra;          /* JSON members (without braces) the caller adds to run.json:
                                            program, options, timings, inputs; may be NULL */
} tt_export_opts;

typedef struct tt_exporter tt_exporter;

/* Caller owns *out. Errors: TT_EIO (with the path), TT_EUSAGE (bad option), TT_ENOMEM. */
int tt_exporter_new(tt_exporter **out, const tt_export_opts *opts, tt_error *err);
/* Adds one or more complete docres records (text, as produced by tt_counter_end). TT_ESYNTAX/TT_EFORMAT with
 * the line for a malformed record. */
int tt_exporter_add(tt_exporter *ex, const char *docres, size_t n, tt_error *err);
/* Writes every file. After it (success or not) only tt_exporter_free may be called. */
int tt_exporter_finish(tt_exporter *ex, tt_error *err);
/* Frees; removes the exporter's temporary files if finish was not reached. */
void tt_exporter_free(tt_exporter *ex);

#endif
