/* match_priv.h - the matcher's state (match.c) shared with the test of one entry part (match_part.c) and with
 * `lexicon check` / `lexicon explain` (lexicon_check.c), which sit above the matcher. Not installed. */
#ifndef TT_MATCH_PRIV_H
#define TT_MATCH_PRIV_H

#include "lexicon_priv.h"

/* the type cache is dropped and rebuilt when it grows past this many types */
#define CACHE_MAX_TYPES (1u << 21)
#define CACHE_MAX_WORDS (1u << 30) /* ... or past this many 32-bit words of records */
#define F_NONWORD 1u
#define F_CASE 2u /* some target's entry has a case condition: sentence() filters this type's list per token */

typedef struct rawhit {
    uint32_t first, last, entry, concept;
} rawhit;

/* The type cache: (language, match form) -> the resolved list [flags, target...], one record per type in one
 * arena (key, list and its length side by side: a hit reads the slot and one record). A pure memo. */
typedef struct tcache {
    uint64_t *slot; /* 0 = empty, else (hash >> 32) << 32 | (record offset + 1) */
    size_t nslots, nused;
    uint32_t *ar;   /* records: key length, lang, n, v[0..n), key bytes (padded to 4) */
    size_t alen, acap;
} tcache;

struct tt_matcher {
    const tt_lexicon *lx;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    struct sb_stemmer *sb[TT_LANG_COUNT];
    tcache cache;   /* (lang, match form) -> [flags, target...] */
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
};

/* match.c: the targets (lx->targets indices) whose entry part matches the type w[0..n) of lang, into
 * m->tmp[0..m->ntmp) (raw: without exclusions and case filtering, for explain); *flags gets F_*. 0 or TT_E*. */
int lx_collect(tt_matcher *m, tt_lang lang, const char *w, size_t n, int raw, uint32_t *flags, tt_error *err);

/* match_part.c: 1 if entry part p matches the word w[0..n) of lang, 0 if not, or TT_E*; why (may be NULL)
 * gets the reason ("lemma X + suffixes ..."). */
int lx_part_matches(tt_matcher *m, const tt_lexicon *lx, const lx_part *p, tt_lang lang, const char *w,
                    size_t n, tt_buf *why, tt_error *err);

#endif
