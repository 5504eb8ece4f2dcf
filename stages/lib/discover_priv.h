/* discover_priv.h - the exporter's discovery state (collocates.c, newterms.c): what the vocabulary terms need
 * beyond df and cf (their surface forms, sentence counts, whether a lexicon entry matches them), the
 * collocate counts of each concept, and the term counts per period and group. export.c owns the terms map
 * (term -> index) and calls these functions as the docres lines arrive (stages/50-count/docres.md), then
 * asks for the files at finish.
 *
 * Memory: per vocabulary term 24 bytes plus its distinct surface forms; collocates: one entry per (context,
 * concept, term) pair seen (at most contexts x concepts x vocabulary, in practice the terms that stand near
 * each concept); new terms: one entry per (term, period+group) pair seen (at most vocabulary x groups). None
 * grows with the number of documents as such.
 */
#ifndef TT_DISCOVER_PRIV_H
#define TT_DISCOVER_PRIV_H

#include "tt/common.h"
#include "tt/count.h"
#include "tt/map.h"

typedef struct tt_disc tt_disc;

/* Per vocabulary term. */
typedef struct dterm {
    uint64_t nsent;     /* sentences containing it (summed over documents) */
    uint64_t listed;    /* tokens written otherwise than the term itself (sum of its vform counts) */
    int64_t best;       /* index in forms of its most frequent surface, -1 = none yet */
    unsigned char flags;
} dterm;

struct tt_disc {
    tt_context coll[8];
    size_t ncoll, nc;
    uint64_t coll_min;
    double ntp;
    int newterms;
    dterm *t;
    size_t nt, capt;
    tt_strmap forms;    /* 8 bytes term index, then the surface -> val[0] count */
    int forms_done;
    tt_u64map pairs;    /* (term * ncoll + ctx) * nc + col -> cooc */
    uint64_t *freq, *span; /* [ctx * nc + col] */
    tt_u64map nt_counts; /* term << 20 | group -> count */
    size_t g;           /* the current document's period+group, SIZE_MAX = none */
};

/* coll[0..ncoll): the collocate contexts written (coll lines of others are ignored); nc: concepts;
 * coll_min: rows need cooc >= coll_min (0 = 2); ntp: newterms rows need p_value <= ntp (0 = 0.05). */
int tt_disc_new(tt_disc **out, const tt_context *coll, size_t ncoll, size_t nc, uint64_t coll_min, double ntp,
                int newterms);
void tt_disc_free(tt_disc *d);

/* A document begins; g = its period+group index (series groups), or SIZE_MAX for none. */
void tt_disc_doc(tt_disc *d, size_t g);
/* vocab line of term t (index in the exporter's terms map): count in this document, sentences, flags
 * (TX_DISC 1: a discovery word; TX_HIT 2: inside a lexicon hit). 0 or TT_ENOMEM. */
int tt_disc_vocab(tt_disc *d, size_t t, uint64_t count, uint64_t sentences, unsigned flags);
/* vform line: `count` tokens of term t were written as surface[0..n). */
int tt_disc_form(tt_disc *d, size_t t, const char *surface, size_t n, uint64_t count);
/* coll line (context by name; ignored when not written), collc line. col: concept column. */
int tt_disc_coll(tt_disc *d, const char *ctx, size_t col, size_t t, uint64_t count);
int tt_disc_collc(tt_disc *d, const char *ctx, size_t col, uint64_t freq, uint64_t span);

/* The display form of term t: its most frequent surface form (ties: the smaller in byte order), the term
 * itself when no token was written otherwise; an n-gram joins its words' forms. terms is the exporter's map
 * (val[1] = cf). Appends to out. 0 or TT_ENOMEM. */
int tt_disc_form_of(tt_disc *d, const tt_strmap *terms, size_t t, tt_buf *out);

/* collocates.tsv into out (see tt/export.h). ids[col]: concept ids; ntok, nsent: the corpus's tokens and
 * sentences (documents with status ok). 0 or TT_ENOMEM. */
int tt_disc_collocates(tt_disc *d, const tt_strmap *terms, const char *const *ids, double ntok, double nsent,
                       tt_buf *out);
/* newterms.tsv into out. groups: the series groups (key = escaped key values joined by tabs, a tab, the
 * period; val[0] = tokens); keys[0..nkeys): the key names. 0 or TT_ENOMEM. */
int tt_disc_newterms(tt_disc *d, const tt_strmap *terms, const tt_strmap *groups, const char (*keys)[64],
                     size_t nkeys, tt_buf *out);

#endif
