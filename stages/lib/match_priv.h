/* match_priv.h - the matcher's state (match.c) shared with the test of one entry part (match_part.c) and with
 * `lexicon check` / `lexicon explain` (lexicon_check.c), which sit above the matcher. Not installed. */
#ifndef TT_MATCH_PRIV_H
#define TT_MATCH_PRIV_H

#include "lexicon_priv.h"
#include "tt/map.h"

/* the type cache is dropped and rebuilt when it grows past this many types */
#define CACHE_MAX_TYPES (1u << 21)
#define CACHE_MAX_WORDS (1u << 30) /* ... or past this many 32-bit words of records */
#define F_NONWORD 1u
#define F_CASE 2u /* some target's entry has a case condition: sentence() filters this type's list per token */
#define F_EXCL 4u /* an exclusion matched the form (it is an entry that matches: a hyphenated word is not split) */
#define F_NOPARTS 8u /* a hyphenated form none of whose parts any entry matches (set after the first try) */

typedef struct rawhit {
    uint32_t first, last, entry, concept;
    uint32_t part; /* 0, or k: the hit is the k-th hyphen part of token first == last (tt/compound.h) */
} rawhit;

/* The type cache: (language, match form) -> the resolved list [flags, target...], one record per type in one
 * arena (key, list and its length side by side: a hit reads the slot and one record). A pure memo. */
typedef struct tcache {
    uint64_t *slot; /* 0 = empty, else (hash >> 32) << 32 | (record offset + 1) */
    size_t nslots, nused;
    uint32_t *ar;   /* records: key length, lang, n, v[0..n), key bytes (padded to 4) */
    size_t alen, acap;
    uint64_t epoch; /* how many times it was emptied: a record's offset names it only within its epoch */
} tcache;

struct tt_matcher {
    const tt_lexicon *lx;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    struct sb_stemmer *sb[TT_LANG_COUNT];
    tcache cache;   /* (lang, match form) -> [flags, target...] */
    int pinned;     /* tt_matcher_begin_piece is used: the cache is emptied there only (tt_matcher_type) */
    uint32_t *toff; /* per token of the current run: offset of its type's record in cache.ar */
    uint64_t *th;   /* per token of the current run: its tc_hash */
    size_t captok;
    uint32_t kmax1[TT_LANG_COUNT][128]; /* 1 + the longest key of lx->ix per (lang, kind byte); 0 = none */
    tt_script script;
    uint32_t *tmp;
    size_t ntmp, captmp;
    uint32_t *cand; /* candidates of the current sentence's tokens, back to back */
    size_t ncand, capcand;
    size_t *coff;
    uint32_t *cnum, *cflg;
    size_t capc;
    rawhit *hits, *excl;
    size_t nh, caph, nx, capx;
    tt_buf key, why;
    /* one sense per document (match_names.c) */
    uint32_t *cname;    /* per token of the sentence: the name key it has at a sentence start, or 0 */
    uint32_t *names;    /* the name keys met mid-sentence since tt_matcher_names_reset */
    size_t nnames, capnames;
    tt_strmap namekeys; /* per document: (name exclusion entry, match form) -> key - 1 */
    tt_buf nkey;
    /* hyphenated compounds */
    uint32_t *pidx;     /* per token of the run: first index into prec of its hyphen parts, or UINT32_MAX */
    uint8_t *pcnt;      /* ... and their number */
    uint8_t *hot;       /* per token of the run: 1 if its type has targets or it has hyphen parts (else no hit
                           can start, end or be excluded there: a sentence of cold tokens is skipped) */
    uint32_t *prec;     /* record offsets (as toff) of the parts' types */
    size_t nprec, capprec;
    uint32_t *ptok;     /* the tokens of the run that have parts, in order */
    size_t nptok, capptok, cptok; /* ... cptok: the next one for sentence() */
};

/* match.c: the targets (lx->targets indices) whose entry part matches the type w[0..n) of lang, into
 * m->tmp[0..m->ntmp) (raw: without exclusions and case filtering, for explain); *flags gets F_*. 0 or TT_E*. */
int lx_collect(tt_matcher *m, tt_lang lang, const char *w, size_t n, int raw, uint32_t *flags, tt_error *err);

/* match_part.c: 1 if entry part p matches the word w[0..n) of lang, 0 if not, or TT_E*; why (may be NULL)
 * gets the reason ("lemma X + suffixes ..."). */
int lx_part_matches(tt_matcher *m, const tt_lexicon *lx, const lx_part *p, tt_lang lang, const char *w,
                    size_t n, tt_buf *why, tt_error *err);

/* match_names.c: the document's key of (name exclusion entry + 1, match form) into *key; with seen (the token
 * meets the exclusion mid-sentence) the key joins the document's names. 0 or TT_ENOMEM. */
int mt_name_key(tt_matcher *m, uint32_t e1, const char *form, size_t n, int seen, uint32_t *key);
/* match_names.c: the name key of a hit (a token of it met a name exclusion of its concept at a sentence start) */
uint32_t mt_hit_name(const tt_matcher *m, const rawhit *h);
/* match_names.c: frees the fields above */
void mt_names_free(tt_matcher *m);

#endif
