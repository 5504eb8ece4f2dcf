/* tt/docpolicy.h - the one per-document policy: when a document is ok or skipped, what its status says, which
 * statistics a skipped document reports, how a docres record's status is read, and which docs.tsv column names
 * a run writes itself (so a manifest may not use them).
 *
 * Both producers of docres records use it: the in-process worker (tt_worker_doc, for `pipeline run`) and the
 * stage programs (tt-normalize, tt-count, tt-export); so `pipeline run` and the stage chain write byte-identical
 * outputs for good and bad documents alike (tests/cli/t110).
 *
 * The policy:
 *  - a document whose reading failed (not text, bad bytes, missing, over a limit) is skipped with status
 *    "skipped: <the error, without the path>"; it counts nothing, and its text statistics (text_bytes, tokens,
 *    sentences, articles, paragraphs, homoglyph_repairs, mixed_unrepaired, hyphen_joins, line_joins) are 0,
 *    script_used is "" and script_confidence 0 (nothing was read to decide them);
 *  - a document read whole but without a word is skipped with status
 *    "skipped: empty document: no words in N bytes of text"; it counts nothing and keeps its text statistics;
 *  - a document with no text at all (0 bytes after decoding) has script_confidence 0;
 *  - any other document is "ok".
 */
#ifndef TT_DOCPOLICY_H
#define TT_DOCPOLICY_H

#include "tt/common.h"

typedef enum tt_doc_outcome {
    TT_DOC_OK = 0,     /* counted */
    TT_DOC_FAILED = 1, /* skipped: reading failed */
    TT_DOC_EMPTY = 2,  /* skipped: no words */
} tt_doc_outcome;

/* Decides a document's outcome and writes its status text into status (reset first). read_status is NULL or
 * "ok" when reading went fine, else the "skipped: ..." text of the read failure (tt_doc_failed_status);
 * tokens and text_bytes are what was counted. Returns the outcome (>= 0) or TT_ENOMEM. */
int tt_doc_status(const char *read_status, uint64_t tokens, uint64_t text_bytes, tt_buf *status);

/* The status text of a read failure: "skipped: " + the message of e without its path (reset first). Returns 0
 * or TT_ENOMEM. */
int tt_doc_failed_status(const tt_error *e, tt_buf *status);

/* Applies the policy to a document's statistics vals[TT_NSTAT] (in tt_stat_keys order, tt/worker.h): for
 * TT_DOC_FAILED the text statistics become "0", script_used "" and script_confidence "0"; whenever text_bytes is
 * 0, script_confidence becomes "0". The strings set are static. */
void tt_doc_stats(tt_doc_outcome outcome, const char **vals);

/* Is s[0..n) the status of a counted document ("ok")? */
int tt_doc_status_ok(const char *s, size_t n);

/* The status of the first record in the docres text rec[0..n), parsed (tt/docres.h), never searched for: 1 if
 * it is "ok", 0 if skipped, TT_ESYNTAX when the text does not parse or the record has no status line before its
 * counts (err->line set), TT_ENOMEM. */
int tt_docres_record_ok(const char *rec, size_t n, tt_error *err);

/* The value of the statistic `key` of the first record in rec[0..n), parsed, copied NUL-terminated into
 * val[0..cap). Returns 1 when found (and it fits), 0 when not, or a negative TT_E* when the text does not
 * parse. */
int tt_docres_record_stat(const char *rec, size_t n, const char *key, char *val, size_t cap, tt_error *err);

/* The columns docs.tsv writes after the manifest's, in order; a manifest column may not have one of these names
 * (tt_manifest_parse refuses it). NULL-terminated. */
extern const char *const tt_docs_columns[];
/* Is name one of tt_docs_columns? */
int tt_docs_column_reserved(const char *name);

#endif
