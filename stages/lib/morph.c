/* morph.c - morphology grammars (lexicons/morph/<lang>.grammar): loading them, and the suffix-chain engine
 * that decides whether a token is an inflected form of a lemma (kk, uz, en), strips the longest chain (for
 * tt_stem), generates sample forms (for `lexicon check`), and the Russian ending tables that give a lemma's
 * genitive singular and nominative plural (for Snowball stem sets). The grammar format is described at the
 * top of each .grammar file and in lexicons/README.md. Parsing a grammar is morph_parse.c; the layout both
 * share is morph_priv.h; the interface the lexicon, the matcher and the stemmer use is morph.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "morph_priv.h"

#include "tt/utf8.h"


/* ---- freeing ---- */
static void
free_conds(gcond *c)
{
    free(c);
}

void
lx_grammar_free(lx_grammar *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nset; i++) {
        free(g->set[i].name);
        free(g->set[i].cp);
    }
    free(g->set);
    for (size_t i = 0; i < g->nalt; i++) {
        free(g->alt[i].to);
        free_conds(g->alt[i].cond);
    }
    free(g->alt);
    for (size_t i = 0; i < g->nkeep; i++)
        free(g->keep[i]);
    free(g->keep);
    for (size_t i = 0; i < g->ncls; i++) {
        gclass *c = &g->cls[i];
        free(c->name);
        if (c->alias < 0) {
            for (size_t s = 0; s < c->nslot; s++) {
                for (size_t k = 0; k < c->slot[s].nm; k++) {
                    free(c->slot[s].m[k].s);
                    free_conds(c->slot[s].m[k].cond);
                }
                free(c->slot[s].m);
                free(c->slot[s].name);
            }
            free(c->slot);
            for (size_t k = 0; k < c->nform; k++) {
                free(c->form[k].ending);
                free(c->form[k].endings);
            }
            free(c->form);
        }
    }
    free(g->cls);
    for (size_t i = 0; i < g->ntags; i++)
        free(g->tags[i]);
    free(g->tags);
    free(g);
}

int
lx_grammar_method(const lx_grammar *g)
{
    return g->method;
}

const char *
lx_grammar_snowball(const lx_grammar *g)
{
    return g->method == LX_METHOD_SNOWBALL ? g->snowball : NULL;
}

int
lx_grammar_weak_stems(const lx_grammar *g)
{
    return g->weak;
}

size_t
lx_grammar_min_stem(const lx_grammar *g)
{
    return g->min_stem;
}

int
lx_grammar_class(const lx_grammar *g, const char *name, size_t n)
{
    for (size_t i = 0; i < g->ncls; i++)
        if (strlen(g->cls[i].name) == n && memcmp(g->cls[i].name, name, n) == 0)
            return (int)i;
    return -1;
}

const char *
lx_grammar_class_name(const lx_grammar *g, int cls)
{
    return cls >= 0 && (size_t)cls < g->ncls ? g->cls[cls].name : "?";
}

static const gclass *
resolve(const lx_grammar *g, int cls)
{
    if (cls < 0 || (size_t)cls >= g->ncls)
        return NULL;
    const gclass *c = &g->cls[cls];
    return c->alias >= 0 ? &g->cls[c->alias] : c;
}

/* ---- analysis ---- */
static int
in_set(const gset *s, uint32_t cp)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->cp[i] == cp)
            return 1;
    return 0;
}

static int
cond_ok(const lx_grammar *g, const gcond *c, size_t nc, uint32_t prev, int prevtag)
{
    int havepos = 0, pos = 0;
    for (size_t i = 0; i < nc; i++) {
        int hit;
        switch (c[i].type) {
        case C_SET:
            hit = in_set(&g->set[c[i].val], prev);
            break;
        case C_LETTER:
            hit = c[i].val == prev;
            break;
        default:
            hit = (int)c[i].val == prevtag;
        }
        if (c[i].neg) {
            if (hit)
                return 0;
        } else {
            havepos = 1;
            pos |= hit;
        }
    }
    return !havepos || pos;
}

typedef struct actx {
    const lx_grammar *g;
    const gclass *c;
    const char *w;
    size_t n;
    const char *extra;
    size_t cuts[MAX_SLOTS + 4];
    size_t ncuts;
    uint64_t skip; /* tags not to strip (vocabulary stemming only) */
} actx;

static int
chain(actx *a, size_t pos, size_t slot, uint32_t prev, int prevtag, int extra_done, size_t depth)
{
    if (pos == a->n) {
        a->ncuts = depth;
        return 1;
    }
    if (depth >= MAX_SLOTS + 3)
        return 0;
    const char *r = a->w + pos;
    size_t rn = a->n - pos;
    if (a->extra && !extra_done && slot == 0) {
        for (const char *e = a->extra; *e; e += strlen(e) + 1) {
            size_t en = strlen(e);
            if (en <= rn && memcmp(r, e, en) == 0) {
                a->cuts[depth] = pos + en;
                if (chain(a, pos + en, 0, tt_utf8_last(e, en, NULL), TAG_EXTRA, 1, depth + 1))
                    return 1;
            }
        }
    }
    for (size_t s = slot; s < a->c->nslot; s++) {
        const gslot *sl = &a->c->slot[s];
        for (size_t k = 0; k < sl->nm; k++) {
            const gmorph *m = &sl->m[k];
            if (m->n > rn || memcmp(r, m->s, m->n) != 0)
                continue;
            if (!cond_ok(a->g, m->cond, m->ncond, prev, prevtag))
                continue;
            if (m->tag >= 0 && m->tag < 64 && (a->skip >> m->tag & 1))
                continue;
            a->cuts[depth] = pos + m->n;
            if (chain(a, pos + m->n, s + 1, m->last, m->tag, 1, depth + 1))
                return 1;
        }
    }
    return 0;
}

/* Tries w = base + (hyphen) + chain, where base = w[0..bn). */
static int
try_base(actx *a, size_t bn, int alt_cond_idx)
{
    size_t pos = bn;
    uint32_t prev = tt_utf8_last(a->w, bn, NULL);
    a->cuts[0] = bn;
    if (alt_cond_idx >= 0) {
        const galt *al = &a->g->alt[alt_cond_idx];
        size_t z = pos;
        if (pos >= a->n)
            return 0;
        uint32_t nx = tt_utf8_step(a->w, a->n, &z);
        if (!cond_ok(a->g, al->cond, al->ncond, nx, -1))
            return 0;
    }
    if (chain(a, pos, 0, prev, TAG_STEM, 0, 1))
        return 1;
    if (a->g->hyphen && pos + 1 < a->n && a->w[pos] == '-' && alt_cond_idx < 0) {
        a->cuts[1] = pos + 1;
        if (chain(a, pos + 1, 0, prev, TAG_STEM, 0, 2))
            return 1;
    }
    return 0;
}

static void
write_why(const actx *a, tt_buf *why)
{
    size_t prev = 0;
    for (size_t i = 0; i < a->ncuts; i++) {
        if (i)
            tt_buf_putc(why, '+');
        tt_buf_append(why, a->w + prev, a->cuts[i] - prev);
        prev = a->cuts[i];
    }
}

int
lx_grammar_analyze(const lx_grammar *g, int cls, const char *stem, size_t sn, const char *extra,
                   const char *w, size_t wn, tt_buf *why)
{
    const gclass *c = resolve(g, cls);
    if (!c || sn == 0 || wn < sn - (sn > 4 ? 4 : sn))
        return 0;
    actx a = {g, c, w, wn, extra, {0}, 0, 0};
    if (wn >= sn && memcmp(w, stem, sn) == 0) {
        if (wn == sn) {
            if (why)
                tt_buf_append(why, w, wn);
            return 1;
        }
        if (try_base(&a, sn, -1)) {
            if (why)
                write_why(&a, why);
            return 1;
        }
    }
    size_t ls;
    uint32_t lc = tt_utf8_last(stem, sn, &ls);
    for (size_t i = 0; i < g->nalt; i++) {
        const galt *al = &g->alt[i];
        if (al->from != lc)
            continue;
        size_t bn = ls + al->ton;
        if (wn <= bn || memcmp(w, stem, ls) != 0 || memcmp(w + ls, al->to, al->ton) != 0)
            continue;
        if (bn == 0)
            continue;
        if (try_base(&a, bn, (int)i)) {
            if (why)
                write_why(&a, why);
            return 1;
        }
    }
    return 0;
}

int
lx_grammar_strip(const lx_grammar *g, const char *w, size_t wn, tt_buf *out)
{
    size_t i = 0, k = 0;
    /* stems from the shortest allowed up: the first that leaves a whole chain wins */
    while (i < wn) {
        tt_utf8_step(w, wn, &i);
        k++;
        if (k < g->min_stem)
            continue;
        if (i >= wn)
            break;
        for (size_t ci = 1; ci < g->ncls; ci++) {
            const gclass *c = resolve(g, (int)ci);
            if (!c->nslot)
                continue;
            actx a = {g, c, w, wn, NULL, {0}, 0, g->vocab_skip};
            if (!try_base(&a, i, -1))
                continue;
            /* undo a stem-final alternation (qazağ+y -> qazaq) */
            size_t ls;
            uint32_t lc = tt_utf8_last(w, i, &ls);
            size_t z = i;
            uint32_t nx = tt_utf8_step(w, wn, &z);
            for (size_t t = 0; t < g->nalt; t++) {
                const galt *al = &g->alt[t];
                if (al->ton == 0 || i < al->ton || memcmp(w + i - al->ton, al->to, al->ton) != 0)
                    continue;
                if (!cond_ok(g, al->cond, al->ncond, nx, -1))
                    continue;
                char fb[8];
                size_t fn = 0;
                uint32_t f = al->from;
                if (f < 0x80)
                    fb[fn++] = (char)f;
                else if (f < 0x800) {
                    fb[fn++] = (char)(0xC0 | (f >> 6));
                    fb[fn++] = (char)(0x80 | (f & 0x3F));
                } else {
                    fb[fn++] = (char)(0xE0 | (f >> 12));
                    fb[fn++] = (char)(0x80 | ((f >> 6) & 0x3F));
                    fb[fn++] = (char)(0x80 | (f & 0x3F));
                }
                (void)lc;
                (void)ls;
                if (tt_buf_append(out, w, i - al->ton) || tt_buf_append(out, fb, fn))
                    return TT_ENOMEM;
                return (int)i;
            }
            if (tt_buf_append(out, w, i))
                return TT_ENOMEM;
            return (int)i;
        }
    }
    if (tt_buf_append(out, w, wn))
        return TT_ENOMEM;
    return (int)wn;
}

/* ---- generation (samples for `lexicon check`) ---- */
typedef struct gen_ctx {
    const lx_grammar *g;
    const gclass *c;
    tt_buf *out;
    size_t max, count;
    char form[512];
    char desc[512];
} gen_ctx;

static int
gen_rec(gen_ctx *x, size_t fn, size_t dn, size_t slot, uint32_t prev, int prevtag, size_t depth_left)
{
    if (x->count >= x->max)
        return 0;
    if (depth_left == 0) {
        if (tt_buf_append(x->out, x->form, fn) || tt_buf_putc(x->out, '\t') ||
            tt_buf_append(x->out, x->desc, dn) || tt_buf_putc(x->out, '\n'))
            return TT_ENOMEM;
        x->count++;
        return 0;
    }
    for (size_t s = slot; s < x->c->nslot; s++) {
        const gslot *sl = &x->c->slot[s];
        /* the first allomorph that fits: one sample per slot, not every harmony variant */
        for (size_t k = 0; k < sl->nm; k++) {
            const gmorph *m = &sl->m[k];
            if (!cond_ok(x->g, m->cond, m->ncond, prev, prevtag))
                continue;
            size_t sn = strlen(sl->name);
            if (fn + m->n >= sizeof x->form || dn + sn + 2 >= sizeof x->desc)
                return 0;
            memcpy(x->form + fn, m->s, m->n);
            x->desc[dn] = '+';
            memcpy(x->desc + dn + 1, sl->name, sn);
            int rc = gen_rec(x, fn + m->n, dn + 1 + sn, s + 1, m->last, m->tag, depth_left - 1);
            if (rc)
                return rc;
            break;
        }
    }
    return 0;
}

int
lx_grammar_generate(const lx_grammar *g, int cls, const char *stem, size_t sn, size_t max, tt_buf *out)
{
    const gclass *c = resolve(g, cls);
    if (!c || sn >= 256)
        return 0;
    gen_ctx x = {g, c, out, max, 0, {0}, {0}};
    memcpy(x.form, stem, sn);
    uint32_t prev = tt_utf8_last(stem, sn, NULL);
    for (size_t d = 1; d <= 3 && x.count < max; d++) {
        int rc = gen_rec(&x, sn, 0, 0, prev, TAG_STEM, d);
        if (rc)
            return rc;
    }
    return 0;
}

int
lx_grammar_forms(const lx_grammar *g, int cls, const char *lemma, size_t n, tt_buf *out)
{
    const gclass *c = resolve(g, cls);
    const gform *best = NULL;
    size_t bestlen = 0;
    for (size_t i = 0; c && i < c->nform; i++) {
        size_t el = strlen(c->form[i].ending);
        if (el > n || memcmp(lemma + n - el, c->form[i].ending, el) != 0)
            continue;
        if (!best || el > bestlen) {
            best = &c->form[i];
            bestlen = el;
        }
    }
    if (best && bestlen < n) {
        const char *e = best->endings;
        for (size_t k = 0; k < best->nendings; k++, e += strlen(e) + 1)
            if (tt_buf_append(out, lemma, n - bestlen) || tt_buf_puts(out, e) || tt_buf_putc(out, 0))
                return TT_ENOMEM;
        return 0;
    }
    if (tt_buf_putc(out, 0) || tt_buf_putc(out, 0))
        return TT_ENOMEM;
    return 0;
}

/* ---- vocabulary stemming helpers (tt_stem_word, stem.c) ---- */

size_t
lx_grammar_keep(const lx_grammar *g, const char *w, size_t wn, size_t sn)
{
    for (size_t i = 0; i < g->nkeep; i++) {
        size_t en = strlen(g->keep[i]);
        /* the last occurrence of the ending that the cut at sn falls into or before */
        for (size_t p = wn >= en ? wn - en + 1 : 0; p-- > 0;) {
            if (memcmp(w + p, g->keep[i], en) != 0)
                continue;
            if (sn >= p + en)
                break;
            if (p + en == wn)
                return wn;
            for (size_t ci = 1; ci < g->ncls; ci++) {
                const gclass *c = resolve(g, (int)ci);
                actx a = {g, c, w, wn, NULL, {0}, 0, g->vocab_skip};
                if (c->nslot && try_base(&a, p + en, -1))
                    return p + en;
            }
            break;
        }
    }
    return sn;
}

int
lx_grammar_strip_slot(const lx_grammar *g, const char *slot, const char *w, size_t wn, tt_buf *out)
{
    const gclass *c = resolve(g, lx_grammar_class(g, "noun", 4));
    const gslot *sl = NULL;
    for (size_t s = 0; c && s < c->nslot; s++)
        if (!strcmp(c->slot[s].name, slot))
            sl = &c->slot[s];
    size_t best = wn;
    for (size_t k = 0; sl && k < sl->nm; k++) {
        const gmorph *m = &sl->m[k];
        if (m->n >= wn || memcmp(w + wn - m->n, m->s, m->n) != 0)
            continue;
        size_t bn = wn - m->n;
        if (tt_utf8_chars(w, bn) < g->min_stem || (best < wn && bn <= best))
            continue;
        if (cond_ok(g, m->cond, m->ncond, tt_utf8_last(w, bn, NULL), TAG_STEM))
            best = bn;
    }
    if (best < wn && g->hyphen && w[best - 1] == '-')
        best--;
    return tt_buf_append(out, w, best) ? TT_ENOMEM : (int)best;
}
