/* export_priv.h - the exporter's private state and the functions its files share (not installed; see
 * tt/export.h for the contract).
 *
 * The exporter is split by output, one file each, over a small core:
 *   export.c         options, create/free, and the finish sequence (the table of output writers)
 *   export_record.c  the docres record state machine: per-document lines to the accumulators of each output
 *   export_io.c      output files (atomic, gzip), scratch files, sorted keys, the .mtx file writer
 *   export_tables.c  docs.tsv / tf.tsv / hits.tsv headers, concepts.tsv, tf.mtx, tf.<weight>.tsv
 *   export_cooc.c    cooc.<ctx>.tsv / .mtx
 *   export_groups.c  groups/<keys>.tsv and series.tsv (groupings by manifest keys)
 *   export_series.c  --period: period labels and forms.tsv
 *   export_keyness.c --compare: keyness.tsv
 *   export_vocab.c   vocab.tsv / vocab.mtx
 *   export_runjson.c run.json
 * A new output gets its own file: accumulate in a record hook (export_record.c), write in a writer listed in
 * export.c's finish table.
 *
 * Internal names start with ex_. Every function returning int returns 0 or a negative TT_E* with err filled.
 */
#ifndef TT_EXPORT_PRIV_H
#define TT_EXPORT_PRIV_H

#include "tt/atomic.h"
#include "tt/docres.h"
#include "tt/export.h"
#include "tt/kv.h"
#include "tt/map.h"
#include "tt/mm.h"

#include "discover_priv.h"

#include <stdio.h>

#define EX_MAX_KEYS 16

typedef struct ex_grouping {
    char name[256]; /* "country+year" */
    char keys[EX_MAX_KEYS][64];
    size_t nkeys;
    tt_strmap groups; /* escaped key values joined by tabs -> index; val[0] = tokens */
    tt_u64map counts; /* group * nconcepts + concept -> count */
    size_t cur;       /* the current document's group */
} ex_grouping;

typedef struct ex_cond {
    char key[64];
    char *val;
} ex_cond;

typedef struct ex_tfcell {
    uint32_t col;
    uint64_t count;
} ex_tfcell;

struct tt_exporter {
    tt_export_opts o;
    const char *sfx; /* "" or ".gz" */
    int aflags;
    tt_strmap concepts;
    size_t nc;
    int broken, finished;
    /* streamed outputs */
    tt_atomic docs, tf, hits;
    FILE *tfmtx;   /* tf.mtx body ("row col count" lines) */
    FILE *wtmp;    /* tf rows for weights: "col\tcount\ttokens\tdoc_id" */
    FILE *vtmp;    /* vocab rows: "row\tterm\tcount" */
    FILE *skipped; /* run.json skipped_list items */
    FILE *perdoc;  /* run.json per_document items */
    uint64_t tfnnz, nskipped, nperdoc;
    uint64_t nwarned; /* documents with a non-empty `warnings` statistic */
    uint64_t *df; /* documents with count > 0, per concept */
    /* co-occurrence */
    tt_u64map *cooc; /* per context */
    double ntok, nsent, npara, nart, ndocs_ok;
    /* groupings */
    ex_grouping *grp;
    size_t ngrp;
    ex_grouping series;
    int do_series;
    /* forms.tsv, keyed "ord(8 hex)\tperiod\tkeys...\tlang\tcol(8 hex)\tmatch_form" (TSV-escaped fields; ord
     * sorts periods in time): val[0] = hits, val[1] = documents; forms_surf adds "\tsurface" (val[0] = hits);
     * forms_doc holds the keys the current document has already counted */
    tt_strmap forms, forms_surf, forms_doc;
    int period_kind; /* 0 none, 1 year, 2 5y, 3 breaks */
    int period_ord;  /* the current document's period in time order (ex_period_label); -1 = no year */
    int *breaks;
    size_t nbreaks;
    /* keyness */
    ex_cond ca[EX_MAX_KEYS], cb[EX_MAX_KEYS];
    size_t nca, ncb;
    uint64_t *ka, *kb;
    uint64_t ta, tb;
    uint64_t na, nb; /* documents in A, B */
    int in_a, in_b;
    tt_strmap kterms; /* with --vocab: term -> val[0] count in A, val[1] count in B */
    /* weights */
    int w_rel, w_tfidf, w_bool;
    /* vocab */
    tt_strmap terms; /* val[0] = df, val[1] = cf; after trimming val[0] holds col+1 (0 = dropped) */
    tt_disc *disc;   /* forms, collocates, new terms (export_discover.c, collocates.c, newterms.c) */
    size_t coll_grp; /* with o.coll_by: its grouping in grp */
    /* totals */
    tt_strmap stats; /* stat name -> val[0] sum */
    /* the current document */
    int state; /* 0 = between records, 1 = header/meta/stat, 2 = body */
    tt_kv meta, stat;
    ex_tfcell *cells;
    size_t ncells, capcells;
    uint64_t row, tokens;
    char period[32];
    tt_buf line, scratch;
};

/* ---- export_io.c ---- */
int ex_oom(tt_error *err);
int ex_bad_line(tt_error *err, const tt_docres_line *ln, const char *fmt, ...) TT_PRINTF(3, 4);
/* A temporary file in the output folder, unlinked at once: it disappears whatever happens. NULL on error. */
FILE *ex_scratch_file(tt_exporter *ex, tt_error *err);
/* Opens dir/name (+ ".gz" with --gzip) through tt_atomic. */
int ex_open_out(tt_exporter *ex, tt_atomic *a, const char *name, tt_error *err);
int ex_put_str(FILE *f, const char *s); /* 0 or -1 */
int ex_put_buf(FILE *f, const tt_buf *b, tt_error *err);
int ex_write_header(tt_atomic *a, const char *const *cols, size_t n, tt_error *err);
/* Appends a scratch file's whole content to `to`. */
int ex_copy_scratch(FILE *from, FILE *to, tt_error *err);
/* Writes b (if not NULL) and commits a; aborts a on error. */
int ex_commit(tt_atomic *a, const tt_buf *b, tt_error *err);
/* Writes b to a once it holds more than 1 MiB (and empties it): outputs need not sit in memory whole. The
 * output is opened (name) on the first flush when a->f is NULL. */
int ex_flush_big(tt_exporter *ex, tt_atomic *a, const char *name, tt_buf *b, tt_error *err);
/* Finishes a streamed output: opens it (name) if not yet open, writes b and commits; aborts it if rc != 0.
 * Returns rc or the result of the commit. */
int ex_close_out(tt_exporter *ex, tt_atomic *a, const char *name, tt_buf *b, int rc, tt_error *err);
/* Writes a whole .mtx file: the tt_mm_header, then the body from a scratch file and/or a buffer. */
int ex_write_mtx(tt_exporter *ex, const char *name, tt_mm_field field, tt_mm_symmetry sym, uint64_t rows,
                 uint64_t cols, uint64_t nnz, FILE *body, const tt_buf *inline_body, const char *what,
                 tt_error *err);
/* Appends count * 10000 / tokens with 4 decimals (0 when tokens is 0). */
int ex_put_per10k(tt_buf *b, uint64_t count, uint64_t tokens);
/* Splits a scratch line at tabs into at most max fields (in place). Returns the number of fields. */
size_t ex_split_tabs(char *s, char **f, size_t max);

typedef struct ex_sref {
    const char *s;
    size_t n;
    size_t idx;
} ex_sref;
/* The keys of a strmap, sorted by bytes (caller frees; NULL when empty or out of memory: check m->n). */
ex_sref *ex_sorted_keys(const tt_strmap *m);

/* ---- export_record.c ---- */
/* The value of a grouping key for the current document: the manifest column, or for "year" (when the
 * manifest has no such column) the year of `date`; "" with *n = 0 when absent. */
const char *ex_key_value(tt_exporter *ex, const char *key, size_t *n);
/* The column of the concept id in field `field` of ln; -1 with err set (TT_ESYNTAX) when unknown. */
int64_t ex_concept_col(tt_exporter *ex, const tt_docres_line *ln, size_t field, tt_error *err);

/* ---- export_tables.c ---- */
int ex_open_streams(tt_exporter *ex, tt_error *err);
int ex_parse_weights(tt_exporter *ex, const char *s, tt_error *err);
/* The current document's docs.tsv row. */
int ex_docs_row(tt_exporter *ex, const char *id, size_t idn, const char *status, size_t stn, tt_error *err);
/* One non-zero tf cell of the current document -> tf.tsv, the tf.mtx body, df, the weights' scratch file. */
int ex_tables_add_cell(tt_exporter *ex, const char *id, size_t idn, uint32_t col, uint64_t cnt, tt_error *err);
int ex_write_concepts(tt_exporter *ex, tt_error *err);
int ex_write_tfmtx(tt_exporter *ex, tt_error *err);
int ex_write_weights(tt_exporter *ex, tt_error *err);

/* ---- export_cooc.c ---- */
/* A cooc line of the current document (lines of contexts not written are ignored). */
int ex_cooc_add(tt_exporter *ex, const tt_docres_line *ln, tt_error *err);
int ex_write_cooc(tt_exporter *ex, tt_error *err);

/* ---- export_groups.c ---- */
int ex_grouping_init(ex_grouping *g, const char *spec, size_t n, tt_error *err);
int ex_add_grouping(tt_exporter *ex, const char *spec, size_t n, tt_error *err);
void ex_grouping_free(ex_grouping *g);
/* The current document's group in every grouping (and series); adds its tokens. */
int ex_groups_begin_doc(tt_exporter *ex, tt_error *err);
/* Adds cnt of column col of the current document to every grouping (and series). */
int ex_groups_add(tt_exporter *ex, uint32_t col, uint64_t cnt, tt_error *err);
int ex_write_groups(tt_exporter *ex, tt_error *err);
int ex_write_series(tt_exporter *ex, tt_error *err);

/* ---- export_series.c ---- */
int ex_parse_period(tt_exporter *ex, const char *s, tt_error *err);
/* Sets ex->period and ex->period_ord for the current document. */
void ex_period_label(tt_exporter *ex);
/* The label of the period with time order ord (as ex_period_label makes it) into buf. */
void ex_period_name(const tt_exporter *ex, int ord, char *buf, size_t n);
/* The time order of a period label ("" or not a label: -1). */
int ex_period_ord(const tt_exporter *ex, const char *label, size_t n);
/* The step between consecutive time orders (5 for 5y, else 1). */
int ex_period_step(const tt_exporter *ex);
/* Counts a hit line's (concept, period, entry, form) for forms.tsv. */
int ex_forms_add(tt_exporter *ex, const tt_docres_line *ln, int64_t col, tt_error *err);
int ex_write_forms(tt_exporter *ex, tt_error *err);

/* ---- export_keyness.c ---- */
int ex_parse_compare(tt_exporter *ex, const char *s, tt_error *err);
void ex_keyness_free(tt_exporter *ex);
void ex_keyness_begin_doc(tt_exporter *ex);
int ex_write_keyness(tt_exporter *ex, tt_error *err);

/* ---- export_vocab.c ---- */
int ex_vocab_add(tt_exporter *ex, const tt_docres_line *ln, tt_error *err);
int ex_write_vocab(tt_exporter *ex, tt_error *err);

/* ---- export_discover.c ---- */
int ex_disc_new(tt_exporter *ex, tt_error *err);
/* The current document: its groups and statistics to the discovery state. */
int ex_disc_begin_doc(tt_exporter *ex, uint64_t sentences, tt_error *err);
/* vform, coll and collc lines */
int ex_disc_add(tt_exporter *ex, const tt_docres_line *ln, tt_error *err);
/* vocab.tsv's form column (the term's display form) and the line's end */
int ex_disc_put_form(tt_exporter *ex, size_t term, tt_buf *b);
/* collocates.tsv, and newterms.tsv with --period (before ex_write_vocab, which reuses the df counts) */
int ex_write_discovery(tt_exporter *ex, tt_error *err);

/* ---- export_runjson.c ---- */
/* The current document's statistics: integers to the totals, other values to per_document; a skipped
 * document to skipped_list. */
int ex_runjson_add_doc(tt_exporter *ex, const char *doc_id, size_t idn, const char *status, size_t stn, int ok,
                       tt_error *err);
int ex_write_run_json(tt_exporter *ex, tt_error *err);

#endif
