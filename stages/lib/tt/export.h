/* tt/export.h - docres records (tt/count.h) -> the output folder of ../shared/spec/outputs.md.
 *
 * An exporter receives the documents' docres records in matrix row order (the caller sorts documents by
 * doc_id, byte order; the exporter keeps the order it is given) and writes, into a folder the caller gives
 * (the caller makes it a temporary folder and renames it into place):
 *
 *   docs.tsv          doc_id, the manifest columns after doc_id in manifest order, then sha256, bytes, tokens,
 *                     sentences, articles, status, script_used (the statistics of the same names; "" if absent),
 *                     hits_text, hits_quoted, hits_note, hits_repealed (hits per role, tt/roles.h; 0 if absent).
 *                     script_used is the script the pipeline worked with (detected when the manifest's `script`
 *                     was empty); the manifest's own `script` column is left as written.
 *   concepts.tsv      concept_id, category, label, parent
 *   tf.mtx            "%%MatrixMarket matrix coordinate integer general", rows = docs.tsv, columns = concepts.tsv,
 *                     entries sorted by row then column, each (row, col) once; skipped documents are all-zero rows
 *   tf.tsv            doc_id, concept_id, count, per_10k (count * 10000 / tokens, 4 decimals; 0 when tokens is 0),
 *                     zero counts omitted, rows in tf.mtx order
 *   cooc.<ctx>.mtx    concepts x concepts, "integer symmetric" ("real symmetric" for wwindowN), lower triangle
 *                     (row >= col), sorted by row then column; semantics in tt/count.h
 *   cooc.<ctx>.tsv    concept_a, concept_b, count, pmi, log_dice, t_score, g2 with concept_a <= concept_b in
 *                     column order (diagonal included), zeros omitted; measures: stages/50-count/docres.md,
 *                     "Association measures"
 *   groups/<k>.tsv    for k = country, country+year and each opts.group_by: one column per key, concept_id,
 *                     count, tokens, per_10k; every group x every concept (zeros included, so rates can be
 *                     compared), groups sorted by their key values (byte order), concepts in column order.
 *                     `year` is the first 4 characters of `date` when they are digits (else ""), unless the
 *                     manifest has a `year` column. A document whose key is empty or missing goes to the group
 *                     with an empty key. Skipped documents count in `tokens` like any other (their counts are 0).
 *   hits.tsv          doc_id, concept_id, entry, start, end, sentence (1-based), article, surface, left, right,
 *                     role (text, quoted, note, repealed: every hit, whatever counts);
 *                     documents in row order, hits in document order
 *   run.json          provenance; see tt_exporter_finish
 *   with opts.vocab:  vocab.mtx (documents x terms, integer general) and vocab.tsv (term, df, cf, form: the
 *                     term's most frequent surface form as written), terms in byte order after the trims;
 *                     collocates.tsv: concept_id, term, form, context, cooc, concept_freq, term_freq, log_dice,
 *                     mi, g2, t_score: per concept (column order) and collocate context (opts.coll order), the
 *                     discovery words (letters, no digit, not a stop word) around its hits with cooc >=
 *                     coll_min, by log_dice (largest first), then cooc, then term; counts and measures in
 *                     stages/50-count/docres.md, "Collocates";
 *                     with opts.coll_by: collocates.<keys>.tsv, the key columns then the same columns, per
 *                     group (byte order of the key values) with the group's own counts and N;
 *                     with opts.period too: newterms.tsv: period, the series keys, term, form, count,
 *                     prev_count, log_ratio, g2, p_value: per series group (keys in byte order) and period
 *                     (in time order) after the group's first, the discovery words that no lexicon entry
 *                     matches (no token of them inside a hit) whose rate rose against the group's previous
 *                     period with p_value <= newterms_p, by g2 (largest first), then term
 *   with opts.weight: tf.<weight>.tsv (doc_id, concept_id, value) for each weight of the comma list
 *   with opts.compare: keyness.tsv: group_a, group_b (the two sides of opts.compare, e.g. country=KZ and
 *                     country=UZ), concept_id, term, count_a, count_b, per_10k_a, per_10k_b, g2, chi2, log_ratio,
 *                     pct_diff, p_value (tt/measures.h: a zero count is taken as 0.5 in log_ratio and pct_diff,
 *                     g2 and chi2 need no correction); one row per concept (term empty), largest G2 first, then
 *                     with opts.vocab one row per vocabulary term vocab.tsv kept (concept_id empty), largest G2
 *                     first, ties in byte order. A side whose documents have no tokens at all (every one skipped
 *                     or empty) fails tt_exporter_finish with TT_EUSAGE: the table would read as "no difference".
 *   with opts.period: series.tsv: concept_id, the series keys (opts.series_by), period, count, tokens, per_10k;
 *                     every concept x every combination of key values seen x every period from the first to the
 *                     last seen in time order (gaps filled with zero rows), then period "" for documents without
 *                     a year; and forms.tsv: period, the series keys, lang (unless a key), concept_id, form (the
 *                     hit's surface most often written for this row's match form, ties: first in byte order),
 *                     match_form, count (hits), documents; rows by period in time order, keys, lang, concept
 *                     column order, match form
 *
 * With opts.gzip every file name gets ".gz" and is gzip-compressed.
 *
 * Memory: grows with the number of concepts, groups, periods, distinct forms and vocabulary terms, never with
 * the number of documents: per-document rows are streamed to temporary files in the folder (unlinked at once,
 * so they vanish even on a crash) and assembled at tt_exporter_finish.
 * Every file is written to a temporary name and renamed (tt/atomic.h), so a failure never leaves a half-written
 * file under its final name. Numbers use '.' as decimal point whatever the locale. Output is deterministic:
 * the same records in the same order give byte-identical files.
 */
#ifndef TT_EXPORT_H
#define TT_EXPORT_H

#include "tt/common.h"
#include "tt/count.h"

#include <stdio.h>

typedef struct tt_export_concept {
    const char *id, *category, *label, *parent; /* NUL-terminated; NULL = "" (id must not be empty) */
} tt_export_concept;

/* Every pointer in the options is borrowed and must stay valid until tt_exporter_free. */
typedef struct tt_export_opts {
    const char *dir;                     /* folder to write into (exists; groups/ is created in it): a staging
                                            folder that the caller installs with tt_install_dir, which makes
                                            it durable (the files are not synced one by one: TT_ATOMIC_STAGED) */
    const tt_export_concept *concepts;   /* column order; ids unique */
    size_t nconcepts;
    const char *const *manifest_columns; /* manifest header, doc_id first (for docs.tsv) */
    size_t nmanifest_columns;
    const tt_context *contexts;          /* co-occurrence contexts written (cooc lines of other contexts in
                                            the records are ignored) */
    size_t ncontexts;
    const char *const *group_by;         /* extra groupings, each "country+year" style ("+"-joined keys);
                                            groups/country.tsv and groups/country+year.tsv are always written;
                                            a repeated grouping is written once */
    size_t ngroup_by;
    int vocab;                           /* write vocab.mtx / vocab.tsv */
    uint64_t vocab_min_df, vocab_max_df; /* keep terms with min_df <= df <= max_df (0 = no bound) */
    uint64_t vocab_min_tf;               /* keep terms with cf >= min_tf (0 = no bound) */
    const char *weight;                  /* NULL, or a comma list of "raw" (ignored: tf.tsv is raw),
                                            "relative" (per 10,000 tokens), "tfidf" (raw count * idf, idf =
                                            ln((1 + n) / (1 + df)) + 1, n = rows, df = rows with count > 0: the
                                            values of scikit-learn's TfidfTransformer(norm=None,
                                            smooth_idf=True)), "boolean" (1): tf.<weight>.tsv each */
    const char *compare;                 /* "A:B", each side one or more key=value joined by "+" (all must
                                            hold), e.g. "country=KZ:country=UZ" -> keyness.tsv; or NULL */
    const char *period;                  /* "year", "5y", or break years "1991,2000,2020" -> series.tsv,
                                            forms.tsv; or NULL */
    const char *series_by;               /* "+"-joined group keys of series.tsv and forms.tsv; NULL =
                                            "country" (pipeline run: country and the first --group-by's keys
                                            but year) */
    const tt_context *coll;              /* with vocab: collocates.tsv contexts (windowN, sentence) */
    size_t ncoll;
    uint64_t coll_min;                   /* collocates.tsv rows need cooc >= coll_min (0 = 2) */
    const char *coll_by;                 /* with vocab: also collocates.<keys>.tsv per group of these "+"-joined
                                            keys (e.g. "country"); NULL = not */
    double newterms_p;                   /* newterms.tsv rows need p_value <= this (0 = 0.05) */
    int gzip;                            /* write every file as .gz */
    int count_all;                       /* forms.tsv counts every hit (--count all), not only `text` ones */
    const char *run_json_extra;          /* JSON members (without braces) the caller adds to run.json:
                                            program, options, timings, inputs; may be NULL */
    /* run.json's last member, "execution" (timings, jobs, cache: the only part of an output that may differ
     * between two runs of the same inputs): called once by tt_exporter_finish, after every other output is
     * written, to append the member's value (a JSON object, tt/json.h) to b; returns 0 or TT_ENOMEM. NULL =
     * no execution member. */
    int (*execution)(void *ctx, tt_buf *b);
    void *execution_ctx;
} tt_export_opts;

typedef struct tt_exporter tt_exporter;

/* Checks the options, creates groups/ and opens the streamed files. Caller owns *out. Errors: TT_EIO (with
 * the path), TT_EUSAGE (bad option: unknown weight, malformed compare or period, duplicate concept id,
 * manifest_columns not starting with doc_id), TT_ENOMEM. */
int tt_exporter_new(tt_exporter **out, const tt_export_opts *opts, tt_error *err);

/* Adds one or more complete docres records (text, as produced by tt_counter_end; records may also be split
 * between calls at line boundaries). Errors: TT_EFORMAT (another docres version), TT_ESYNTAX (malformed line,
 * lines out of order, a concept id not in opts.concepts, end line whose doc_id differs; err->line is the line
 * in this call's text), TT_EIO, TT_ENOMEM. After an error only tt_exporter_free may be called. */
int tt_exporter_add(tt_exporter *ex, const char *docres, size_t n, tt_error *err);

/* Writes every file. run.json holds, in this order: format_version, program, version, libraries (icu, pcre2,
 * zlib, snowball), the members of opts.run_json_extra, contexts, documents {total, ok, skipped, with_warnings
 * (documents whose `warnings` statistic is not empty), skipped_list [{doc_id, status}]}, totals {every
 * statistic whose value is an unsigned integer, summed over the documents that have it; keys in byte order},
 * per_document [{doc_id, and each statistic of that document whose value is not an unsigned integer, except
 * sha256, status and script_used (in docs.tsv) and an empty `warnings`}] listing only documents that
 * have such a statistic (e.g. encoding, encoding_confidence), then "execution" (opts.execution). After it (success or not) only tt_exporter_free
 * may be called. Errors: TT_ESYNTAX (a record was not ended), TT_EIO, TT_ENOMEM. */
int tt_exporter_finish(tt_exporter *ex, tt_error *err);

/* Frees; removes the exporter's temporary files and abandons unfinished outputs if finish was not reached. */
void tt_exporter_free(tt_exporter *ex);

#endif
