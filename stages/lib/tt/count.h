/* tt/count.h - one document's hits and tokens -> its counts, as a "docres" record.
 *
 * A docres record is the per-document result of the pipeline (format: stages/50-count/docres.md): the
 * document's manifest columns and statistics, its concept counts (tf), its co-occurrence counts for each
 * context asked for, every hit with its KWIC context, and (with vocabulary options) its term counts. The
 * in-process pipeline, the tt-count stage, the cache (one docres file per document) and Slurm shards all
 * produce the same records; tt-export / tt_exporter (tt/export.h) turns a sequence of them into the output
 * folder. Concepts and contexts are named in the record (not numbered), so a record does not depend on the
 * column order.
 *
 * Roles (tt/roles.h): every hit is written with its role; tf, co-occurrence and the vocabulary count only
 * `text` hits and tokens unless opts.count_all (the caller passes only text tokens to tt_counter_token). The
 * record's stat lines end with hits_text, hits_quoted, hits_note, hits_repealed (hits per role).
 *
 * Use, per thread:
 *     tt_counter_new(&c, ids, nids, &opts, &err);
 *     for each document:
 *         tt_counter_begin(c);
 *         for each hit in document order:        tt_counter_hit(c, &hit, &err);
 *         for each name the document uses:       tt_counter_name(c, key, &err);
 *         with opts.vocab, for each word token:  tt_counter_token(c, term, n, brk, &err);
 *         tt_counter_end(c, meta..., stats..., &out, &err);   // appends the record to out
 * The two streams (hits, tokens) are independent; only the order within each matters.
 *
 * Co-occurrence, per context (what tt_counter_end writes in "cooc" lines, summed over documents by export):
 *   sentence, paragraph, article, document: the diagonal (a, a) is the number of those units in which concept a
 *     has at least one hit; (a, b) is the number of units in which both have one. Hits with article 0 (before
 *     the first heading) belong to no article unit.
 *   windowN: the diagonal is the number of hits of a; (a, b), a != b, is the number of pairs of hits (one of a,
 *     one of b) at most N word tokens apart, where the distance is d = tok_first(later) - tok_last(earlier)
 *     ("later" = the hit that comes second in document order); hits that overlap or nest (d <= 0) count too.
 *     Two hits of the same concept add nothing.
 *   wwindowN: the same pairs, each adding 1/max(d, 1); the diagonal is the number of hits, as for windowN.
 *
 * Memory: a counter holds one document's hits and terms at a time (it grows with the largest document, never
 * with the corpus) plus one count per concept.
 */
#ifndef TT_COUNT_H
#define TT_COUNT_H

#include "tt/common.h"
#include "tt/roles.h"

/* A co-occurrence context. */
typedef enum tt_ctx_kind {
    TT_CTX_WINDOW = 1,      /* two hits at most n word tokens apart (gap between their spans) */
    TT_CTX_WINDOW_WEIGHTED, /* the same, each pair weighted 1/d (d = distance in tokens, >= 1) */
    TT_CTX_SENTENCE,
    TT_CTX_PARAGRAPH,
    TT_CTX_ARTICLE, /* legal article (tokens before the first heading form no article) */
    TT_CTX_DOCUMENT,
} tt_ctx_kind;

typedef struct tt_context {
    tt_ctx_kind kind;
    uint32_t n;    /* window size for TT_CTX_WINDOW* (>= 1) */
    char name[32]; /* as in file names: "window5", "wwindow5", "sentence", "article", "paragraph",
                      "document" */
} tt_context;

/* Parses a comma-separated list ("window5,sentence,document"; items "windowN" and "wwindowN" with N in
 * 1..100000, "sentence", "paragraph", "article", "document"; spaces around items are ignored; a repeated item
 * is kept once). Fills ctx[0..*nctx) (at most max). Returns 0, or TT_EUSAGE with the bad item in err->msg
 * (also for an empty list or more than max items). */
int tt_context_parse(const char *list, tt_context *ctx, size_t max, size_t *nctx, tt_error *err);

typedef struct tt_count_opts {
    const tt_context *contexts; /* copied by tt_counter_new */
    size_t ncontexts;
    int vocab;         /* count every word token's term (match form, or stem with `stem`) */
    int stem;          /* vocab terms are stems (the caller passes stems through tt_counter_token) */
    int ngrams;        /* vocab n-grams up to this n (1 = unigrams only; 0 treated as 1; at most 8) */
    size_t kwic_chars; /* at most this many characters of left/right context are kept; 0 = default 40 */
    /* With vocab and tt_counter_word: */
    const tt_context *coll; /* collocate contexts (windowN and sentence only; at most 8; copied): the record's
                               coll/collc lines */
    size_t ncoll;
    int vocab_stop;    /* stop words are not vocabulary terms (and break n-grams) */
    const char *stop_file; /* for the callers that load the stop lists (worker, tt-count): NULL = the data
                              folder's stopwords/<lang>.txt, else this one file for every language */
    int count_all;     /* 0: tf, co-occurrence and vocabulary take `text` hits and tokens only; 1: every one */
} tt_count_opts;

/* One hit, as the caller found it, with document-wide positions. Strings are borrowed for the call; any
 * string pointer may be NULL when its length is 0 (entry, article_label, form: NULL = ""). */
typedef struct tt_dochit {
    const char *concept_id;        /* NULL, or must equal concept_ids[concept] (checked) */
    uint32_t concept;              /* concept index (column order) */
    const char *entry;             /* the lexicon entry as written (NUL-terminated) */
    uint64_t tok_first, tok_last;  /* document-wide word-token indices, inclusive */
    uint64_t start, end;           /* byte offsets into the decoded UTF-8 text */
    uint32_t sent, para;           /* sentence and paragraph numbers, from 0 as in tt_token; the docres record
                                      and hits.tsv show sent + 1 (1-based) */
    uint32_t article;              /* article number, 0 = none */
    const char *article_label;     /* "" if none (NUL-terminated) */
    const char *surface;           /* text as written, start..end */
    size_t surface_len;
    const char *left, *right;      /* KWIC context, already cut and with line breaks as spaces; longer than
                                      kwic_chars characters, they are cut again (left keeps its end) */
    size_t left_len, right_len;
    const char *form;              /* match forms of the hit's tokens joined by one space */
    size_t form_len;
    uint32_t page;                 /* 1-based page of a paged format (PDF), 0 = none */
    tt_role role;                  /* text, quoted, note, repealed (tt/roles.h) */
    uint32_t name;                 /* 0, or the key of a name exclusion (case=proper) that the hit's first token,
                                      capitalised at a sentence start, would meet mid-sentence: the hit is
                                      dropped at the end of the document if tt_counter_name() got that key */
} tt_dochit;

typedef struct tt_counter tt_counter;

/* concept_ids[0..nconcepts) give the column order (borrowed: must outlive the counter). Errors: TT_EUSAGE
 * (a context of kind window with n == 0, bad ngrams), TT_ENOMEM. */
int tt_counter_new(tt_counter **out, const char *const *concept_ids, size_t nconcepts,
                   const tt_count_opts *opts, tt_error *err);
void tt_counter_free(tt_counter *c);

/* Starts a document (forgets anything of the previous one, also after an error). */
void tt_counter_begin(tt_counter *c);
/* Adds a hit; hits must come in document order (by tok_first, then tok_last): TT_EUSAGE otherwise, and for a
 * concept index out of range or a concept_id that does not match it. TT_ENOMEM. */
int tt_counter_hit(tt_counter *c, const tt_dochit *h, tt_error *err);
/* The document uses, mid-sentence, the name that exclusion `key` (nonzero) recognises: at the end of the
 * document every hit with this name key is dropped (one sense per document). Keys are kept per document (at
 * most one per distinct key). Returns 0 or TT_ENOMEM. */
int tt_counter_name(tt_counter *c, uint32_t key, tt_error *err);

/* With opts.vocab: adds the next word token's term (match form or stem), in document order. `brk` is 1 when a
 * sentence boundary precedes this token (n-grams never cross one). An n-gram is its terms joined by one space.
 * Without opts.vocab it does nothing. Returns 0 or TT_ENOMEM. */
int tt_counter_token(tt_counter *c, const char *term, size_t n, int brk, tt_error *err);

/* One word token as the tokenizer saw it, for tt_counter_word. Strings are borrowed for the call. */
typedef struct tt_docword {
    const char *term;    /* vocabulary term: match form, or its stem with opts.stem; n = 0: no term */
    size_t n;
    const char *surface; /* the token as written (NFC); its most frequent form is how the term is shown */
    size_t surface_len;
    uint64_t tok;        /* document-wide word-token index (as in tt_dochit) */
    uint32_t sent;       /* sentence number, from 0 */
    unsigned flags;      /* TT_TOK_* of tt/tokenize.h */
    int stop;            /* a stop word of the document's language (tt/stoplist.h) */
    int gap;             /* tokens left out just before this one (not `text`, without count_all): no n-gram
                            spans them; the caller passes only the tokens that count */
} tt_docword;

/* With opts.vocab: adds the next word token, in document order (instead of tt_counter_token; do not mix the
 * two in one document). Counts its term (unless it is a stop word and opts.vocab_stop; a sentence boundary
 * before it breaks the n-grams, and so does a left-out stop word), its surface form (first letter lowercased
 * when the token is capitalised only because it begins its sentence: TT_TOK_CAPITAL with TT_TOK_SENT_START),
 * and keeps it for the collocates until tt_counter_flush. A "discovery word" is a unigram term of two characters
 * or more, with a letter, no digit, not a stop word: only these are collocates and new terms. Returns 0 or TT_ENOMEM. */
int tt_counter_word(tt_counter *c, const tt_docword *w, tt_error *err);

/* Counts the collocates of the words added so far whose neighbourhood is complete: call it after each piece's
 * hits and words (last = 0), and once after the document's last piece (last = 1; tt_counter_end also does
 * it). Words within the largest window of the piece's end, and those of an unfinished sentence, wait for the
 * next call (a sentence of more than 4 million words is cut there), so the result does not depend on where
 * the pieces were cut: memory holds one piece's words (24 bytes each), not the document's, except in a document
 * with a hit that carries a name key (tt_dochit.name): whether that hit counts is known only at the end
 * (tt_counter_name, one sense per document), so its words wait for tt_counter_end (24 bytes a word).
 * Only the hits that count (role text, or all with count_all; not a dropped name's) are collocate centres; the
 * caller passes only the tokens that count (tt_docword.gap marks where others were left out).
 * Collocates of concept c in context k, per document (coll lines; the exporter sums them):
 *   windowN: cooc(c, t) = tokens of term t at most N tokens from a hit of c (before tok_first or after
 *     tok_last) and inside no hit of c, each token once even when two hits reach it; freq = hits of c;
 *     span = the token positions counted so (of every word passed, also stop words and numbers);
 *   sentence: cooc(c, t) = sentences with a hit of c and a token of t outside c's hits; freq = span =
 *     sentences with a hit of c.
 * Returns 0 or TT_ENOMEM. */
int tt_counter_flush(tt_counter *c, int last, tt_error *err);

/* Ends the document: appends its docres record to out (out is not reset: records can be collected in one
 * buffer). meta_keys/meta_vals[0..nmeta) are the manifest columns (doc_id first: TT_EUSAGE otherwise) in
 * manifest order; stat_keys/stat_vals[0..nstat) the statistics. Strings are borrowed for the call and
 * NUL-terminated. The statistics tt_exporter understands (docres.md lists them): sha256, bytes, tokens,
 * sentences, paragraphs, articles, status ("ok", or the reason the document was skipped), script_used; any
 * other is carried into run.json (integers summed over documents, others listed per document). Returns 0,
 * TT_EUSAGE or TT_ENOMEM; on failure out may hold part of a record: truncate it to its length before the call.
 * The counter is ready for the next tt_counter_begin in every case. */
int tt_counter_end(tt_counter *c, const char *const *meta_keys, const char *const *meta_vals, size_t nmeta,
                   const char *const *stat_keys, const char *const *stat_vals, size_t nstat, tt_buf *out,
                   tt_error *err);

/* The statistics of a docres record, in the order every producer writes them (worker and tt-count). */
extern const char *const tt_stat_keys[];
#define TT_NSTAT 24

#endif
