/* tt/count.h - one document's hits and tokens -> its counts, as a "docres" record.
 *
 * A docres record is the per-document result of the pipeline (format: stages/README.md, "docres"): the
 * document's manifest columns and statistics, its concept counts (tf), its co-occurrence counts for each
 * context asked for, every hit with its KWIC context, and (with vocabulary options) its term counts. The
 * in-process pipeline, the tt-count stage, the cache (one docres file per document) and Slurm shards all
 * produce the same records; tt-export / tt_exporter turns a sequence of them into the output folder.
 *
 * A tt_counter is one thread's; reuse it document after document.
 */
#ifndef TT_COUNT_H
#define TT_COUNT_H

#include "tt/common.h"

/* A co-occurrence context. */
typedef enum tt_ctx_kind {
    TT_CTX_WINDOW = 1, /* two hits at most n word tokens apart (gap between their spans) */
    TT_CTX_WINDOW_WEIGHTED, /* the same, each pair weighted 1/d (d = distance in tokens, >= 1) */
    TT_CTX_SENTENCE,
    TT_CTX_PARAGRAPH,
    TT_CTX_ARTICLE, /* legal article (tokens before the first heading form no article) */
    TT_CTX_DOCUMENT,
} tt_ctx_kind;

typedef struct tt_context {
    tt_ctx_kind kind;
    uint32_t n;     /* window size for TT_CTX_WINDOW* */
    char name[32];  /* as in file names: "window5", "wwindow5", "sentence", "article", "paragraph",
                       "document" */
} tt_context;

/* Parses a comma-separated list ("window5,sentence,document"). Fills ctx[0..*nctx) (at most max). Returns 0,
 * or TT_EUSAGE with the bad item in err->msg. */
int tt_context_parse(const char *list, tt_context *ctx, size_t max, size_t *nctx, tt_error *err);

typedef struct tt_count_opts {
    const tt_context *contexts;
    size_t ncontexts;
    int vocab;        /* count every word token's term (match form, or stem with `stem`) */
    int stem;         /* vocab terms are stems (the caller passes stems through tt_counter_token) */
    int ngrams;       /* vocab n-grams up to this n (1 = unigrams only; 0 treated as 1) */
    size_t kwic_chars; /* characters of left/right context in hits; 0 = default 40 */
} tt_count_opts;

/* One hit, as the caller found it, with document-wide positions. Strings are borrowed for the call. */
typedef struct tt_dochit {
    const char *concept_id;
    uint32_t concept;         /* concept index (column order) */
    const char *entry;        /* the lexicon entry as written */
    uint64_t tok_first, tok_last; /* document-wide word-token indices, inclusive */
    uint64_t start, end;      /* byte offsets into the text as written */
    uint32_t sent, para;      /* sentence and paragraph numbers */
    uint32_t article;         /* article number, 0 = none */
    const char *article_label; /* "" if none */
    const char *surface;       /* text as written, start..end */
    size_t surface_len;
    const char *left, *right;  /* KWIC context, already cut and with line breaks as spaces */
    size_t left_len, right_len;
    const char *form;          /* match forms of the hit's tokens joined by one space */
    size_t form_len;
} tt_dochit;

typedef struct tt_counter tt_counter;

/* concept_ids[0..nconcepts) give the column order (borrowed: must outlive the counter). */
int tt_counter_new(tt_counter **out, const char *const *concept_ids, size_t nconcepts,
                   const tt_count_opts *opts, tt_error *err);
void tt_counter_free(tt_counter *c);

/* Starts a document. */
void tt_counter_begin(tt_counter *c);
/* Adds a hit; hits must come in document order (by tok_first, then tok_last). */
int tt_counter_hit(tt_counter *c, const tt_dochit *h, tt_error *err);
/* With opts.vocab: adds the next word token's term (match form or stem), in document order. `brk` is 1 when a
 * sentence boundary precedes this token (n-grams never cross one). */
int tt_counter_token(tt_counter *c, const char *term, size_t n, int brk, tt_error *err);

/* Ends the document: appends its docres record to out. meta_keys/meta_vals[0..nmeta) are the manifest
 * columns (doc_id first) in manifest order; stat_keys/stat_vals[0..nstat) the statistics (sha256, bytes,
 * tokens, sentences, articles, paragraphs, status, encoding, ...). Strings are borrowed for the call. */
int tt_counter_end(tt_counter *c, const char *const *meta_keys, const char *const *meta_vals, size_t nmeta,
                   const char *const *stat_keys, const char *const *stat_vals, size_t nstat, tt_buf *out,
                   tt_error *err);

#endif
