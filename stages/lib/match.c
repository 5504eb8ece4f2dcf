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
#include "tt/bigmem.h"
#include "tt/compound.h"
#include "tt/utf8.h"


int
tt_matcher_new(tt_matcher **out, const tt_lexicon *lx, tt_error *err)
{
    *out = NULL;
    tt_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    m->lx = lx;
    const char *mode = getenv("TT_MATCH");
    m->plain = mode && strcmp(mode, "plain") == 0;
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
    if (!(m->ti = malloc((lx->ntargets ? lx->ntargets : 1) * sizeof *m->ti))) {
        tt_matcher_free(m);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < lx->ntargets; i++) {
        const lx_target *t = &lx->targets[i];
        const lx_entry *e = &lx->entries[t->entry];
        m->ti[i].entry = t->entry;
        m->ti[i].concept = e->concept;
        m->ti[i].script = (uint8_t)e->script;
        m->ti[i].what = e->nparts == 1 ? (e->exclude ? TI_NONE : TI_WORD) : t->part == 0 ? TI_FIRST : TI_NONE;
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
    mt_tc_free(&m->cache);
    free(m->ti);
    free(m->tnm);
    free(m->miss);
    free(m->th);
    free(m->sst);
    free(m->may);
    free(m->sfl);
    free(m->tmp);
    free(m->cand);
    free(m->cv);
    free(m->hl);
    free(m->coff);
    free(m->cnum);
    free(m->cflg);
    free(m->hits);
    free(m->excl);
    tt_buf_free(&m->key);
    tt_buf_free(&m->why);
    mt_names_free(m);
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
    if (!mt_shared_get(m, lang, w, n, h, &flags)) { /* another worker may have resolved it */
        int rc = lx_collect(m, lang, w, n, 0, &flags, err);
        if (rc)
            return rc;
        mt_shared_put(m, lang, w, n, h, flags);
    }
    if (!m->pinned && (m->cache.nused >= CACHE_MAX_TYPES || m->cache.alen > CACHE_MAX_WORDS))
        mt_tc_clear(&m->cache);
    if (!(*out = mt_tc_add(&m->cache, h, lang, w, n, flags, m->tmp, m->ntmp)))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

uint64_t
tt_matcher_begin_piece(void *matcher)
{
    tt_matcher *m = matcher;
    m->pinned = 1;
    if (m->cache.nused >= CACHE_MAX_TYPES || m->cache.alen > CACHE_MAX_WORDS)
        mt_tc_clear(&m->cache);
    return m->cache.epoch;
}

uint32_t
tt_matcher_type(void *matcher, tt_lang lang, const char *match, size_t n, tt_error *err)
{
    tt_matcher *m = matcher;
    const uint32_t *l;
    if (!m->pinned || (unsigned)lang >= TT_LANG_COUNT || resolve(m, lang, match, n, &l, err))
        return 0;
    return tc_name(l, (size_t)(l - 2 - m->cache.ar));
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
    if ((m->cur[tok] & 3) != TN_HOT)
        return 0;
    const uint32_t *v = m->cv[tok];
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
        if ((m->cur[q] & 3) == TN_NONWORD)
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
    while (m->cptok < m->nptok && m->ptok[m->cptok].tok < a)
        m->cptok++;
    for (; m->cptok < m->nptok && m->ptok[m->cptok].tok < a + ns; m->cptok++) {
        const mt_ptok *pt = &m->ptok[m->cptok];
        size_t i = pt->tok - a;
        if ((m->cur[i] & 3) == TN_HOT && m->cnum[i])
            continue;
        for (uint32_t p = 0; p < pt->n; p++) {
            const uint32_t *rl = m->cache.ar + m->prec[pt->first + p] + 2; /* [n, flags, target...] */
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
                const mt_tinfo *ti = &m->ti[v[c]];
                if (ti->what != TI_WORD || !script_ok((tt_script)ti->script, m->script))
                    continue;
                if (push_hit(&m->hits, &m->nh, &m->caph, (uint32_t)i, (uint32_t)i, ti->entry, ti->concept, p + 1))
                    return TT_ENOMEM;
            }
        }
    }
    return 0;
}

static int
sentence(tt_matcher *m, tt_lang lang, const tt_tokseq *ts, size_t a, size_t b, const uint32_t *may, size_t nmay,
         tt_overlap overlap, tt_hit **hits, size_t *nhits, size_t *caphits, tt_error *err)
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
        const uint32_t **nv = realloc(m->cv, nc * sizeof *nv);
        if (nv)
            m->cv = nv;
        uint32_t *nh = realloc(m->hl, nc * sizeof *nh);
        if (nh)
            m->hl = nh;
        if (!no || !nn || !nf || !nm || !nv || !nh)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m->capc = nc;
    }
    /* each token's candidates: its type's list as the cache holds it, or a copy filtered by the token's case;
       a token without targets (its name says so) is left as it is: has_target() and extend() read the name */
    m->ncand = 0;
    m->cname_on = 0;
    size_t nhl = 0;
    int copies = 0;
    const uint32_t *tnm = m->cur = m->tnm + a;
    for (size_t x = 0; x < nmay; x++) { /* the tokens that may have targets (tt_matcher_run), in order */
        size_t i = may[x] - a;
        uint32_t name = tnm[i];
        if ((name & 3) != TN_HOT)
            continue;
        const uint32_t *rl = m->cache.ar + TN_OFF(name) + 2; /* [n, flags, target...], resolved by the run */
        uint32_t nt = rl[0] - 1;
        m->cflg[i] = rl[1];
        m->cv[i] = rl + 2;
        m->cnum[i] = nt;
        if (rl[1] & F_CASE) { /* the type's list is case-free: this token's case applies to its copy */
            if (m->ncand + nt > m->capcand) {
                size_t nc = (m->ncand + nt) * 2 + 64;
                uint32_t *nv = realloc(m->cand, nc * sizeof *nv);
                if (!nv)
                    return tt_error_set(err, TT_ENOMEM, "out of memory");
                m->cand = nv;
                m->capcand = nc;
            }
            memcpy(m->cand + m->ncand, rl + 2, nt * sizeof *m->cand);
            m->coff[i] = m->ncand;
            copies = 1;
            uint32_t seen, cand, key = 0;
            const tt_token *tk = &ts->tok[a + i];
            m->cnum[i] = case_filter(lx, m->cand + m->ncand, nt, tk->flags, &seen, &cand);
            if ((seen || cand) && mt_name_key(m, seen ? seen : cand, ts->forms.data + tk->match_off, tk->match_len,
                                              seen != 0, &key))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            if (key && !seen) { /* the sentence's name keys (mt_hit_name): all 0 but this one's */
                if (!m->cname_on)
                    memset(m->cname, 0, ns * sizeof *m->cname);
                m->cname_on = 1;
                m->cname[i] = key;
            }
            m->ncand += m->cnum[i];
        }
        if (m->cnum[i])
            m->hl[nhl++] = (uint32_t)i;
    }
    if (copies) /* the copies' buffer has stopped moving */
        for (size_t q = 0; q < nhl; q++)
            if (m->cflg[m->hl[q]] & F_CASE)
                m->cv[m->hl[q]] = m->cand + m->coff[m->hl[q]];
    m->nh = m->nx = 0;
    for (size_t q = 0; q < nhl; q++) {
        size_t i = m->hl[q];
        if (m->cflg[i] & F_NONWORD)
            continue;
        for (uint32_t c = 0; c < m->cnum[i]; c++) {
            const mt_tinfo *ti = &m->ti[m->cv[i][c]];
            if (ti->what == TI_NONE || !script_ok((tt_script)ti->script, m->script))
                continue;
            int rc = 0;
            if (ti->what == TI_WORD) {
                rc = push_hit(&m->hits, &m->nh, &m->caph, (uint32_t)i, (uint32_t)i, ti->entry, ti->concept, 0);
            } else {
                const lx_entry *e = &lx->entries[ti->entry];
                long end = extend(m, e, 1, i, ns);
                if (end >= 0)
                    rc = e->exclude ? push_hit(&m->excl, &m->nx, &m->capx, (uint32_t)i, (uint32_t)end, ti->entry,
                                               e->concept, 0)
                                    : push_hit(&m->hits, &m->nh, &m->caph, (uint32_t)i, (uint32_t)end, ti->entry,
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
 * resolution, so that record offsets stay valid) and lists them in prec when some part is a lexicon word; *got
 * is 1 then, else 0. */
static int
resolve_parts(tt_matcher *m, tt_lang lang, const char *w, size_t n, size_t t, int *got, tt_error *err)
{
    size_t pa[TT_MAX_PARTS], pb[TT_MAX_PARTS], np = tt_hyphen_parts(w, n, pa, pb);
    *got = 0;
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
            if (!(rl = mt_tc_add(&m->cache, h, lang, pw, pn, flags, m->tmp, m->ntmp)))
                return tt_error_set(err, TT_ENOMEM, "out of memory (type cache of one piece)");
        }
        rec[i] = (uint32_t)(rl - 2 - m->cache.ar);
        any |= rl[0] > 1;
    }
    if (!any)
        return 0; /* no part is a word of the lexicon */
    if (tt_grow((void **)&m->prec, &m->capprec, m->nprec + np, sizeof *m->prec) ||
        tt_grow((void **)&m->ptok, &m->capptok, m->nptok + 1, sizeof *m->ptok))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    m->ptok[m->nptok++] = (mt_ptok){(uint32_t)t, (uint32_t)m->nprec, (uint32_t)np};
    for (size_t i = 0; i < np; i++)
        m->prec[m->nprec++] = rec[i];
    *got = 1;
    return 0;
}

int
tt_matcher_run(tt_matcher *m, tt_lang lang, const tt_tokseq *ts, tt_overlap overlap, tt_hit **hits,
               size_t *nhits, size_t *caphits, tt_error *err)
{
    /* Every token's type name first, in text order: the tokenizer's (tt_matcher_type), else the front cache's
       (short forms), else the type cache's, whose lookups (a dependent pair of memory loads: slot, record) are
       done for those tokens only, the slot prefetched when the token is met, the record PF_REC misses ahead.
       Then the hyphenated tokens' parts, then the sentences that have a token with targets or parts. The
       cache is emptied only here, between runs, so that the records' offsets stay valid during the run. */
    enum { PF_REC = 4 };
    size_t n = ts->ntok;
    tcache *c = &m->cache;
    if (!m->pinned && (c->nused >= CACHE_MAX_TYPES || c->alen > CACHE_MAX_WORDS))
        mt_tc_clear(c);
    /* names the tokenizer already has (tt_matcher_type, this epoch: see tt_matcher_begin_piece) */
    const uint32_t *trec = ts->trec_ok && m->pinned && ts->trec_owner == m && ts->trec_epoch == c->epoch &&
                                   (unsigned)lang < TT_LANG_COUNT
                               ? ts->trec
                               : NULL;
    if (n > m->captok) {
        size_t nc = n + n / 2 + 64;
        uint32_t *no = realloc(m->tnm, nc * sizeof *no);
        if (no)
            m->tnm = no;
        uint32_t *ni = realloc(m->miss, 2 * nc * sizeof *ni);
        if (ni)
            m->miss = ni;
        uint64_t *nh = realloc(m->th, nc * sizeof *nh);
        if (nh)
            m->th = nh;
        uint32_t *nw = realloc(m->may, nc * sizeof *nw);
        if (nw)
            m->may = nw;
        uint32_t *ns = realloc(m->sst, nc * sizeof *ns);
        if (ns)
            m->sst = ns;
        uint8_t *nf = realloc(m->sfl, nc);
        if (nf)
            m->sfl = nf;
        if (!no || !ni || !nh || !nw || !ns || !nf)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m->captok = nc;
    }
    if (!c->fc && !m->plain) /* the front cache (without memory, every short form takes the long way) */
        c->fc = tt_big_alloc(((size_t)1 << FC_BITS) * sizeof *c->fc);
    const char *forms = ts->forms.data ? ts->forms.data : "";
    const fcent *fc = c->fc;
    uint32_t *tnm = m->tnm;
    size_t nmiss = 0, nhy = 0;
    uint32_t *hy = m->miss + m->captok; /* the hyphenated tokens to look at */
    m->nprec = m->nptok = m->cptok = 0;
    /* the sentences met on the way: their first tokens (sst) and what is known of them (sfl: SF_HOT a token
       has targets; SF_LATER a token is named only below, or may have parts) */
    enum { SF_HOT = 1, SF_LATER = 2 };
    uint32_t *sst = m->sst, cur = n ? ts->tok[0].sent : 0;
    uint8_t *sfl = m->sfl, fl = 0;
    size_t nsent = 0, s0 = 0, nmay = 0;
    uint32_t *may = m->may; /* the tokens named TN_HOT, or named below (misses), in order */
    for (size_t t = 0; t < n; t++) {
        const tt_token *k = &ts->tok[t];
        if (k->sent != cur) {
            sst[nsent] = (uint32_t)s0;
            sfl[nsent++] = fl;
            s0 = t;
            cur = k->sent;
            fl = 0;
        }
        if (fc && t + 16 < n) { /* the front cache entry of the token 16 ahead: its probe would wait on memory */
            const tt_token *f = &ts->tok[t + 16];
            if (!(trec && trec[t + 16]) && f->match_len - 1u < FC_MAXLEN && f->match_off + 16 <= ts->forms.cap) {
                uint64_t x, y;
                uint32_t meta;
                __builtin_prefetch(&fc[fc_key_padded(lang, forms + f->match_off, f->match_len, &x, &y, &meta)]);
            }
        }
        uint32_t name = trec ? trec[t] : 0;
        if (!name && fc && k->match_len - 1u < FC_MAXLEN) {
            uint64_t x, y;
            uint32_t meta;
            const fcent *e = &fc[fc_key_at(lang, forms, ts->forms.cap, k->match_off, k->match_len, &x, &y, &meta)];
            if (e->meta == meta && e->a == x && e->b == y)
                name = e->name;
        }
        tnm[t] = name;
        if (!name) {
            uint64_t h = m->th[nmiss] = tc_hash(lang, forms + k->match_off, k->match_len);
            m->miss[nmiss++] = (uint32_t)t;
            if (c->nslots)
                __builtin_prefetch(&c->slot[(size_t)h & (c->nslots - 1)]);
            fl |= SF_LATER;
            may[nmay++] = (uint32_t)t;
        } else if ((name & 3) != TN_SPLIT) {
            if ((name & 3) == TN_HOT) {
                fl |= SF_HOT;
                may[nmay++] = (uint32_t)t;
            }
            continue;
        }
        if (k->flags & TT_TOK_HYPHEN) {
            hy[nhy++] = (uint32_t)t;
            fl |= SF_LATER;
        }
    }
    if (n) {
        sst[nsent] = (uint32_t)s0;
        sfl[nsent++] = fl;
    }
    for (size_t j = 0; j < nmiss; j++) {
        if (j + PF_REC < nmiss && c->nslots) {
            uint64_t h = m->th[j + PF_REC], sl = c->slot[(size_t)h & (c->nslots - 1)];
            if (sl && (uint32_t)(sl >> 32) == (uint32_t)(h >> 32))
                __builtin_prefetch(c->ar + ((uint32_t)sl - 1));
        }
        size_t t = m->miss[j];
        const tt_token *k = &ts->tok[t];
        const char *w = forms + k->match_off;
        const uint32_t *rl = tc_get(c, m->th[j], lang, w, k->match_len);
        if (!rl) {
            uint32_t flags;
            int rc = lx_collect(m, lang, w, k->match_len, 0, &flags, err);
            if (rc)
                return rc;
            if (!(rl = mt_tc_add(c, m->th[j], lang, w, k->match_len, flags, m->tmp, m->ntmp)))
                return tt_error_set(err, TT_ENOMEM, "out of memory (type cache of one piece)");
        }
        tnm[t] = tc_name(rl, (size_t)(rl - 2 - c->ar));
        if (fc && k->match_len - 1u < FC_MAXLEN) { /* the front cache remembers it */
            uint64_t x, y;
            uint32_t meta;
            fcent *e = &c->fc[fc_key_at(lang, forms, ts->forms.cap, k->match_off, k->match_len, &x, &y, &meta)];
            e->a = x;
            e->b = y;
            e->meta = meta;
            e->name = tnm[t];
        }
    }
    for (size_t j = 0; j < nhy; j++) {
        size_t t = hy[j];
        if ((tnm[t] & 3) != TN_SPLIT || (c->ar[TN_OFF(tnm[t]) + 3] & F_NOPARTS))
            continue;
        const tt_token *k = &ts->tok[t];
        int got, rc = resolve_parts(m, lang, forms + k->match_off, k->match_len, t, &got, err);
        if (rc)
            return rc;
        if (!got)
            c->ar[TN_OFF(tnm[t]) + 3] |= F_NOPARTS; /* the memo remembers: do not split this form again */
    }
    /* a sentence none of whose tokens has a target or a part yields no hit, exclusion or name */
    for (size_t q = 0, pt = 0, y = 0; q < nsent; q++) {
        size_t i = sst[q], j = q + 1 < nsent ? sst[q + 1] : n, y0 = y;
        while (y < nmay && may[y] < j)
            y++;
        int hot = sfl[q] & SF_HOT;
        for (size_t x = y0; !hot && (sfl[q] & SF_LATER) && x < y; x++)
            hot = (tnm[may[x]] & 3) == TN_HOT;
        for (; pt < m->nptok && m->ptok[pt].tok < j; pt++)
            hot = 1;
        int rc = hot ? sentence(m, lang, ts, i, j, may + y0, y - y0, overlap, hits, nhits, caphits, err) : 0;
        if (rc)
            return rc;
    }
    return 0;
}
