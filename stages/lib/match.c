/* match.c - the matcher: per distinct match form (a type cache), which entry parts match it, found through the
 * lexicon's literal-key index (lemma cores, Snowball stems, exact forms, glob and regex literal prefixes) so
 * that the cost does not grow with the lexicon; then per sentence: single-word hits, multiword hits (gaps
 * count word tokens, non-word tokens are skipped), exclusions, and leftmost-longest overlap resolution. The
 * test of one entry part against one word is match_part.c; `lexicon explain` / `lexicon check` (lexicon_check.c)
 * sit above the matcher through match_priv.h. */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>

#include "match_priv.h"
#include "tt/compound.h"
#include "tt/utf8.h"


static uint64_t
tc_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static uint64_t
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
static const uint32_t *
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

static void
tc_clear(tcache *c)
{
    if (c->slot)
        memset(c->slot, 0, c->nslots * sizeof *c->slot);
    c->nused = 0;
    c->alen = 0;
    c->epoch++;
}

static void
tc_free(tcache *c)
{
    free(c->slot);
    free(c->ar);
    memset(c, 0, sizeof *c);
}

static void
tc_put(tcache *c, uint64_t h, size_t off)
{
    size_t mask = c->nslots - 1, i = (size_t)h & mask;
    while (c->slot[i])
        i = (i + 1) & mask;
    c->slot[i] = (h >> 32) << 32 | (uint64_t)(off + 1);
    c->nused++;
}

/* Adds a record (w must not be in the cache); returns its [n, v...] or NULL (out of memory). */
static const uint32_t *
tc_add(tcache *c, uint64_t h, tt_lang lang, const char *w, size_t n, uint32_t flags, const uint32_t *v,
       size_t nv)
{
    if (n > UINT32_MAX - 8 || nv > UINT32_MAX - 8)
        return NULL;
    size_t words = 4 + nv + (n + 3) / 4;
    if (c->alen + words >= UINT32_MAX)
        return NULL; /* offsets are 32-bit: the caller empties the cache between runs */
    if ((c->nused + 1) * 2 > c->nslots) {
        size_t nn = c->nslots ? c->nslots * 2 : 4096;
        uint64_t *ns = calloc(nn, sizeof *ns);
        if (!ns)
            return NULL;
        uint64_t *old = c->slot;
        size_t on = c->nslots;
        c->slot = ns;
        c->nslots = nn;
        c->nused = 0;
        for (size_t i = 0; i < on; i++)
            if (old[i]) {
                const uint32_t *r = c->ar + ((uint32_t)old[i] - 1);
                tc_put(c, tc_hash((tt_lang)r[1], (const char *)(r + 3 + r[2]), r[0]), (uint32_t)old[i] - 1);
            }
        free(old);
    }
    if (c->alen + words > c->acap) {
        size_t nc = c->acap ? c->acap : 65536;
        while (nc < c->alen + words)
            nc *= 2;
        uint32_t *na = realloc(c->ar, nc * sizeof *na);
        if (!na)
            return NULL;
        c->ar = na;
        c->acap = nc;
    }
    uint32_t *r = c->ar + c->alen;
    r[0] = (uint32_t)n;
    r[1] = (uint32_t)lang;
    r[2] = (uint32_t)nv + 1;
    r[3] = flags;
    if (nv)
        memcpy(r + 4, v, nv * sizeof *v);
    if (n)
        r[3 + r[2] + (n + 3) / 4 - 1] = 0; /* padding bytes of the key */
    memcpy(r + 3 + r[2], w, n);
    tc_put(c, h, c->alen);
    c->alen += words;
    return r + 2;
}


int
tt_matcher_new(tt_matcher **out, const tt_lexicon *lx, tt_error *err)
{
    *out = NULL;
    tt_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    m->lx = lx;
    /* the epoch starts at this instant (ns), so that a matcher made later at a freed one's address never
       shows the same (address, epoch) pair to a tokenizer that kept names of the other's records */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    m->cache.epoch = ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) << 16;
    m->md = pcre2_match_data_create(1, NULL);
    m->mc = pcre2_match_context_create(NULL);
    m->js = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
    if (!m->md || !m->mc) {
        tt_matcher_free(m);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    pcre2_set_match_limit(m->mc, (uint32_t)(lx->opts.match_limit > UINT32_MAX ? UINT32_MAX : lx->opts.match_limit));
    pcre2_set_depth_limit(m->mc, lx->opts.depth_limit);
    if (m->js)
        pcre2_jit_stack_assign(m->mc, NULL, m->js);
    /* the longest index key per (language, kind): lookups of longer prefixes are skipped */
    for (size_t i = 0; i < lx->ix.keys.n; i++) {
        size_t kn;
        const char *k = tt_strmap_key(&lx->ix.keys, i, &kn);
        int l = k[0] - '0';
        if (kn < 2 || l < 0 || l >= TT_LANG_COUNT)
            continue;
        uint32_t *mx = &m->kmax1[l][(unsigned char)k[1] & 127];
        if (kn - 1 > *mx)
            *mx = (uint32_t)(kn - 1);
    }
    for (int l = 0; l < TT_LANG_COUNT; l++) {
        const char *alg = lx->gram[l] ? lx_grammar_snowball(lx->gram[l]) : NULL;
        if (alg && !(m->sb[l] = sb_stemmer_new(alg, "UTF_8"))) {
            tt_matcher_free(m);
            return tt_error_set(err, TT_ENOMEM, "cannot create the %s stemmer", alg);
        }
    }
    *out = m;
    return 0;
}

void
tt_matcher_free(tt_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->js);
    for (int l = 0; l < TT_LANG_COUNT; l++)
        if (m->sb[l])
            sb_stemmer_delete(m->sb[l]);
    tc_free(&m->cache);
    free(m->toff);
    free(m->th);
    free(m->tmp);
    free(m->cand);
    free(m->coff);
    free(m->cnum);
    free(m->cflg);
    free(m->hits);
    free(m->excl);
    tt_buf_free(&m->key);
    tt_buf_free(&m->why);
    mt_names_free(m);
    free(m->pidx);
    free(m->pcnt);
    free(m->hot);
    free(m->prec);
    free(m->ptok);
    free(m);
}

void
tt_matcher_set_script(tt_matcher *m, tt_script script)
{
    m->script = script;
}

/* ---- type resolution ---- */
static int
push_tmp(tt_matcher *m, uint32_t v)
{
    if (m->ntmp == m->captmp) {
        size_t nc = m->captmp ? m->captmp * 2 : 64;
        uint32_t *nt = realloc(m->tmp, nc * sizeof *nt);
        if (!nt)
            return TT_ENOMEM;
        m->tmp = nt;
        m->captmp = nc;
    }
    m->tmp[m->ntmp++] = v;
    return 0;
}

static const struct lx_list *
lookup(tt_matcher *m, tt_lang lang, char kind, const char *s, size_t n)
{
    if ((unsigned)lang < TT_LANG_COUNT && n + 1 > m->kmax1[lang][(unsigned char)kind & 127])
        return NULL; /* no key of this language and kind is that long */
    char kb[256];
    if (n + 2 <= sizeof kb) {
        kb[0] = (char)('0' + lang);
        kb[1] = kind;
        memcpy(kb + 2, s, n);
        return lx_index_get(&m->lx->ix, kb, n + 2);
    }
    tt_buf_reset(&m->key);
    if (tt_buf_putc(&m->key, (char)('0' + lang)) || tt_buf_putc(&m->key, kind) || tt_buf_append(&m->key, s, n))
        return NULL;
    return lx_index_get(&m->lx->ix, m->key.data, m->key.len);
}

static int
try_list(tt_matcher *m, tt_lang lang, const struct lx_list *l, const char *w, size_t n, tt_error *err)
{
    for (uint32_t i = 0; l && i < l->n; i++) {
        const lx_target *t = &m->lx->targets[l->v[i]];
        const lx_part *p = &m->lx->entries[t->entry].parts[t->part];
        int ok = lx_part_matches(m, m->lx, p, lang, w, n, NULL, err);
        if (ok < 0)
            return ok;
        if (ok && push_tmp(m, l->v[i]))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    return 0;
}

static int
cmpu32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int
is_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = tt_utf8_step(w, n, &i);
        if (u_isalnum((UChar32)c))
            return 1;
    }
    return 0;
}

/* Fills m->tmp with the targets matching w (sorted, unique). raw: keep exclusions and what they exclude. */
int
lx_collect(tt_matcher *m, tt_lang lang, const char *w, size_t n, int raw, uint32_t *flags, tt_error *err)
{
    const tt_lexicon *lx = m->lx;
    m->ntmp = 0;
    *flags = 0;
    if (!is_word(w, n)) {
        *flags = F_NONWORD;
        return 0;
    }
    if (lang <= TT_LANG_OTHER || lang >= TT_LANG_COUNT)
        return 0;
    int rc = 0;
    const struct lx_list *l = lookup(m, lang, 'x', w, n);
    for (uint32_t i = 0; l && i < l->n; i++)
        if (push_tmp(m, l->v[i]))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
    const lx_grammar *g = lx->gram[lang];
    if (g && lx_grammar_method(g) == LX_METHOD_SNOWBALL && m->sb[lang]) {
        const sb_symbol *st = sb_stemmer_stem(m->sb[lang], (const sb_symbol *)w, (int)n);
        if (!st)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        size_t sl = (size_t)sb_stemmer_length(m->sb[lang]);
        char stem[256];
        if (sl < sizeof stem) {
            memcpy(stem, st, sl);
            if ((rc = try_list(m, lang, lookup(m, lang, 's', stem, sl), w, n, err)))
                return rc;
        }
    } else if (g) {
        /* every prefix w[0..k) at a code point boundary; the key's hash grows with the prefix */
        uint32_t mx = m->kmax1[lang]['c'];
        uint64_t h = lx_hash_step(lx_hash_step(LX_HASH_INIT, (unsigned char)('0' + lang)), 'c');
        char kb[258];
        kb[0] = (char)('0' + lang);
        kb[1] = 'c';
        memcpy(kb + 2, w, n < sizeof kb - 2 ? n : sizeof kb - 2);
        for (size_t k = 0, k0; k < n && k + 1 <= mx;) {
            const struct lx_list *lc = k + 2 <= sizeof kb ? lx_index_get_h(&lx->ix, lx_hash_end(h), kb, k + 2)
                                                          : lookup(m, lang, 'c', w, k);
            if ((rc = try_list(m, lang, lc, w, n, err)))
                return rc;
            k0 = k;
            tt_utf8_step(w, n, &k);
            for (; k0 < k; k0++)
                h = lx_hash_step(h, (unsigned char)w[k0]);
        }
    }
    {
        uint32_t mg = m->kmax1[lang]['g'], mr = m->kmax1[lang]['r'];
        uint64_t hg = lx_hash_step(lx_hash_step(LX_HASH_INIT, (unsigned char)('0' + lang)), 'g');
        uint64_t hr = lx_hash_step(lx_hash_step(LX_HASH_INIT, (unsigned char)('0' + lang)), 'r');
        char kb[258];
        kb[0] = (char)('0' + lang);
        memcpy(kb + 2, w, n < sizeof kb - 2 ? n : sizeof kb - 2);
        for (size_t k = 0, k0; k < n;) {
            k0 = k;
            tt_utf8_step(w, n, &k);
            for (; k0 < k; k0++) {
                hg = lx_hash_step(hg, (unsigned char)w[k0]);
                hr = lx_hash_step(hr, (unsigned char)w[k0]);
            }
            if (k + 1 > mg && k + 1 > mr)
                break; /* no literal prefix of a glob or regex is this long */
            const struct lx_list *lg, *lr;
            if (k + 2 <= sizeof kb) {
                kb[1] = 'g';
                lg = k + 1 <= mg ? lx_index_get_h(&lx->ix, lx_hash_end(hg), kb, k + 2) : NULL;
                if ((rc = try_list(m, lang, lg, w, n, err)))
                    return rc;
                kb[1] = 'r';
                lr = k + 1 <= mr ? lx_index_get_h(&lx->ix, lx_hash_end(hr), kb, k + 2) : NULL;
                if ((rc = try_list(m, lang, lr, w, n, err)))
                    return rc;
            } else if ((rc = try_list(m, lang, lookup(m, lang, 'g', w, k), w, n, err)) ||
                       (rc = try_list(m, lang, lookup(m, lang, 'r', w, k), w, n, err))) {
                return rc;
            }
        }
    }
    struct lx_list any = {lx->any_glob[lang], (uint32_t)lx->nany_glob[lang], 0};
    if ((rc = try_list(m, lang, &any, w, n, err)))
        return rc;
    if (m->ntmp > 1) {
        qsort(m->tmp, m->ntmp, sizeof *m->tmp, cmpu32);
        size_t k = 1;
        for (size_t i = 1; i < m->ntmp; i++)
            if (m->tmp[i] != m->tmp[k - 1])
                m->tmp[k++] = m->tmp[i];
        m->ntmp = k;
    }
    if (raw)
        return 0;
    /* single-word exclusions remove their concept's candidates for this form; one with a case condition
       (case=) cannot act here, where the case is unknown: it stays in the list, the type is flagged F_CASE,
       and sentence() applies it per token, as it does the case condition of any other entry */
    uint32_t exc[64];
    size_t nexc = 0;
    int overflow = 0;
    for (size_t i = 0; i < m->ntmp; i++) {
        const lx_entry *e = &lx->entries[lx->targets[m->tmp[i]].entry];
        if (e->exclude && e->nparts == 1 && !e->ccase) {
            if (nexc < 64)
                exc[nexc++] = e->concept;
            else
                overflow = 1;
        }
    }
    if (nexc || overflow)
        *flags |= F_EXCL;
    size_t k = 0;
    for (size_t i = 0; i < m->ntmp; i++) {
        const lx_entry *e = &lx->entries[lx->targets[m->tmp[i]].entry];
        int drop = e->exclude && e->nparts == 1 && !e->ccase;
        for (size_t x = 0; !drop && x < nexc; x++)
            drop = exc[x] == e->concept;
        if (!drop && overflow) /* more than 64 excluded concepts on one form: look them all up */
            for (size_t j = 0; !drop && j < m->ntmp; j++) {
                const lx_entry *o = &lx->entries[lx->targets[m->tmp[j]].entry];
                drop = o->exclude && o->nparts == 1 && !o->ccase && o->concept == e->concept;
            }
        if (!drop) {
            m->tmp[k++] = m->tmp[i];
            if (e->ccase)
                *flags |= F_CASE;
        }
    }
    m->ntmp = k;
    return 0;
}

/* Whether the token (flags TT_TOK_*) meets a case condition LX_CASE_*. */
static int
case_ok(int ccase, uint32_t tflags)
{
    int proper = (tflags & (TT_TOK_CAPITAL | TT_TOK_SENT_START)) == TT_TOK_CAPITAL;
    switch (ccase) {
    case LX_CASE_PROPER:
        return proper;
    case LX_CASE_LOWER:
        return !proper;
    case LX_CASE_CAPITAL:
        return (tflags & TT_TOK_CAPITAL) != 0;
    default:
        return 1;
    }
}

/* Applies the case conditions of the n candidates v[] (sorted targets) of one token with flags tflags, in
 * place: a conditional entry whose condition fails drops its target (for a multiword, its first part only:
 * the condition is on the first token); a single-word exclusion whose condition holds removes its concept's
 * candidates, as lx_collect() does for unconditional ones. Returns the new count; order is kept. */
static uint32_t
case_filter(const tt_lexicon *lx, uint32_t *v, uint32_t n, uint32_t tflags, uint32_t *seen, uint32_t *cand)
{
    uint32_t exc[16], nexc = 0, k = 0;
    int overflow = 0;
    *seen = *cand = 0;
    for (uint32_t i = 0; i < n; i++) {
        const lx_target *t = &lx->targets[v[i]];
        const lx_entry *e = &lx->entries[t->entry];
        if (!e->ccase)
            continue;
        /* one sense per document: a name exclusion met mid-sentence (seen), or at a sentence start by a
           capitalised token, where it decides only if the document uses the name elsewhere (cand) */
        if (e->ccase == LX_CASE_PROPER && e->exclude && e->nparts == 1) {
            if (case_ok(e->ccase, tflags))
                *seen = t->entry + 1;
            else if ((tflags & (TT_TOK_CAPITAL | TT_TOK_SENT_START)) == (TT_TOK_CAPITAL | TT_TOK_SENT_START))
                *cand = t->entry + 1;
        }
        if (!case_ok(e->ccase, tflags)) {
            if (e->nparts == 1 || t->part == 0)
                v[i] = UINT32_MAX; /* condition fails: drop this target */
        } else if (e->exclude && e->nparts == 1) {
            if (nexc < 16)
                exc[nexc++] = e->concept;
            else
                overflow = 1;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        if (v[i] == UINT32_MAX)
            continue;
        const lx_target *t = &lx->targets[v[i]];
        const lx_entry *e = &lx->entries[t->entry];
        int drop = 0;
        for (uint32_t x = 0; !drop && x < nexc; x++)
            drop = exc[x] == e->concept;
        for (uint32_t j = 0; !drop && overflow && j < n; j++) {
            if (v[j] == UINT32_MAX)
                continue;
            const lx_entry *o = &lx->entries[lx->targets[v[j]].entry];
            drop = o->exclude && o->nparts == 1 && o->ccase && o->concept == e->concept;
        }
        if (!drop)
            v[k++] = v[i];
    }
    return k;
}

/* The cached candidate list of a type: *out = [n, flags, target...] (n counts the flags and the targets),
 * borrowed until the next resolve. */
static int
resolve(tt_matcher *m, tt_lang lang, const char *w, size_t n, const uint32_t **out, tt_error *err)
{
    uint64_t h = tc_hash(lang, w, n);
    const uint32_t *l = tc_get(&m->cache, h, lang, w, n);
    if (l) {
        *out = l;
        return 0;
    }
    uint32_t flags;
    int rc = lx_collect(m, lang, w, n, 0, &flags, err);
    if (rc)
        return rc;
    if (!m->pinned && (m->cache.nused >= CACHE_MAX_TYPES || m->cache.alen > CACHE_MAX_WORDS))
        tc_clear(&m->cache);
    if (!(*out = tc_add(&m->cache, h, lang, w, n, flags, m->tmp, m->ntmp)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

uint64_t
tt_matcher_begin_piece(void *matcher)
{
    tt_matcher *m = matcher;
    m->pinned = 1;
    if (m->cache.nused >= CACHE_MAX_TYPES || m->cache.alen > CACHE_MAX_WORDS)
        tc_clear(&m->cache);
    return m->cache.epoch;
}

uint32_t
tt_matcher_type(void *matcher, tt_lang lang, const char *match, size_t n, tt_error *err)
{
    tt_matcher *m = matcher;
    const uint32_t *l;
    if (!m->pinned || (unsigned)lang >= TT_LANG_COUNT || resolve(m, lang, match, n, &l, err))
        return 0;
    return (uint32_t)(l - 2 - m->cache.ar) + 1;
}

int
tt_matcher_known(void *matcher, tt_lang lang, const char *match, size_t n)
{
    tt_matcher *m = matcher;
    const uint32_t *l;
    tt_error e;
    tt_error_clear(&e);
    if (!m || resolve(m, lang, match, n, &l, &e))
        return 0;
    return l[0] > 1;
}

/* ---- running over a token sequence ---- */
static int
script_ok(tt_script entry, tt_script doc)
{
    if (entry == TT_SCRIPT_ANY || doc == TT_SCRIPT_ANY)
        return 1;
    if (entry == doc)
        return 1;
    if (entry == TT_SCRIPT_CYRL || doc == TT_SCRIPT_CYRL)
        return 0;
    return entry == TT_SCRIPT_LATN || doc == TT_SCRIPT_LATN;
}

static int
has_target(const tt_matcher *m, size_t tok, uint32_t t)
{
    const uint32_t *v = m->cand + m->coff[tok];
    size_t lo = 0, hi = m->cnum[tok];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < t)
            lo = mid + 1;
        else if (v[mid] > t)
            hi = mid;
        else
            return 1;
    }
    return 0;
}

/* Extends a multiword match of entry e whose part k-1 matched at token cur (index relative to the sentence).
 * Returns the last token of the match or -1. */
static long
extend(const tt_matcher *m, const lx_entry *e, size_t k, size_t cur, size_t ns)
{
    uint32_t words = 0, t = e->t0 + (uint32_t)k;
    for (size_t q = cur + 1; q < ns; q++) {
        if (m->cflg[q] & F_NONWORD)
            continue;
        if (has_target(m, q, t)) {
            if (k + 1 == e->nparts)
                return (long)q;
            long r = extend(m, e, k + 1, q, ns);
            if (r >= 0)
                return r;
        }
        if (++words > e->parts[k].gap)
            break;
    }
    return -1;
}

static int
push_hit(rawhit **v, size_t *n, size_t *cap, uint32_t first, uint32_t last, uint32_t entry, uint32_t concept,
         uint32_t part)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        rawhit *nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return TT_ENOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n].first = first;
    (*v)[*n].last = last;
    (*v)[*n].entry = entry;
    (*v)[*n].concept = concept;
    (*v)[*n].part = part;
    (*n)++;
    return 0;
}

static int
cmp_longest(const void *a, const void *b)
{
    const rawhit *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    uint32_t lx_ = x->last - x->first, ly = y->last - y->first;
    if (lx_ != ly)
        return lx_ > ly ? -1 : 1;
    if (x->part != y->part)
        return x->part < y->part ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int
cmp_all(const void *a, const void *b)
{
    const rawhit *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->last != y->last)
        return x->last < y->last ? -1 : 1;
    if (x->part != y->part)
        return x->part < y->part ? -1 : 1;
    if (x->concept != y->concept)
        return x->concept < y->concept ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int
out_hit(tt_hit **hits, size_t *nhits, size_t *caphits, const rawhit *h, size_t base, uint32_t name)
{
    if (*nhits == *caphits) {
        size_t nc = *caphits ? *caphits * 2 : 64;
        tt_hit *nv = realloc(*hits, nc * sizeof *nv);
        if (!nv)
            return TT_ENOMEM;
        *hits = nv;
        *caphits = nc;
    }
    tt_hit *o = &(*hits)[(*nhits)++];
    o->concept = h->concept;
    o->entry = h->entry;
    o->first = (uint32_t)(base + h->first);
    o->last = (uint32_t)(base + h->last);
    o->name = name;
    o->part = h->part;
    return 0;
}

/* Hyphenated compounds: a token no entry matches whole gets the single-word hits of its parts, each with its
 * part number (its case condition read as the token's for the first part, lowercase for the others). */
static int
part_hits(tt_matcher *m, const tt_tokseq *ts, size_t a, size_t ns)
{
    const tt_lexicon *lx = m->lx;
    while (m->cptok < m->nptok && m->ptok[m->cptok] < a)
        m->cptok++;
    for (; m->cptok < m->nptok && m->ptok[m->cptok] < a + ns; m->cptok++) {
        size_t i = m->ptok[m->cptok] - a;
        if (m->cnum[i])
            continue;
        for (uint32_t p = 0; p < m->pcnt[a + i]; p++) {
            const uint32_t *rl = m->cache.ar + m->prec[m->pidx[a + i] + p] + 2; /* [n, flags, target...] */
            uint32_t nt = rl[0] - 1, v[64], seen, cand;
            if (nt > 64 || (rl[1] & F_NONWORD))
                continue;
            memcpy(v, rl + 2, nt * sizeof *v);
            if (rl[1] & F_CASE) {
                uint32_t fl = ts->tok[a + i].flags;
                if (p)
                    fl &= ~(uint32_t)(TT_TOK_CAPITAL | TT_TOK_SENT_START);
                nt = case_filter(lx, v, nt, fl, &seen, &cand);
            }
            for (uint32_t c = 0; c < nt; c++) {
                const lx_target *t = &lx->targets[v[c]];
                const lx_entry *e = &lx->entries[t->entry];
                if (e->nparts != 1 || e->exclude || !script_ok(e->script, m->script))
                    continue;
                if (push_hit(&m->hits, &m->nh, &m->caph, (uint32_t)i, (uint32_t)i, t->entry, e->concept, p + 1))
                    return TT_ENOMEM;
            }
        }
    }
    return 0;
}

static int
sentence(tt_matcher *m, tt_lang lang, const tt_tokseq *ts, size_t a, size_t b, tt_overlap overlap, tt_hit **hits,
         size_t *nhits, size_t *caphits, tt_error *err)
{
    const tt_lexicon *lx = m->lx;
    size_t ns = b - a;
    if (ns > m->capc) {
        size_t nc = ns * 2;
        size_t *no = realloc(m->coff, nc * sizeof *no);
        if (no)
            m->coff = no;
        uint32_t *nn = realloc(m->cnum, nc * sizeof *nn);
        if (nn)
            m->cnum = nn;
        uint32_t *nf = realloc(m->cflg, nc * sizeof *nf);
        if (nf)
            m->cflg = nf;
        uint32_t *nm = realloc(m->cname, nc * sizeof *nm);
        if (nm)
            m->cname = nm;
        if (!no || !nn || !nf || !nm)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m->capc = nc;
    }
    m->ncand = 0;
    for (size_t i = 0; i < ns; i++) {
        const uint32_t *rl = m->cache.ar + m->toff[a + i] + 2; /* resolved by tt_matcher_run */
        struct lx_list l_ = {(uint32_t *)(rl + 1), rl[0], 0}, *l = &l_;
        if (m->ncand + l->n > m->capcand) {
            size_t nc = (m->ncand + l->n) * 2 + 64;
            uint32_t *nv = realloc(m->cand, nc * sizeof *nv);
            if (!nv)
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            m->cand = nv;
            m->capcand = nc;
        }
        m->cflg[i] = l->v[0];
        m->coff[i] = m->ncand;
        m->cnum[i] = l->n - 1;
        memcpy(m->cand + m->ncand, l->v + 1, (l->n - 1) * sizeof *m->cand);
        m->cname[i] = 0;
        if (l->v[0] & F_CASE) { /* the type's list is case-free: this token's case applies to its copy */
            uint32_t seen, cand;
            const tt_token *tk = &ts->tok[a + i];
            m->cnum[i] = case_filter(lx, m->cand + m->ncand, m->cnum[i], tk->flags, &seen, &cand);
            if ((seen || cand) && mt_name_key(m, seen ? seen : cand, ts->forms.data + tk->match_off, tk->match_len,
                                              seen != 0, &m->cname[i]))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            if (seen)
                m->cname[i] = 0;
        }
        m->ncand += m->cnum[i];
    }
    m->nh = m->nx = 0;
    for (size_t i = 0; i < ns; i++) {
        if (m->cflg[i] & F_NONWORD)
            continue;
        for (uint32_t c = 0; c < m->cnum[i]; c++) {
            const lx_target *t = &lx->targets[m->cand[m->coff[i] + c]];
            const lx_entry *e = &lx->entries[t->entry];
            if (!script_ok(e->script, m->script))
                continue;
            int rc = 0;
            if (e->nparts == 1) {
                if (!e->exclude)
                    rc = push_hit(&m->hits, &m->nh, &m->caph, (uint32_t)i, (uint32_t)i, t->entry, e->concept, 0);
            } else if (t->part == 0) {
                long end = extend(m, e, 1, i, ns);
                if (end >= 0)
                    rc = e->exclude ? push_hit(&m->excl, &m->nx, &m->capx, (uint32_t)i, (uint32_t)end, t->entry,
                                               e->concept, 0)
                                    : push_hit(&m->hits, &m->nh, &m->caph, (uint32_t)i, (uint32_t)end, t->entry,
                                               e->concept, 0);
            }
            if (rc)
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
    }
    if (m->nptok && part_hits(m, ts, a, ns))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    if (m->nx) {
        size_t k = 0;
        for (size_t i = 0; i < m->nh; i++) {
            int drop = 0;
            for (size_t x = 0; x < m->nx && !drop; x++)
                drop = m->excl[x].concept == m->hits[i].concept && m->excl[x].first <= m->hits[i].last &&
                       m->hits[i].first <= m->excl[x].last;
            if (!drop)
                m->hits[k++] = m->hits[i];
        }
        m->nh = k;
    }
    if (!m->nh)
        return 0;
    if (overlap == TT_OVERLAP_ALL) {
        qsort(m->hits, m->nh, sizeof *m->hits, cmp_all);
        for (size_t i = 0; i < m->nh; i++) {
            if (i && m->hits[i].first == m->hits[i - 1].first && m->hits[i].last == m->hits[i - 1].last &&
                m->hits[i].part == m->hits[i - 1].part && m->hits[i].concept == m->hits[i - 1].concept)
                continue;
            if (out_hit(hits, nhits, caphits, &m->hits[i], a, mt_hit_name(m, &m->hits[i])))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        return 0;
    }
    qsort(m->hits, m->nh, sizeof *m->hits, cmp_longest);
    long end = -1;
    uint32_t endpart = 0;
    for (size_t i = 0; i < m->nh; i++) {
        const rawhit *h = &m->hits[i];
        /* the parts of one hyphenated token are spans of their own (sorted by part) */
        if ((long)h->first <= end && !(h->part > endpart && (long)h->first == end && h->last == h->first))
            continue;
        if (out_hit(hits, nhits, caphits, h, a, mt_hit_name(m, h)))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        end = (long)h->last;
        endpart = h->part;
    }
    return 0;
}

/* A hyphenated token that no entry matches whole: resolves each part's type into the cache (during the run's
 * resolution, so that record offsets stay valid) and lists them in prec when some part is a lexicon word. */
static int
resolve_parts(tt_matcher *m, tt_lang lang, const char *w, size_t n, size_t t, tt_error *err)
{
    size_t pa[TT_MAX_PARTS], pb[TT_MAX_PARTS], np = tt_hyphen_parts(w, n, pa, pb);
    if (np < 2)
        return 0;
    uint32_t rec[TT_MAX_PARTS];
    int any = 0;
    for (size_t i = 0; i < np; i++) {
        const char *pw = w + pa[i];
        size_t pn = pb[i] - pa[i];
        uint64_t h = tc_hash(lang, pw, pn);
        const uint32_t *rl = tc_get(&m->cache, h, lang, pw, pn);
        if (!rl) {
            uint32_t flags;
            int rc = lx_collect(m, lang, pw, pn, 0, &flags, err);
            if (rc)
                return rc;
            if (!(rl = tc_add(&m->cache, h, lang, pw, pn, flags, m->tmp, m->ntmp)))
                return tt_error_set(err, TT_ENOMEM, "out of memory (type cache of one piece)");
        }
        rec[i] = (uint32_t)(rl - 2 - m->cache.ar);
        any |= rl[0] > 1;
    }
    if (!any)
        return 0; /* no part is a word of the lexicon */
    if (m->nprec + np > m->capprec) {
        size_t nc = (m->nprec + np) * 2 + 64;
        uint32_t *p = realloc(m->prec, nc * sizeof *p);
        if (!p)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m->prec = p;
        m->capprec = nc;
    }
    if (m->nptok == m->capptok) {
        size_t nc = m->capptok ? 2 * m->capptok : 64;
        uint32_t *p = realloc(m->ptok, nc * sizeof *p);
        if (!p)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m->ptok = p;
        m->capptok = nc;
    }
    m->ptok[m->nptok++] = (uint32_t)t;
    m->pidx[t] = (uint32_t)m->nprec;
    m->pcnt[t] = (uint8_t)np;
    for (size_t i = 0; i < np; i++)
        m->prec[m->nprec++] = rec[i];
    return 0;
}

int
tt_matcher_run(tt_matcher *m, tt_lang lang, const tt_tokseq *ts, tt_overlap overlap, tt_hit **hits,
               size_t *nhits, size_t *caphits, tt_error *err)
{
    /* Resolve every token's type first, in text order, prefetching the cache slot of the token PF_SLOT ahead
       and the record of the token PF_REC ahead (a type cache lookup is a dependent pair of memory loads). The
       cache is emptied only here, between runs, so that the records' offsets stay valid during the run. */
    enum { PF_SLOT = 16, PF_REC = 8 };
    size_t n = ts->ntok;
    if (!m->pinned && (m->cache.nused >= CACHE_MAX_TYPES || m->cache.alen > CACHE_MAX_WORDS))
        tc_clear(&m->cache);
    /* records the tokenizer already has (tt_matcher_type, this epoch: see tt_matcher_begin_piece) */
    const uint32_t *trec = ts->trec_ok && m->pinned && ts->trec_owner == m && ts->trec_epoch == m->cache.epoch &&
                                   (unsigned)lang < TT_LANG_COUNT
                               ? ts->trec
                               : NULL;
    if (n > m->captok) {
        size_t nc = n + n / 2 + 64;
        uint32_t *no = realloc(m->toff, nc * sizeof *no);
        if (no)
            m->toff = no;
        uint64_t *nh = realloc(m->th, nc * sizeof *nh);
        if (nh)
            m->th = nh;
        uint32_t *np = realloc(m->pidx, nc * sizeof *np);
        if (np)
            m->pidx = np;
        uint8_t *nq = realloc(m->pcnt, nc);
        if (nq)
            m->pcnt = nq;
        uint8_t *nt = realloc(m->hot, nc);
        if (nt)
            m->hot = nt;
        if (!no || !nh || !np || !nq || !nt)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m->captok = nc;
    }
    const char *forms = ts->forms.data ? ts->forms.data : "";
    m->nprec = m->nptok = m->cptok = 0;
    for (size_t t = 0; t < n && t < PF_SLOT; t++)
        if (!trec || !trec[t])
            m->th[t] = tc_hash(lang, forms + ts->tok[t].match_off, ts->tok[t].match_len);
    for (size_t t = 0; t < n; t++) {
        const tcache *c = &m->cache;
        if (t + PF_SLOT < n && (!trec || !trec[t + PF_SLOT])) {
            const tt_token *f = &ts->tok[t + PF_SLOT];
            uint64_t h = m->th[t + PF_SLOT] = tc_hash(lang, forms + f->match_off, f->match_len);
            if (c->nslots)
                __builtin_prefetch(&c->slot[(size_t)h & (c->nslots - 1)]);
        }
        if (t + PF_REC < n && trec && trec[t + PF_REC]) {
            __builtin_prefetch(c->ar + trec[t + PF_REC] - 1);
        } else if (t + PF_REC < n && c->nslots) {
            uint64_t h = m->th[t + PF_REC], sl = c->slot[(size_t)h & (c->nslots - 1)];
            if (sl && (uint32_t)(sl >> 32) == (uint32_t)(h >> 32))
                __builtin_prefetch(c->ar + ((uint32_t)sl - 1));
        }
        const tt_token *k = &ts->tok[t];
        const char *w = forms + k->match_off;
        const uint32_t *rl = trec && trec[t] ? c->ar + trec[t] - 1 + 2 : tc_get(c, m->th[t], lang, w, k->match_len);
        if (!rl) {
            uint32_t flags;
            int rc = lx_collect(m, lang, w, k->match_len, 0, &flags, err);
            if (rc)
                return rc;
            if (!(rl = tc_add(&m->cache, m->th[t], lang, w, k->match_len, flags, m->tmp, m->ntmp)))
                return tt_error_set(err, TT_ENOMEM, "out of memory (type cache of one piece)");
        }
        m->toff[t] = (uint32_t)(rl - 2 - m->cache.ar);
        m->pidx[t] = UINT32_MAX;
        if ((k->flags & TT_TOK_HYPHEN) && rl[0] == 1 && !(rl[1] & (F_NONWORD | F_EXCL | F_NOPARTS))) {
            uint32_t off = m->toff[t];
            int rc = resolve_parts(m, lang, w, k->match_len, t, err);
            if (rc)
                return rc;
            if (m->pidx[t] == UINT32_MAX)
                m->cache.ar[off + 3] |= F_NOPARTS; /* the memo remembers: do not split this form again */
        }
        m->hot[t] = m->cache.ar[m->toff[t] + 2] > 1 || m->pidx[t] != UINT32_MAX;
    }
    size_t i = 0;
    while (i < ts->ntok) {
        size_t j = i + 1;
        int hot = m->hot[i];
        while (j < ts->ntok && ts->tok[j].sent == ts->tok[i].sent)
            hot |= m->hot[j++];
        /* a sentence none of whose tokens has a target or a part yields no hit, exclusion or name */
        int rc = hot ? sentence(m, lang, ts, i, j, overlap, hits, nhits, caphits, err) : 0;
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}

