/* collocates.c - the exporter's discovery state (discover_priv.h): surface forms of the vocabulary
 * terms and collocates.tsv, the association of each concept with the terms around its hits
 * (tt/export.h). */
#include <stdlib.h>
#include <string.h>

#include "tt/measures.h"
#include "tt/num.h"

#include "discover_priv.h"

int
tt_disc_new(tt_disc **out, const tt_context *coll, size_t ncoll, size_t nc, uint64_t coll_min,
            double ntp, int newterms, int by_group)
{
    *out = NULL;
    tt_disc *d = calloc(1, sizeof *d);
    if (!d)
        return TT_ENOMEM;
    if (ncoll > sizeof d->coll / sizeof *d->coll)
        ncoll = sizeof d->coll / sizeof *d->coll;
    if (ncoll)
        memcpy(d->coll, coll, ncoll * sizeof *coll);
    d->ncoll = ncoll;
    d->nc = nc;
    d->coll_min = coll_min ? coll_min : 2;
    d->ntp = ntp > 0 ? ntp : 0.05;
    d->newterms = newterms;
    d->g = SIZE_MAX;
    d->last_t = SIZE_MAX;
    d->by = by_group;
    d->cg = SIZE_MAX;
    size_t n = (ncoll ? ncoll : 1) * (nc ? nc : 1);
    d->freq = calloc(n, sizeof *d->freq);
    d->span = calloc(n, sizeof *d->span);
    if (!d->freq || !d->span) {
        tt_disc_free(d);
        return TT_ENOMEM;
    }
    *out = d;
    return 0;
}

void
tt_disc_free(tt_disc *d)
{
    if (!d)
        return;
    free(d->t);
    tt_strmap_free(&d->surf);
    free(d->slots);
    tt_u64map_free(&d->pairs);
    tt_u64map_free(&d->nt_counts);
    tt_u64map_free(&d->gpairs);
    tt_u64map_free(&d->gfreq);
    tt_u64map_free(&d->gspan);
    tt_u64map_free(&d->gcf);
    tt_u64map_free(&d->gns);
    free(d->gtok);
    free(d->gsent);
    free(d->freq);
    free(d->span);
    free(d);
}

int
tt_disc_doc(tt_disc *d, size_t g, size_t cg, uint64_t tokens, uint64_t sentences)
{
    d->g = g;
    d->last_t = SIZE_MAX;
    d->cg = d->by && cg < 0xffff ? cg : SIZE_MAX;
    if (d->cg == SIZE_MAX)
        return 0;
    if (cg >= d->capg) {
        size_t n = d->capg ? d->capg * 2 : 64;
        while (n <= cg)
            n *= 2;
        double *a = realloc(d->gtok, n * sizeof *a),
               *b = a ? realloc(d->gsent, n * sizeof *b) : NULL;
        if (a)
            d->gtok = a;
        if (!a || !b)
            return TT_ENOMEM;
        d->gsent = b;
        memset(a + d->capg, 0, (n - d->capg) * sizeof *a);
        memset(b + d->capg, 0, (n - d->capg) * sizeof *b);
        d->capg = n;
    }
    d->gtok[cg] += (double)tokens;
    d->gsent[cg] += (double)sentences;
    return 0;
}

int64_t
tt_disc_last_term(const tt_disc *d)
{
    return d->last_t == SIZE_MAX ? -1 : (int64_t)d->last_t;
}

static int
grow(tt_disc *d, size_t t)
{
    if (t < d->nt)
        return 0;
    if (t >= d->capt) {
        size_t n = d->capt ? d->capt * 2 : 4096;
        while (n <= t)
            n *= 2;
        dterm *x = realloc(d->t, n * sizeof *x);
        if (!x)
            return TT_ENOMEM;
        d->t = x;
        d->capt = n;
    }
    for (size_t i = d->nt; i <= t; i++) {
        memset(&d->t[i], 0, sizeof d->t[i]);
        d->t[i].slots = -1;
    }
    d->nt = t + 1;
    return 0;
}

int
tt_disc_vocab(tt_disc *d, size_t t, uint64_t count, uint64_t sentences, unsigned flags)
{
    if (grow(d, t))
        return TT_ENOMEM;
    d->last_t = t;
    d->t[t].nsent += sentences;
    d->t[t].flags |= (unsigned char)flags;
    if (d->cg != SIZE_MAX && (flags & 1) &&
        (tt_u64map_add(&d->gcf, (uint64_t)t << 16 | d->cg, (double)count) ||
         tt_u64map_add(&d->gns, (uint64_t)t << 16 | d->cg, (double)sentences)))
        return TT_ENOMEM;
    if (!d->newterms || d->g == SIZE_MAX || !(flags & 1) || d->g >= ((size_t)1 << 20))
        return 0;
    dterm *x = &d->t[t];
    for (int i = 0; i < 2; i++) {
        if (x->ng[i] == d->g + 1) {
            x->nc[i] += count;
            return 0;
        }
        if (!x->ng[i]) {
            x->ng[i] = (uint32_t)(d->g + 1);
            x->nc[i] = count;
            return 0;
        }
    }
    return tt_u64map_add(&d->nt_counts, (uint64_t)t << 20 | d->g, (double)count);
}

uint64_t
tt_disc_nt_count(const tt_disc *d, size_t t, size_t g)
{
    if (t >= d->nt)
        return 0;
    for (int i = 0; i < 2; i++)
        if (d->t[t].ng[i] == g + 1)
            return d->t[t].nc[i];
    const double *v = tt_u64map_get(&d->nt_counts, (uint64_t)t << 20 | g);
    return v ? (uint64_t)*v : 0;
}

/* 1 if surface index i of d->surf is s[0..n) */
static int
surf_is(const tt_disc *d, size_t i, const char *s, size_t n)
{
    size_t kn;
    const char *k = tt_strmap_key(&d->surf, i, &kn);
    return kn == n && memcmp(k, s, n) == 0;
}

int
tt_disc_form(tt_disc *d, size_t t, const char *surface, size_t n, uint64_t count)
{
    if (grow(d, t))
        return TT_ENOMEM;
    dterm *x = &d->t[t];
    x->listed += count;
    if (x->slots < 0) {
        if (d->nslots == d->capslots) {
            size_t c = d->capslots ? d->capslots * 2 : 1024;
            dslots *ns = realloc(d->slots, c * sizeof *ns);
            if (!ns)
                return TT_ENOMEM;
            d->slots = ns;
            d->capslots = c;
        }
        memset(&d->slots[d->nslots], 0, sizeof d->slots[d->nslots]);
        x->slots = (int64_t)d->nslots++;
    }
    dslots *sl = &d->slots[x->slots];
    for (int i = 0; i < DISC_SLOTS; i++)
        if (sl->cnt[i] && surf_is(d, sl->surf[i], surface, n)) {
            sl->cnt[i] += count;
            return 0;
        }
    /* a new surface: a free counter, or every counter (and it) lose the smallest count */
    uint64_t m = count;
    for (int i = 0; i < DISC_SLOTS; i++)
        if (sl->cnt[i] < m)
            m = sl->cnt[i];
    if (m) {
        for (int i = 0; i < DISC_SLOTS; i++)
            sl->cnt[i] -= m;
        count -= m;
    }
    if (!count)
        return 0;
    for (int i = 0; i < DISC_SLOTS; i++)
        if (!sl->cnt[i]) {
            size_t si;
            if (tt_strmap_intern(&d->surf, surface, n, &si, NULL))
                return TT_ENOMEM;
            sl->cnt[i] = count;
            sl->surf[i] = si;
            return 0;
        }
    return 0;
}

static int64_t
ctx_index(const tt_disc *d, const char *name)
{
    for (size_t i = 0; i < d->ncoll; i++)
        if (!strcmp(d->coll[i].name, name))
            return (int64_t)i;
    return -1;
}

int
tt_disc_coll(tt_disc *d, const char *ctx, size_t col, size_t t, uint64_t count)
{
    int64_t k = ctx_index(d, ctx);
    if (k < 0 || col >= d->nc)
        return 0;
    uint64_t key = ((uint64_t)t * d->ncoll + (uint64_t)k) * d->nc + col;
    if (d->cg != SIZE_MAX && key < (uint64_t)1 << 48 &&
        tt_u64map_add(&d->gpairs, key << 16 | d->cg, (double)count))
        return TT_ENOMEM;
    return tt_u64map_add(&d->pairs, key, (double)count);
}

int
tt_disc_collc(tt_disc *d, const char *ctx, size_t col, uint64_t freq, uint64_t span)
{
    int64_t k = ctx_index(d, ctx);
    if (k < 0 || col >= d->nc)
        return 0;
    d->freq[(size_t)k * d->nc + col] += freq;
    d->span[(size_t)k * d->nc + col] += span;
    uint64_t key = ((uint64_t)k * d->nc + col) << 16 | d->cg;
    if (d->cg != SIZE_MAX && (tt_u64map_add(&d->gfreq, key, (double)freq) ||
                              tt_u64map_add(&d->gspan, key, (double)span)))
        return TT_ENOMEM;
    return 0;
}

/* The form of unigram term t: its most frequent surface (ties: the smaller in byte order), the term
 * itself counting as one (cf minus the tokens listed otherwise). */
static int
unigram_form(tt_disc *d, const tt_strmap *terms, size_t t, tt_buf *out)
{
    size_t bn;
    const char *best = tt_strmap_key(terms, t, &bn);
    if (t < d->nt && d->t[t].slots >= 0) {
        uint64_t cf = terms->val[t][1], listed = d->t[t].listed, bc = cf > listed ? cf - listed : 0;
        const dslots *sl = &d->slots[d->t[t].slots];
        for (int i = 0; i < DISC_SLOTS; i++) {
            if (!sl->cnt[i])
                continue;
            size_t kn;
            const char *k = tt_strmap_key(&d->surf, sl->surf[i], &kn);
            size_t m = kn < bn ? kn : bn;
            int r = memcmp(k, best, m);
            if (sl->cnt[i] > bc || (sl->cnt[i] == bc && (r < 0 || (r == 0 && kn < bn)))) {
                best = k;
                bn = kn;
                bc = sl->cnt[i];
            }
        }
    }
    return tt_buf_append(out, best, bn);
}

int
tt_disc_form_of(tt_disc *d, const tt_strmap *terms, size_t t, tt_buf *out)
{
    size_t tn;
    const char *ts = tt_strmap_key(terms, t, &tn);
    if (!memchr(ts, ' ', tn))
        return unigram_form(d, terms, t, out) ? TT_ENOMEM : 0;
    /* an n-gram: its words' forms */
    for (size_t i = 0; i < tn;) {
        const char *sp = memchr(ts + i, ' ', tn - i);
        size_t e = sp ? (size_t)(sp - ts) : tn;
        int64_t w = tt_strmap_find(terms, ts + i, e - i);
        if ((i && tt_buf_putc(out, ' ')) ||
            (w >= 0 ? unigram_form(d, terms, (size_t)w, out) : tt_buf_append(out, ts + i, e - i)))
            return TT_ENOMEM;
        i = e + 1;
    }
    return 0;
}

typedef struct crow {
    uint64_t term, cooc;
    double log_dice;
} crow;

/* rows: log-Dice, largest first; then cooc, largest first; then the term in byte order (qsort_r:
 * terms) */
static int
cmp_crow(const void *a, const void *b, void *arg)
{
    const crow *x = a, *y = b;
    if (x->log_dice != y->log_dice)
        return x->log_dice > y->log_dice ? -1 : 1;
    if (x->cooc != y->cooc)
        return x->cooc > y->cooc ? -1 : 1;
    size_t xn, yn;
    const char *xs = tt_strmap_key(arg, x->term, &xn), *ys = tt_strmap_key(arg, y->term, &yn);
    size_t m = xn < yn ? xn : yn;
    int c = memcmp(xs, ys, m);
    return c ? c : (xn > yn) - (xn < yn);
}

/* The measures of one row (stages/50-count/docres.md, "Collocates"). */
static void
measures(const tt_disc *d, size_t k, size_t col, double o11, double tfreq, double ntok,
         double nsent, tt_assoc *a)
{
    double fc = (double)d->freq[k * d->nc + col], sp = (double)d->span[k * d->nc + col];
    if (d->coll[k].kind == TT_CTX_WINDOW)
        tt_assoc_window(o11, fc, sp, tfreq, ntok, a);
    else
        tt_assoc_compute(o11, fc, tfreq, nsent, a);
}

int
tt_disc_collocates(tt_disc *d, const tt_strmap *terms, const char *const *ids, double ntok,
                   double nsent, tt_buf *out)
{
    if (tt_buf_puts(
            out,
            "concept_id\tterm\tform\tcontext\tcooc\tconcept_freq\tterm_freq\tlog_dice\tmi\tg2\t"
            "t_score\n"))
        return TT_ENOMEM;
    if (!d->ncoll || !d->nc)
        return 0;
    int ok;
    uint64_t *keys = tt_u64map_keys(&d->pairs, &ok);
    if (!ok)
        return TT_ENOMEM;
    /* rows by concept, then context: count them per (col, ctx) first */
    size_t ncell = d->nc * (d->ncoll ? d->ncoll : 1);
    size_t *start = calloc(ncell + 1, sizeof *start);
    crow *rows = d->pairs.n ? malloc(d->pairs.n * sizeof *rows) : NULL;
    if (!start || (d->pairs.n && !rows)) {
        free(keys);
        free(start);
        free(rows);
        return TT_ENOMEM;
    }
    for (size_t i = 0; i < d->pairs.n; i++) {
        uint64_t col = keys[i] % d->nc, rest = keys[i] / d->nc, k = rest % d->ncoll;
        start[col * d->ncoll + k + 1]++;
    }
    for (size_t i = 0; i < ncell; i++)
        start[i + 1] += start[i];
    size_t *fill = calloc(ncell, sizeof *fill);
    if (!fill) {
        free(keys);
        free(start);
        free(rows);
        return TT_ENOMEM;
    }
    for (size_t i = 0; i < d->pairs.n; i++) {
        uint64_t col = keys[i] % d->nc, rest = keys[i] / d->nc, k = rest % d->ncoll,
                 t = rest / d->ncoll;
        size_t cell = col * d->ncoll + k;
        crow *r = &rows[start[cell] + fill[cell]++];
        r->term = t;
        r->cooc = (uint64_t)*tt_u64map_get(&d->pairs, keys[i]);
        double tf = d->coll[k].kind == TT_CTX_WINDOW ? (double)terms->val[t][1]
                                                     : (double)(t < d->nt ? d->t[t].nsent : 0);
        tt_assoc a;
        measures(d, k, col, (double)r->cooc, tf, ntok, nsent, &a);
        r->log_dice = a.log_dice;
    }
    free(fill);
    free(keys);
    int rc = 0;
    for (size_t cell = 0; cell < ncell && !rc; cell++) {
        size_t a0 = start[cell], a1 = start[cell + 1];
        if (a1 - a0 > 1)
            qsort_r(rows + a0, a1 - a0, sizeof *rows, cmp_crow, (void *)terms);
        size_t col = cell / d->ncoll, k = cell % d->ncoll;
        for (size_t i = a0; i < a1 && !rc; i++) {
            const crow *r = &rows[i];
            if (r->cooc < d->coll_min)
                continue;
            size_t tn;
            const char *ts = tt_strmap_key(terms, r->term, &tn);
            double tf = d->coll[k].kind == TT_CTX_WINDOW
                            ? (double)terms->val[r->term][1]
                            : (double)(r->term < d->nt ? d->t[r->term].nsent : 0);
            tt_assoc a;
            measures(d, k, col, (double)r->cooc, tf, ntok, nsent, &a);
            uint64_t fc = d->freq[k * d->nc + col];
            if (tt_buf_put_tsv(out, ids[col], strlen(ids[col])) || tt_buf_putc(out, '\t') ||
                tt_buf_put_tsv(out, ts, tn) || tt_buf_putc(out, '\t'))
                rc = TT_ENOMEM;
            tt_buf form = {0};
            if (!rc && (tt_disc_form_of(d, terms, r->term, &form) ||
                        tt_buf_put_tsv(out, form.data ? form.data : "", form.len)))
                rc = TT_ENOMEM;
            tt_buf_free(&form);
            if (!rc &&
                (tt_buf_putc(out, '\t') || tt_buf_puts(out, d->coll[k].name) ||
                 tt_buf_putc(out, '\t') || tt_buf_put_u64(out, r->cooc) || tt_buf_putc(out, '\t') ||
                 tt_buf_put_u64(out, fc) || tt_buf_putc(out, '\t') ||
                 tt_buf_put_u64(out, (uint64_t)tf) || tt_buf_putc(out, '\t') ||
                 tt_num_put_fixed(out, a.log_dice, 4) || tt_buf_putc(out, '\t') ||
                 tt_num_put_fixed(out, a.pmi, 4) || tt_buf_putc(out, '\t') ||
                 tt_num_put_fixed(out, a.g2, 4) || tt_buf_putc(out, '\t') ||
                 tt_num_put_fixed(out, a.t_score, 4) || tt_buf_putc(out, '\n')))
                rc = TT_ENOMEM;
        }
    }
    free(start);
    free(rows);
    return rc;
}

typedef struct grow_ {
    uint64_t key; /* pairs key << 16 | group */
    uint64_t cooc;
    double log_dice;
} grow_;

static double
mapv(const tt_u64map *m, uint64_t k)
{
    const double *v = tt_u64map_get(m, k);
    return v ? *v : 0.0;
}

/* the measures of a grouped row */
static void
gmeasures(const tt_disc *d, uint64_t key, uint64_t cooc, double *tf, double *fc, tt_assoc *a)
{
    uint64_t g = key & 0xffff, base = key >> 16, col = base % d->nc, rest = base / d->nc,
             k = rest % d->ncoll, t = rest / d->ncoll;
    uint64_t ck = (k * d->nc + col) << 16 | g;
    *fc = mapv(&d->gfreq, ck);
    if (d->coll[k].kind == TT_CTX_WINDOW) {
        *tf = mapv(&d->gcf, t << 16 | g);
        tt_assoc_window((double)cooc, *fc, mapv(&d->gspan, ck), *tf, d->gtok[g], a);
    } else {
        *tf = mapv(&d->gns, t << 16 | g);
        tt_assoc_compute((double)cooc, *fc, *tf, d->gsent[g], a);
    }
}

/* rows: group (key bytes), concept column, context, then as in collocates.tsv (qsort_r: the disc)
 */
typedef struct gsort {
    const tt_disc *d;
    const tt_strmap *terms, *groups;
} gsort;

static int
cmp_grow(const void *a, const void *b, void *arg)
{
    const gsort *gs = arg;
    const tt_disc *d = gs->d;
    const grow_ *x = a, *y = b;
    size_t xn, yn;
    const char *xs = tt_strmap_key(gs->groups, x->key & 0xffff, &xn),
               *ys = tt_strmap_key(gs->groups, y->key & 0xffff, &yn);
    size_t m = xn < yn ? xn : yn;
    int c = memcmp(xs, ys, m);
    if (c || xn != yn)
        return c ? c : (xn > yn) - (xn < yn);
    uint64_t xb = x->key >> 16, yb = y->key >> 16;
    uint64_t xc = xb % d->nc, yc = yb % d->nc, xk = xb / d->nc % d->ncoll,
             yk = yb / d->nc % d->ncoll;
    if (xc != yc)
        return xc < yc ? -1 : 1;
    if (xk != yk)
        return xk < yk ? -1 : 1;
    if (x->log_dice != y->log_dice)
        return x->log_dice > y->log_dice ? -1 : 1;
    if (x->cooc != y->cooc)
        return x->cooc > y->cooc ? -1 : 1;
    xs = tt_strmap_key(gs->terms, xb / d->nc / d->ncoll, &xn);
    ys = tt_strmap_key(gs->terms, yb / d->nc / d->ncoll, &yn);
    m = xn < yn ? xn : yn;
    c = memcmp(xs, ys, m);
    return c ? c : (xn > yn) - (xn < yn);
}

int
tt_disc_collocates_by(tt_disc *d, const tt_strmap *terms, const char *const *ids,
                      const tt_strmap *groups, const char (*keys)[64], size_t nkeys, tt_buf *out)
{
    for (size_t i = 0; i < nkeys; i++)
        if (tt_buf_puts(out, keys[i]) || tt_buf_putc(out, '\t'))
            return TT_ENOMEM;
    if (tt_buf_puts(
            out,
            "concept_id\tterm\tform\tcontext\tcooc\tconcept_freq\tterm_freq\tlog_dice\tmi\tg2\t"
            "t_score\n"))
        return TT_ENOMEM;
    if (!d->ncoll || !d->nc)
        return 0;
    const tt_u64map *m = &d->gpairs;
    grow_ *rows = m->n ? malloc(m->n * sizeof *rows) : NULL;
    if (m->n && !rows)
        return TT_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->used[i] || m->vals[i] < (double)d->coll_min || (m->keys[i] & 0xffff) >= groups->n)
            continue;
        double tf, fc;
        tt_assoc a;
        rows[n] = (grow_){m->keys[i], (uint64_t)m->vals[i], 0};
        gmeasures(d, rows[n].key, rows[n].cooc, &tf, &fc, &a);
        rows[n++].log_dice = a.log_dice;
    }
    gsort gs = {d, terms, groups};
    if (n > 1)
        qsort_r(rows, n, sizeof *rows, cmp_grow, &gs);
    int rc = 0;
    tt_buf form = {0};
    for (size_t i = 0; i < n && !rc; i++) {
        uint64_t key = rows[i].key, g = key & 0xffff, base = key >> 16, col = base % d->nc,
                 k = base / d->nc % d->ncoll, t = base / d->nc / d->ncoll;
        double tf, fc;
        tt_assoc a;
        gmeasures(d, key, rows[i].cooc, &tf, &fc, &a);
        size_t gn, tn;
        const char *gk = tt_strmap_key(groups, g, &gn), *ts = tt_strmap_key(terms, t, &tn);
        tt_buf_reset(&form);
        if (tt_buf_append(out, gk, gn) || tt_buf_putc(out, '\t') ||
            tt_buf_put_tsv(out, ids[col], strlen(ids[col])) || tt_buf_putc(out, '\t') ||
            tt_buf_put_tsv(out, ts, tn) || tt_buf_putc(out, '\t') ||
            tt_disc_form_of(d, terms, t, &form) ||
            tt_buf_put_tsv(out, form.data ? form.data : "", form.len) || tt_buf_putc(out, '\t') ||
            tt_buf_puts(out, d->coll[k].name) || tt_buf_putc(out, '\t') ||
            tt_buf_put_u64(out, rows[i].cooc) || tt_buf_putc(out, '\t') ||
            tt_buf_put_u64(out, (uint64_t)fc) || tt_buf_putc(out, '\t') ||
            tt_buf_put_u64(out, (uint64_t)tf) || tt_buf_putc(out, '\t') ||
            tt_num_put_fixed(out, a.log_dice, 4) || tt_buf_putc(out, '\t') ||
            tt_num_put_fixed(out, a.pmi, 4) || tt_buf_putc(out, '\t') ||
            tt_num_put_fixed(out, a.g2, 4) || tt_buf_putc(out, '\t') ||
            tt_num_put_fixed(out, a.t_score, 4) || tt_buf_putc(out, '\n'))
            rc = TT_ENOMEM;
    }
    tt_buf_free(&form);
    free(rows);
    return rc;
}
