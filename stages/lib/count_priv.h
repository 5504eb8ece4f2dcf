/* count_priv.h - the counter's state, shared by count.c (concepts, co-occurrence, hits, vocabulary)
 * and count_words.c (surface forms, stop words and the collocates of each concept:
 * tt_counter_word). */
#ifndef TT_COUNT_PRIV_H
#define TT_COUNT_PRIV_H

#include "tt/count.h"
#include "tt/map.h"
#include "tt/roles.h"

#define MAX_CTX   64
#define MAX_NGRAM 8

/* What the exporter's discovery outputs need to know of a vocabulary term (per document). */
enum {
    TX_DISC = 1, /* a word (letters, no digit) that is not a stop word: a candidate collocate or new
                    term */
    TX_HIT = 2,  /* some occurrence lies inside a lexicon hit: a lexicon entry matches it */
    TX_WCHK = 4, /* (private) TX_WORD was decided for this document */
    TX_WORD = 8, /* (private) two characters or more, a letter, no digit */
};
typedef struct termx {
    unsigned char flags;
    int64_t last_form; /* index in cw.forms of the surface its last token had, -1 = none or the term
                          itself */
} termx;

/* A buffered word of the current piece (collocates are counted when the hits around it are known).
 */
typedef struct cword {
    uint64_t tok;
    uint32_t sent;
    int64_t term; /* index in terms, -1 when not a discovery word */
} cword;

typedef struct cw_state {
    tt_context coll[8]; /* collocate contexts (windowN, sentence) */
    size_t ncoll;
    uint32_t maxwin; /* the largest window */
    int vocab_stop;
    cword *w; /* buffered words */
    size_t nw, capw;
    size_t wlo;      /* first hit that can still reach a buffered word */
    size_t slo;      /* first hit of the current sentence */
    tt_strmap forms; /* "term\0surface" -> val[0] count, val[1] term index (surfaces that differ
                        from the term) */
    size_t *fhead,
        *fnext; /* per term: its first form; per form: the term's next one (tt_cw_forms_prepare) */
    size_t capfhead, capfnext;
    tt_u64map coll_n;        /* (term * ncoll + ctx) * nc + concept -> cooc */
    uint64_t *cfreq, *cspan; /* [ctx * nc + concept] */
    uint64_t *stamp; /* per concept x 2: scratch marks (a word's hits; a sentence's concepts) */
    uint64_t stampv;
    uint64_t *mind;    /* per concept: distance of the nearest hit to the current word */
    uint32_t *touched; /* scratch list of concepts */
    uint32_t *sconc;   /* the current sentence's concepts */
    size_t nsconc;
    uint32_t cur_sent; /* the sentence being counted */
    int in_sentence;
    uint64_t nwords; /* words of the document so far */
    uint32_t last_sent;
    uint64_t *pairs; /* the current sentence's (term << 24 | concept) pairs */
    size_t npairs, cappairs;
    tt_buf tmp;
    int brk_next; /* a stop word left out of the vocabulary breaks the n-grams */
} cw_state;

typedef struct hitpos {
    uint32_t concept;
    uint32_t sent, para, article;
    uint64_t tok_first, tok_last;
    uint32_t role, name;
    size_t line_off, line_len; /* its line in hitlines */
} hitpos;

struct tt_counter {
    const char *const *ids;
    size_t nc;
    tt_context ctx[MAX_CTX];
    size_t nctx;
    int vocab, ngrams, count_all;
    size_t kwic;
    uint32_t *names; /* name keys the document uses (tt_counter_name) */
    size_t nnames, capnames;
    size_t ncand;    /* hits with a name key */
    int settled;     /* settle_hits ran: c->hits holds only the hits that count */
    uint64_t roles[TT_NROLES]; /* hits per role (settle_hits) */
    /* per document */
    uint64_t *tf;
    uint32_t *touched; /* concepts with tf > 0, in first-hit order */
    size_t ntouched;
    hitpos *hits;
    size_t nhits, caphits;
    tt_buf hitlines; /* the record's hit lines, formatted as hits arrive */
    tt_u64map pairs; /* scratch: one context's pair counts */
    tt_strmap terms; /* vocab: term -> count (val[0]); val[1]: sentences with the term << 32 | last
                        one + 1 */
    termx *tx;       /* per term (same index): discovery flags */
    size_t captx;
    cw_state cw;            /* words, surface forms and collocates (count_words.c) */
    tt_buf hist[MAX_NGRAM]; /* the last ngrams-1 terms since a sentence break, oldest first */
    size_t nhist;
    uint32_t legacy_sent; /* tt_counter_token: sentences seen (from its brk) */
    tt_buf gram;
    uint32_t *scratch; /* concept list of one unit */
    size_t capscratch;
    uint64_t *keys; /* scratch: unit << 32 | hit index */
    size_t capkeys;
};

/* count_words.c */
int tt_cw_init(tt_counter *c, const tt_count_opts *opts, tt_error *err);
void tt_cw_free(tt_counter *c);
void tt_cw_begin(tt_counter *c);
/* chains each term's surface forms (call before writing the vocab lines); 0 or TT_ENOMEM */
int tt_cw_forms_prepare(tt_counter *c);
/* ends term t's vocab line with its first other surface and its count ("" and 0 if none), then appends
 * a vform line for each further one (in first-seen order); 0 or TT_ENOMEM */
int tt_cw_write_forms(tt_counter *c, size_t t, tt_buf *out);
/* appends the record's coll and collc lines; 0 or TT_ENOMEM */
int tt_cw_write(tt_counter *c, tt_buf *out);
/* vocabulary counting of one term (count.c); *idx gets the unigram's index */
int tt_counter_term(tt_counter *c, const char *term, size_t n, int brk, uint32_t sent, size_t *idx);

#endif
