/* norm_word.c - the match form of a token (matching.md "Two forms of every text", normalization.md §3-§4):
 * homoglyph repair -> NFKC_Casefold -> the rule set's ICU transliterator, and the cache in front of it.
 *
 * Speed: transliterators are slow (microseconds per call), so each normalizer keeps a bounded cache of recent
 * tokens (key: rule set + language + the token's UTF-16) -> match form. The cache lives in the handle, never in
 * a global, and is a pure memo: results are identical with or without it. ASCII tokens whose rule set cannot
 * change ASCII skip ICU entirely. The tokenizer's tokens of up to 16 units are read in whole 16-unit blocks (no
 * branch on their length: TT_NORM_PAD16); -DTT_NORM_PLAIN leaves these paths out (tests/unit/test_normfast.c). */
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "norm_impl.h"
#include "tt/bigmem.h"
#include "tt/smap.h"
#include "tt/common.h"
#include "tt/norm.h"

/* ---- match form --------------------------------------------------------------------------------------- */

static int
rule_set(tt_lang lang, tt_script script, const UChar *s, int32_t n)
{
    switch (lang) {
    case TT_LANG_EN:
        return RS_EN;
    case TT_LANG_RU:
        return RS_RU;
    case TT_LANG_UZ:
        return RS_UZ;
    case TT_LANG_KK:
        for (int32_t i = 0; i < n; i++)
            if (s[i] >= 0x400 && s[i] <= 0x52F)
                return RS_KK_CYRL;
        switch (script) {
        case TT_SCRIPT_LATN_2017:
            return RS_KK_2017;
        case TT_SCRIPT_LATN_2018:
            return RS_KK_2018;
        default:
            return RS_KK_2021;
        }
    default:
        return RS_OTHER;
    }
}

#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
/* Units 0..15 of s (readable: TT_NORM_PAD16), the lanes from n on zeroed (n <= 16): lo, hi. No branch on n: token
 * lengths vary at random, and a branch on them is mispredicted about every other token. */
static inline void
load16_masked(const void *s, int32_t n, __m128i *lo, __m128i *hi)
{
    const __m128i i0 = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7), i1 = _mm_setr_epi16(8, 9, 10, 11, 12, 13, 14, 15);
    __m128i nn = _mm_set1_epi16((short)n);
    *lo = _mm_and_si128(_mm_loadu_si128((const __m128i *)s), _mm_cmplt_epi16(i0, nn));
    *hi = _mm_and_si128(_mm_loadu_si128((const __m128i *)s + 1), _mm_cmplt_epi16(i1, nn));
}

#endif

/* The cache's hash of s[0..n) (s padded: TT_NORM_PAD16, when n <= 16). Only the cache's spread depends on it. */
static inline uint32_t
hash16(int rs, tt_lang lang, const UChar *s, int32_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)(rs * 31 + (int)lang) << 32 ^ (uint64_t)n, x;
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
    if (n <= 16) { /* the sixteen units masked at once: no branch on the length */
        __m128i lo, hi;
        load16_masked(s, n, &lo, &hi);
        uint64_t w[4] = {(uint64_t)_mm_cvtsi128_si64(lo), (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(lo, lo)),
                         (uint64_t)_mm_cvtsi128_si64(hi), (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(hi, hi))};
        for (int k = 0; k < 4; k++) {
            h = (h ^ w[k]) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 29;
        }
        h ^= h >> 32;
        h *= 0xff51afd7ed558ccdull;
        return (uint32_t)(h >> 32);
    }
#endif
    /* four units a step (the key is at most CACHE_MAXKEY units) */
    int32_t i = 0;
    for (; i + 4 <= n; i += 4) {
        memcpy(&x, s + i, 8);
        h = (h ^ x) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ s[i]) * 0x94d049bb133111ebull;
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdull;
    return (uint32_t)(h >> 32);
}

/* The uncached work: s (already pre-break fixed) -> UTF-8 match form appended to out. */
static int
compute(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, tt_buf *out,
        unsigned *flags, tt_error *err)
{
    nz->ncomputed++;
    unsigned fl = 0;
    if (nz_ensure(&nz->b, &nz->bcap, n + 1))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    memcpy(nz->b, s, sizeof(UChar) * (size_t)n);
    UChar *w = nz->b;
    int ascii = 1;
    for (int32_t i = 0; i < n && ascii; i++)
        ascii = w[i] < 0x80;
    if (!ascii)
        fl = nz_homoglyph_repair(nz, lang, w, n);
    int rs = rule_set(lang, script, w, n);
    int32_t m;
    if (ascii) {
        if (nz_ensure(&nz->c, &nz->ccap, n + 1))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        for (int32_t i = 0; i < n; i++)
            nz->c[i] = (UChar)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
        m = n;
    } else {
        UErrorCode st = U_ZERO_ERROR;
        if (nz_ensure(&nz->c, &nz->ccap, 2 * n + 16))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m = unorm2_normalize(nz->nfkccf, w, n, nz->c, nz->ccap, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            st = U_ZERO_ERROR;
            if (nz_ensure(&nz->c, &nz->ccap, m + 16))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            m = unorm2_normalize(nz->nfkccf, w, n, nz->c, nz->ccap, &st);
        }
        if (U_FAILURE(st))
            return tt_error_set(err, TT_EICU, "NFKC_Casefold: %s", u_errorName(st));
    }
    if (!(ascii && nz->ascii_safe[rs]) && m > 0) {
        int rc = nz_translit(nz, rs, &m, err);
        if (rc)
            return rc;
    }
    if (flags)
        *flags = fl;
    return nz_append8(out, nz->c, m, err);
}

static int word16_cached(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, int rs,
                         uint32_t h, tt_buf *out, unsigned *flags, tt_error *err);

/* tt_norm_key16's key of an ASCII token the rules cannot change (bit 63 clear: not a cache key) */
#define KEY_ASCII ((uint64_t)1)

/* 1 if every unit of s[0..n) is ASCII (s padded when n <= 16: TT_NORM_PAD16). With SSE2, a token of up to 16 units
 * in one masked block (no branch on its length), a longer one eight units at a time, the last block overlapping
 * the one before (switch: -DTT_NORM_PLAIN, one unit at a time). */
static inline int
all_ascii16(const UChar *s, int32_t n)
{
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
    __m128i acc, lo, hi;
    if (n <= 16) {
        load16_masked(s, n, &lo, &hi);
        acc = _mm_or_si128(lo, hi);
    } else {
        acc = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 8));
        for (int32_t i = 0; i + 8 <= n; i += 8)
            acc = _mm_or_si128(acc, _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
    }
    __m128i big = _mm_and_si128(acc, _mm_set1_epi16((short)0xFF80));
    return _mm_movemask_epi8(_mm_cmpeq_epi16(big, _mm_setzero_si128())) == 0xFFFF;
#else
    for (int32_t k = 0; k < n; k++)
        if (s[k] >= 0x80)
            return 0;
    return 1;
#endif
}

#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
/* the lowercase of sixteen ASCII bytes */
static inline __m128i
lower8x16(__m128i b)
{
    __m128i up = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(b, _mm_set1_epi8('Z' + 1)));
    return _mm_add_epi8(b, _mm_and_si128(up, _mm_set1_epi8(0x20)));
}
#endif

/* d[0..n) = the lowercase of the ASCII units s[0..n) (same switch and blocks as all_ascii16; d has room for 16
 * bytes when n <= 16). */
static inline void
lower_ascii16(const UChar *s, int32_t n, char *d)
{
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
    if (n <= 16) {
        __m128i lo, hi;
        load16_masked(s, n, &lo, &hi);
        _mm_storeu_si128((__m128i *)(void *)d, lower8x16(_mm_packus_epi16(lo, hi)));
        return;
    }
    for (int32_t i = 0;; i += 8) {
        if (i + 8 > n)
            i = n - 8; /* the last block overlaps the one before: the same bytes again */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storel_epi64((__m128i *)(void *)(d + i), lower8x16(_mm_packus_epi16(v, v)));
        if (i + 8 >= n)
            return;
    }
#else
    for (int32_t k = 0; k < n; k++)
        d[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
#endif
}

/* The match form of an ASCII token the rules of its language cannot change: its lowercase (s padded when
 * n <= 16). */
static inline __attribute__((always_inline)) int
ascii_lower(const UChar *s, int32_t n, tt_buf *out, unsigned *flags, tt_error *err)
{
    if (out->len + (size_t)n + 16 >= out->cap && tt_buf_reserve(out, (size_t)n + 16))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    lower_ascii16(s, n, out->data + out->len);
    out->len += (size_t)n;
    out->data[out->len] = 0;
    if (flags)
        *flags = 0;
    return 0;
}

/* Empties the match-form cache: a new generation invalidates every slot (all are cleared when it wraps). */
static void
cache_empty(tt_normalizer *nz)
{
    nz->cache_gen++;
    if (nz->cache_gen == 0) {
        memset(nz->slots, 0, sizeof(centry) * nz->nslots);
        nz->cache_gen = 1;
    }
    nz->cache_used = 0;
    nz->arena_len = 0;
}

uint64_t
tt_norm_computed(const tt_normalizer *nz)
{
    return nz->ncomputed;
}

uint32_t *
tt_norm_last_memo(tt_normalizer *nz)
{
    return nz->last_memo;
}

void
tt_norm_memo_bind(tt_normalizer *nz, const void *owner, uint64_t epoch)
{
    if (owner == nz->memo_owner && epoch == nz->memo_epoch)
        return;
    /* another type cache, or the same emptied: the names kept are void; a new generation drops every entry */
    nz->memo_owner = owner;
    nz->memo_epoch = epoch;
    cache_empty(nz);
    nz->last_memo = NULL;
}

uint64_t
tt_norm_key16(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n)
{
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_OTHER;
    if (n <= 0 || n > CACHE_MAXKEY)
        return 0;
    int ascii = all_ascii16(s, n);
    int rs = rule_set(lang, script, s, ascii ? 0 : n); /* an ASCII token has no Cyrillic unit to look for */
    if (ascii && nz->ascii_safe[rs])
        return KEY_ASCII; /* an ASCII token the rules cannot change: no cache */
    uint32_t h = hash16(rs, lang, s, n);
    __builtin_prefetch(&nz->slots[h & (nz->nslots - 1)]);
    return (uint64_t)1 << 63 | (uint64_t)rs << 32 | h;
}

void
tt_norm_prefetch_key(tt_normalizer *nz, uint64_t key)
{
    if (!(key >> 63))
        return; /* not a cache key */
    uint32_t h = (uint32_t)key;
    const centry *e = &nz->slots[h & (nz->nslots - 1)];
    if (e->gen == nz->cache_gen && e->hash == h)
        __builtin_prefetch(nz->arena + e->off);
}

int
tt_norm_word16k(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, uint64_t key,
                tt_buf *out, unsigned *flags, tt_error *err)
{
    nz->last_memo = NULL;
    if (key == KEY_ASCII)
        return ascii_lower(s, n, out, flags, err);
    if (!(key >> 63))
        return tt_norm_word16(nz, lang, script, s, n, out, flags, err);
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_OTHER;
    return word16_cached(nz, lang, script, s, n, (int)(key >> 32 & 0xFF), (uint32_t)key, out, flags, err);
}

int
tt_norm_word16(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, tt_buf *out,
               unsigned *flags, tt_error *err)
{
    nz->last_memo = NULL;
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_OTHER;
    if (n > CACHE_MAXKEY)
        return compute(nz, lang, script, s, n, out, flags, err);
    UChar pad[16 + TT_NORM_PAD16] = {0}; /* a short token is read in 16-unit blocks: a padded copy */
    if (n <= 16) {
        memcpy(pad, s, sizeof(UChar) * (size_t)n);
        s = pad;
    }
    int rs = rule_set(lang, script, s, n);
    if (nz->ascii_safe[rs] && all_ascii16(s, n))
        return ascii_lower(s, n, out, flags, err); /* ASCII token the rules cannot change: its lowercase */
    return word16_cached(nz, lang, script, s, n, rs, hash16(rs, lang, s, n), out, flags, err);
}

/* 1 if the key k (UTF-16 in the arena, any alignment) equals s[0..n) (s padded when n <= 16). */
static inline int
key_eq(const char *k, const UChar *s, int32_t n)
{
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
    if (n <= 16) { /* both masked to n units: no branch on the length */
        __m128i a0, a1, b0, b1;
        load16_masked(k, n, &a0, &a1);
        load16_masked(s, n, &b0, &b1);
        return _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi16(a0, b0), _mm_cmpeq_epi16(a1, b1))) == 0xFFFF;
    }
#endif
    return tt_mem_eq(k, s, sizeof(UChar) * (size_t)n);
}

/* d[0..n) = v[0..n); 16 bytes at once when n <= 16 (d has room for 16, v is readable for 16: the arena's slack) */
static inline void
copy_value(char *d, const char *v, size_t n)
{
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
    if (n <= 16) {
        _mm_storeu_si128((__m128i *)(void *)d, _mm_loadu_si128((const __m128i *)(const void *)v));
        return;
    }
#endif
    memcpy(d, v, n);
}

/* The table doubled: the entries of this generation (their memos too) rehashed into it. 0, or -1 when out of
 * memory (the table is then left as it was). */
static int
cache_grow(tt_normalizer *nz)
{
    uint32_t nn = nz->nslots * 2, mask = nn - 1;
    centry *ns = tt_big_alloc(nn * sizeof *ns);
    if (!ns)
        return -1;
    for (uint32_t k = 0; k < nz->nslots; k++) {
        const centry *e = &nz->slots[k];
        if (e->gen != nz->cache_gen)
            continue;
        uint32_t i = e->hash & mask;
        while (ns[i].gen == nz->cache_gen)
            i = (i + 1) & mask;
        ns[i] = *e;
    }
    tt_big_free(nz->slots, nz->nslots * sizeof *nz->slots);
    nz->slots = ns;
    nz->nslots = nn;
    return 0;
}

/* The arena grown to hold need more bytes (doubling, at most CACHE_ARENA). 0, or -1 when it cannot grow. */
static int
arena_grow(tt_normalizer *nz, size_t need)
{
    size_t cap = nz->arena_cap;
    while (cap < nz->arena_len + need && cap < CACHE_ARENA)
        cap *= 2;
    if (cap > CACHE_ARENA || nz->arena_len + need > cap)
        return -1;
    char *na = tt_big_realloc(nz->arena, nz->arena_cap + CACHE_ARENA_PAD, cap + CACHE_ARENA_PAD);
    if (!na)
        return -1;
    nz->arena = na;
    nz->arena_cap = (uint32_t)cap;
    return 0;
}

/* tt_norm_word16 past its fast paths: the cache lookup of s (rule set rs, hash16 h), else compute and insert. */
static int
word16_cached(tt_normalizer *nz, tt_lang lang, tt_script script, const UChar *s, int32_t n, int rs, uint32_t h,
              tt_buf *out, unsigned *flags, tt_error *err)
{
    uint32_t mask = nz->nslots - 1;
    uint32_t i = h & mask;
    for (;; i = (i + 1) & mask) {
        centry *e = &nz->slots[i];
        if (e->gen != nz->cache_gen)
            break;
        if (e->hash == h && e->klen == (uint16_t)n && e->rs == rs && e->lang == (uint8_t)lang &&
            key_eq(nz->arena + e->off, s, n)) {
            if (flags)
                *flags = e->flags;
            if (out->len + e->vlen + 16 >= out->cap && tt_buf_reserve(out, (size_t)e->vlen + 16))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            copy_value(out->data + out->len, nz->arena + e->off + sizeof(UChar) * (size_t)n, e->vlen);
            out->len += e->vlen;
            out->data[out->len] = 0;
            nz->last_memo = &e->memo;
            return 0;
        }
    }
    size_t before = out->len;
    unsigned fl = 0;
    /* the run's shared map: the key is the rule set, the language and the units; the value the flags and the form */
    uint8_t skey[2 + sizeof(UChar) * CACHE_MAXKEY];
    uint32_t sk = 0, svn = 0;
    const uint8_t *sv = NULL;
    if (nz->shared) {
        skey[0] = (uint8_t)rs;
        skey[1] = (uint8_t)lang;
        memcpy(skey + 2, s, sizeof(UChar) * (size_t)n);
        sk = 2 + (uint32_t)(sizeof(UChar) * (size_t)n);
        sv = tt_smap_get(nz->shared, h, skey, sk, &svn);
    }
    if (sv && svn >= 1) {
        fl = sv[0];
        if (tt_buf_append(out, sv + 1, svn - 1))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    } else {
        int rc = compute(nz, lang, script, s, n, out, &fl, err);
        if (rc)
            return rc;
        uint8_t f8 = (uint8_t)fl;
        if (nz->shared && out->len - before < UINT16_MAX) /* a full map is no error: computed next time */
            (void)tt_smap_put(nz->shared, h, skey, sk, &f8, 1, out->data + before, (uint32_t)(out->len - before));
    }
    if (flags)
        *flags = fl;
    size_t vlen = out->len - before;
    size_t need = sizeof(UChar) * (size_t)n + vlen;
    if (vlen > UINT16_MAX)
        return 0;
    int full = 0, grown = 0;
    if (nz->arena_len + need > nz->arena_cap && arena_grow(nz, need) != 0)
        full = 1; /* CACHE_ARENA reached (or no memory): empty */
    if (!full && nz->cache_used + 1 > nz->nslots / 2) { /* half full: double it, or empty it at CACHE_SLOTS */
        grown = nz->nslots < CACHE_SLOTS && cache_grow(nz) == 0;
        full = !grown;
    }
    if (full)
        cache_empty(nz);
    if (full || grown) { /* the free slot found above is in another table, or another generation */
        mask = nz->nslots - 1;
        for (i = h & mask; nz->slots[i].gen == nz->cache_gen; i = (i + 1) & mask)
            ;
    }
    centry *e = &nz->slots[i];
    e->gen = nz->cache_gen;
    e->hash = h;
    e->off = nz->arena_len;
    e->klen = (uint16_t)n;
    e->vlen = (uint16_t)vlen;
    e->flags = (uint8_t)fl;
    e->rs = (uint8_t)rs;
    e->lang = (uint8_t)lang;
    e->memo = 0;
    nz->last_memo = &e->memo;
    memcpy(nz->arena + nz->arena_len, s, sizeof(UChar) * (size_t)n);
    memcpy(nz->arena + nz->arena_len + sizeof(UChar) * (size_t)n, out->data + before, vlen);
    nz->arena_len += (uint32_t)need;
    nz->cache_used++;
    return 0;
}

void
tt_norm_share(tt_normalizer *nz, struct tt_smap *shared)
{
    nz->shared = shared;
}

int
tt_norm_word(tt_normalizer *nz, tt_lang lang, tt_script script, const char *s, size_t n, tt_buf *out,
             unsigned *flags, tt_error *err)
{
    if (flags)
        *flags = 0;
    if ((unsigned)lang >= TT_LANG_COUNT)
        lang = TT_LANG_OTHER;
    if (lang == TT_LANG_KK && script != TT_SCRIPT_CYRL && script != TT_SCRIPT_LATN_2017 &&
        script != TT_SCRIPT_LATN_2018 && script != TT_SCRIPT_LATN_2021)
        script = tt_norm_detect_script(nz, lang, s, n, NULL);
    int32_t len = nz_to16(nz, s, n, err);
    if (len < 0)
        return len;
    tt_norm_prebreak16(lang, script, nz->a, len);
    /* word16 uses b and c as scratch, and a only as input: hand it a so the cache key is stable */
    return tt_norm_word16(nz, lang, script, nz->a, len, out, flags, err);
}
