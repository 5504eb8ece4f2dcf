/* discover_priv.h - the exporter's discovery state (collocates.c, newterms.c): what the vocabulary
 * terms need beyond df and cf (their surface forms, sentence counts, whether a lexicon entry
 * matches them), the collocate counts of each concept, and the term counts per period and group.
 * export.c owns the terms map (term -> index) and calls these functions as the docres lines arrive
 * (stages/50-count/docres.md), then asks for the files at finish.
 *
 * Memory: per vocabulary term 32 bytes, plus 48 for a term written otherwise than its match form,
 * plus the distinct surfaces kept; collocates: one entry per (context, concept, term) pair seen (at
 * most contexts x concepts x vocabulary, in practice the terms that stand near each concept); new
 * terms: one entry per (term, period+group) pair seen (at most vocabulary x groups). None grows
 * with the number of documents as such.
 */
#ifndef TT_DISCOVER_PRIV_H
#define TT_DISCOVER_PRIV_H

#include "tt/common.h"
#include "tt/count.h"
#include "tt/map.h"

typedef struct tt_disc tt_disc;

/* A term's surface forms other than the term itself: a weighted Misra-Gries summary of DISC_SLOTS
 * counters (exact while the term has at most DISC_SLOTS such surfaces; otherwise each count is a
 * lower bound and the most frequent surface survives when it has more than 1 / (DISC_SLOTS + 1) of
 * the tokens listed). */
#define DISC_SLOTS 3
typedef struct dslots {
    uint64_t cnt[DISC_SLOTS];
    size_t surf[DISC_SLOTS]; /* index in tt_disc.surf */
} dslots;

/* Per vocabulary term. */
typedef struct dterm {
    uint64_t nsent;  /* sentences containing it (summed over documents) */
    uint64_t listed; /* tokens written otherwise than the term itself (sum of its vform counts) */
    int64_t slots;   /* index in tt_disc.slots, -1 = written only as the term itself */
    unsigned char flags;
    /* new terms: its counts in its first two period+groups (most terms have no more), the rest in
     * nt_counts */
    uint32_t ng[2]; /* group + 1, 0 = unused */
    uint64_t nc[2];
} dterm;

struct tt_disc {
    tt_context coll[8];
    size_t ncoll, nc;
    uint64_t coll_min;
    double ntp;
    int newterms;
    dterm *t;
    size_t nt, capt;
    tt_strmap surf; /* the surfaces kept in slots (interned) */
    dslots *slots;
    size_t nslots, capslots;
    tt_u64map pairs;       /* (term * ncoll + ctx) * nc + col -> cooc */
    uint64_t *freq, *span; /* [ctx * nc + col] */
    tt_u64map nt_counts;   /* term << 20 | group -> count, beyond a term's first two groups */
    size_t g;              /* the current document's period+group, SIZE_MAX = none */
    size_t last_t; /* the last vocab line's term (its vform lines follow it), SIZE_MAX = none */
    /* collocates by group (--collocates-by): the same counts per group of the document */
    int by;
    size_t cg;              /* the current document's group, SIZE_MAX = none */
    tt_u64map gpairs;       /* pairs key << 16 | group -> cooc */
    tt_u64map gfreq, gspan; /* (ctx * nc + col) << 16 | group */
    tt_u64map gcf, gns;     /* term << 16 | group -> tokens, sentences (discovery words) */
    double *gtok, *gsent;   /* per group: tokens and sentences of its documents */
    size_t capg;
};

/* coll[0..ncoll): the collocate contexts written (coll lines of others are ignored); nc: concepts;
 * coll_min: rows need cooc >= coll_min (0 = 2); ntp: newterms rows need p_value <= ntp (0 = 0.05).
 */
int tt_disc_new(tt_disc **out, const tt_context *coll, size_t ncoll, size_t nc, uint64_t coll_min,
                double ntp, int newterms, int by_group);
void tt_disc_free(tt_disc *d);

/* A document begins; g = its period+group index (series groups), or SIZE_MAX for none; cg = its
 * group for collocates by group (SIZE_MAX when not asked), tokens and sentences its statistics (0
 * for a skipped one). 0 or TT_ENOMEM. */
int tt_disc_doc(tt_disc *d, size_t g, size_t cg, uint64_t tokens, uint64_t sentences);
/* vocab line of term t (index in the exporter's terms map): count in this document, sentences,
 * flags (TX_DISC 1: a discovery word; TX_HIT 2: inside a lexicon hit). 0 or TT_ENOMEM. */
int tt_disc_vocab(tt_disc *d, size_t t, uint64_t count, uint64_t sentences, unsigned flags);
/* The term of the last vocab line of this document (its vform lines follow it), or -1. */
int64_t tt_disc_last_term(const tt_disc *d);
/* vform line: `count` tokens of term t were written as surface[0..n). */
int tt_disc_form(tt_disc *d, size_t t, const char *surface, size_t n, uint64_t count);
/* coll line (context by name; ignored when not written), collc line. col: concept column. */
int tt_disc_coll(tt_disc *d, const char *ctx, size_t col, size_t t, uint64_t count);
int tt_disc_collc(tt_disc *d, const char *ctx, size_t col, uint64_t freq, uint64_t span);

/* The display form of term t: its most frequent surface form (ties: the smaller in byte order), the
 * term itself when no token was written otherwise; an n-gram joins its words' forms. terms is the
 * exporter's map (val[1] = cf). Appends to out. 0 or TT_ENOMEM. */
int tt_disc_form_of(tt_disc *d, const tt_strmap *terms, size_t t, tt_buf *out);

/* collocates.tsv into out (see tt/export.h). ids[col]: concept ids; ntok, nsent: the corpus's
 * tokens and sentences (documents with status ok). 0 or TT_ENOMEM. */
int tt_disc_collocates(tt_disc *d, const tt_strmap *terms, const char *const *ids, double ntok,
                       double nsent, tt_buf *out);
/* The count of term t in period+group g (new terms). */
uint64_t tt_disc_nt_count(const tt_disc *d, size_t t, size_t g);
/* collocates.<keys>.tsv into out: the key columns (names keys[0..nkeys)), then the columns of
 * collocates.tsv, per group (groups: key = escaped key values joined by tabs), with each group's
 * own counts and N. */
int tt_disc_collocates_by(tt_disc *d, const tt_strmap *terms, const char *const *ids,
                          const tt_strmap *groups, const char (*keys)[64], size_t nkeys,
                          tt_buf *out);
/* newterms.tsv into out. groups: the series groups (key = escaped key values joined by tabs, a tab,
 * the period; val[0] = tokens); keys[0..nkeys): the key names. 0 or TT_ENOMEM. */
int tt_disc_newterms(tt_disc *d, const tt_strmap *terms, const tt_strmap *groups,
                     const char (*keys)[64], size_t nkeys, tt_buf *out);

#endif
