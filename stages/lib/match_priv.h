/* match_priv.h - the matcher's state (match.c) shared with the test of one entry part (match_part.c) and with
 * `lexicon check` / `lexicon explain` (lexicon_check.c), which sit above the matcher. Not installed. */
#ifndef TT_MATCH_PRIV_H
#define TT_MATCH_PRIV_H

#include "lexicon_priv.h"
#include "tt/map.h"

#include <string.h>
#if !defined(TT_MATCH_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#endif

/* the type cache is dropped and rebuilt when it grows past this many types */
#define CACHE_MAX_TYPES (1u << 21)
#define CACHE_MAX_WORDS (1u << 29) /* ... or past this many 32-bit words of records */
#define CACHE_HARD_WORDS ((1u << 30) - 64) /* a type name keeps 30 bits of a record's offset: a run past this
                                              many words (between two emptyings) fails with TT_ENOMEM */
#define F_NONWORD 1u
#define F_CASE 2u /* some target's entry has a case condition: sentence() filters this type's list per token */
#define F_EXCL 4u /* an exclusion matched the form (it is an entry that matches: a hyphenated word is not split) */
#define F_NOPARTS 8u /* a hyphenated form none of whose parts any entry matches (set after the first try) */

/* A type's name (tt_matcher_type, and per token of a run): (record offset + 1) << 2 | its state, so that a run
 * sees from the name alone whether a token can take part in a hit without loading the record. */
enum {
    TN_PLAIN = 0,  /* a word without targets that is not split at hyphens (an exclusion matched it) */
    TN_NONWORD = 1, /* F_NONWORD (no targets) */
    TN_SPLIT = 2,  /* a word without targets: a hyphenated token of it is tried part by part (unless F_NOPARTS) */
    TN_HOT = 3,    /* it has targets */
};
#define TN_OFF(name) (((name) >> 2) - 1u)

/* What a target (lx->targets index) is to sentence(), in one small record (its entry's record is large): */
enum { TI_NONE = 0, TI_WORD, TI_FIRST }; /* no hit starts there; a single-word hit; a multiword's first part */
typedef struct mt_tinfo {
    uint32_t entry, concept;
    uint8_t what;   /* TI_* */
    uint8_t script; /* the entry's tt_script */
} mt_tinfo;

/* A token of the run that has hyphen parts some entry matches (resolve_parts): */
typedef struct mt_ptok {
    uint32_t tok;   /* the token */
    uint32_t first; /* the first index into prec of its parts' records */
    uint32_t n;     /* ... and their number */
} mt_ptok;

typedef struct rawhit {
    uint32_t first, last, entry, concept;
    uint32_t part; /* 0, or k: the hit is the k-th hyphen part of token first == last (tt/compound.h) */
} rawhit;

/* The front of the type cache: short match forms (1..FC_MAXLEN bytes) kept as their bytes, direct-mapped, with
 * their type's name: a hit costs neither a hash of the form nor the record's load to compare it. Emptied with
 * the type cache. */
#define FC_BITS 15
#define FC_MAXLEN 16
typedef struct fcent {
    uint64_t a, b; /* the form's bytes (fc_key) */
    uint32_t meta; /* length | lang << 8; 0 = empty */
    uint32_t name;
} fcent;

/* The type cache: (language, match form) -> the resolved list [flags, target...], one record per type in one
 * arena (key, list and its length side by side: a hit reads the slot and one record). A pure memo. */
typedef struct tcache {
    uint64_t *slot; /* 0 = empty, else (hash >> 32) << 32 | (record offset + 1) */
    size_t nslots, nused;
    uint32_t *ar;   /* records: key length, lang, n, v[0..n), key bytes (padded to 4) */
    size_t alen, acap;
    uint64_t epoch; /* how many times it was emptied: a record's offset names it only within its epoch */
    fcent *fc;      /* 1 << FC_BITS entries, or NULL (not allocated yet, or out of memory: not used) */
} tcache;

struct tt_matcher {
    const tt_lexicon *lx;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    struct sb_stemmer *sb[TT_LANG_COUNT];
    tcache cache;   /* (lang, match form) -> [flags, target...] */
    mt_tinfo *ti;   /* per target of the lexicon */
    int plain;      /* TT_MATCH=plain: no front cache (every form the tokenizer did not name is hashed and looked
                       up in the type cache) */
    int pinned;     /* tt_matcher_begin_piece is used: the cache is emptied there only (tt_matcher_type) */
    uint32_t *tnm;  /* per token of the current run: its type's name (TN_*) */
    uint32_t *miss; /* the tokens of the run that neither the tokenizer nor the front cache named, in order;
                       from miss + captok on: the hyphenated tokens that may need their parts */
    uint64_t *th;   /* ... and their tc_hash */
    uint32_t *may;  /* the tokens of the run that may have targets, in order (tt_matcher_run) */
    uint32_t *sst;  /* per sentence of the run: its first token */
    uint8_t *sfl;   /* ... and what the first pass knew of it (tt_matcher_run) */
    size_t nmiss, captok;
    uint32_t kmax1[TT_LANG_COUNT][128]; /* 1 + the longest key of lx->ix per (lang, kind byte); 0 = none */
    tt_script script;
    uint32_t *tmp;
    size_t ntmp, captmp;
    uint32_t *cand; /* case-filtered candidates of the current sentence's tokens, back to back */
    size_t ncand, capcand;
    const uint32_t **cv; /* per token of the sentence: its candidates (the record's list, or a copy in cand) */
    size_t *coff;   /* ... a copy's offset into cand (while cand may still move) */
    uint32_t *cnum, *cflg;
    uint32_t *hl;   /* the tokens of the sentence that have candidates, in order */
    const uint32_t *cur; /* the names of the sentence's tokens (tnm + its first token): cv, cnum and cflg are
                            set only where the name is TN_HOT */
    size_t capc;
    rawhit *hits, *excl;
    size_t nh, caph, nx, capx;
    tt_buf key, why;
    struct tt_smap *shared; /* tt_matcher_share, or NULL */
    /* one sense per document (match_names.c) */
    uint32_t *cname;    /* per token of the sentence: the name key it has at a sentence start, or 0 ... */
    int cname_on;       /* ... when set: else no token of the sentence has one (and cname is not cleared) */
    uint32_t *names;    /* the name keys met mid-sentence since tt_matcher_names_reset */
    size_t nnames, capnames;
    tt_strmap namekeys; /* per document: (name exclusion entry, match form) -> key - 1 */
    tt_buf nkey;
    /* hyphenated compounds */
    uint32_t *prec;     /* record offsets of the parts' types */
    size_t nprec, capprec;
    mt_ptok *ptok;      /* the tokens of the run that have parts, in order */
    size_t nptok, capptok, cptok; /* ... cptok: the next one for sentence() */
};

/* ---- the type cache (match_cache.c; the lookups inline here, for the run's loop) ---- */

static inline uint64_t
tc_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static inline uint64_t
tc_hash(tt_lang lang, const char *s, size_t n)
{
    uint64_t h = ((uint64_t)n << 8 | (uint64_t)(unsigned)lang) * 0x9E3779B97F4A7C15ull, x = 0;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, s + i, 8);
            h = (h ^ x) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 31;
        }
        memcpy(&x, s + n - 8, 8); /* the last 8 bytes, overlapping the previous ones (n is in h) */
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        x = (uint64_t)a | (uint64_t)b << 32;
    } else if (n) {
        x = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
    }
    return tc_mix(h ^ x);
}

/* The record's [n, v...] or NULL. */
static inline const uint32_t *
tc_get(const tcache *c, uint64_t h, tt_lang lang, const char *w, size_t n)
{
    if (!c->nslots)
        return NULL;
    size_t mask = c->nslots - 1;
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint64_t sl = c->slot[i];
        if (!sl)
            return NULL;
        if ((uint32_t)(sl >> 32) != tag)
            continue;
        const uint32_t *r = c->ar + ((uint32_t)sl - 1);
        if (r[0] == n && r[1] == (uint32_t)lang && tt_mem_eq(r + 3 + r[2], w, n))
            return r + 2;
    }
}

/* The name of the type whose record's list is rl = [n, flags, target...] at offset off. */
static inline uint32_t
tc_name(const uint32_t *rl, size_t off)
{
    uint32_t st = rl[0] > 1                  ? TN_HOT
                  : rl[1] & F_NONWORD        ? TN_NONWORD
                  : rl[1] & F_EXCL           ? TN_PLAIN
                                             : TN_SPLIT;
    return (uint32_t)(off + 1) << 2 | st;
}

/* The front cache's index of a key (fc_key). */
static inline size_t
fc_index(uint64_t x, uint64_t y, uint32_t meta)
{
    return (size_t)(((x ^ (y * 0xbf58476d1ce4e5b9ull) ^ meta) * 0x9E3779B97F4A7C15ull) >> (64 - FC_BITS));
}

/* fc_key for a form whose 16 bytes from s are readable (what follows the form does not matter): one masked load,
 * no branch on n, whose values vary at random from token to token (switch: TT_MATCH_PLAIN, or no SSE2). */
static inline size_t
fc_key_padded(tt_lang lang, const char *s, size_t n, uint64_t *a, uint64_t *b, uint32_t *meta)
{
#if !defined(TT_MATCH_PLAIN) && defined(__SSE2__)
    const __m128i idx = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)s),
                              _mm_cmplt_epi8(idx, _mm_set1_epi8((char)n)));
    *a = (uint64_t)_mm_cvtsi128_si64(v);
    *b = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
#else
    unsigned char t[16] = {0};
    memcpy(t, s, n);
    memcpy(a, t, 8);
    memcpy(b, t + 8, 8);
#endif
    *meta = (uint32_t)n | (uint32_t)lang << 8;
    return fc_index(*a, *b, *meta);
}

/* The front cache's key of s[0..n), 1 <= n <= FC_MAXLEN: bytes 0..7 and 8..15, zero past n (with the length, the
 * two words name one form), and length | lang << 8. Returns the entry's index. */
static inline size_t
fc_key(tt_lang lang, const char *s, size_t n, uint64_t *a, uint64_t *b, uint32_t *meta)
{
    char t[16] = {0};
    memcpy(t, s, n);
    return fc_key_padded(lang, t, n, a, b, meta);
}

/* fc_key of the form forms[off..off+n) of a buffer of cap readable bytes: one masked load where 16 bytes from off
 * are readable, else from a copy. */
static inline size_t
fc_key_at(tt_lang lang, const char *forms, size_t cap, size_t off, size_t n, uint64_t *a, uint64_t *b,
          uint32_t *meta)
{
    return off + 16 <= cap ? fc_key_padded(lang, forms + off, n, a, b, meta)
                           : fc_key(lang, forms + off, n, a, b, meta);
}

/* match_cache.c: empties the cache (a new epoch) / frees it */
void mt_tc_clear(tcache *c);
void mt_tc_free(tcache *c);
/* The run's shared map (tt_matcher_share) for type (lang, w[0..n)) with tc_hash h: 1 and m->tmp, m->ntmp and
 * *flags filled from it when it holds the type, 0 when not (or there is no map, or no memory: then resolve);
 * mt_shared_put publishes what lx_collect left in m->tmp (a full map is no error). match_cache.c. */
int mt_shared_get(tt_matcher *m, tt_lang lang, const char *w, size_t n, uint64_t h, uint32_t *flags);
void mt_shared_put(tt_matcher *m, tt_lang lang, const char *w, size_t n, uint64_t h, uint32_t flags);
/* match_cache.c: adds a record (w must not be in the cache); returns its [n, v...] or NULL (out of memory, or
 * past CACHE_HARD_WORDS). */
const uint32_t *mt_tc_add(tcache *c, uint64_t h, tt_lang lang, const char *w, size_t n, uint32_t flags,
                          const uint32_t *v, size_t nv);

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
