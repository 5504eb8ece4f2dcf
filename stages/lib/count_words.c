/* count_words.c - the counter's word tokens (tt_counter_word, tt_counter_flush of tt/count.h):
 * surface forms of the vocabulary terms, stop words, and the collocates of each concept in windows
 * and sentences, written as a docres record's vform, coll and collc lines
 * (stages/50-count/docres.md). */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "tt/docres.h"
#include "tt/tokenize.h"

#include "count_priv.h"

#define SENT_CAP (1u << 22) /* a sentence longer than this many words is counted in parts */

int
tt_cw_init(tt_counter *c, const tt_count_opts *opts, tt_error *err)
{
    cw_state *s = &c->cw;
    if (opts->ncoll > sizeof s->coll / sizeof *s->coll)
        return tt_error_set(err, TT_EUSAGE, "too many collocate contexts (at most %zu)",
                            sizeof s->coll / sizeof *s->coll);
    if (c->nc >= (size_t)1 << 24)
        return tt_error_set(err, TT_EUSAGE, "too many concepts for collocates (at most 16777215)");
    for (size_t i = 0; i < opts->ncoll; i++) {
        const tt_context *x = &opts->coll[i];
        if (x->kind != TT_CTX_WINDOW && x->kind != TT_CTX_SENTENCE)
            return tt_error_set(err, TT_EUSAGE, "collocate context '%s': only windowN and sentence",
                                x->name);
        s->coll[i] = *x;
        if (x->kind == TT_CTX_WINDOW && x->n > s->maxwin)
            s->maxwin = x->n;
    }
    s->ncoll = opts->ncoll;
    s->vocab_stop = opts->vocab_stop;
    size_t nc = c->nc ? c->nc : 1, nk = s->ncoll ? s->ncoll : 1;
    s->cfreq = calloc(nk * nc, sizeof *s->cfreq);
    s->cspan = calloc(nk * nc, sizeof *s->cspan);
    s->stamp = calloc(2 * nc, sizeof *s->stamp);
    s->mind = calloc(nc, sizeof *s->mind);
    s->touched = calloc(nc, sizeof *s->touched);
    s->sconc = calloc(nc, sizeof *s->sconc);
    if (!s->cfreq || !s->cspan || !s->stamp || !s->mind || !s->touched || !s->sconc)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

void
tt_cw_free(tt_counter *c)
{
    cw_state *s = &c->cw;
    free(s->w);
    tt_strmap_free(&s->forms);
    tt_u64map_free(&s->coll_n);
    free(s->cfreq);
    free(s->cspan);
    free(s->stamp);
    free(s->mind);
    free(s->touched);
    free(s->sconc);
    free(s->pairs);
    free(s->fhead);
    free(s->fnext);
    tt_buf_free(&s->tmp);
}

void
tt_cw_begin(tt_counter *c)
{
    cw_state *s = &c->cw;
    s->nw = s->wlo = s->slo = 0;
    s->nwords = 0;
    s->in_sentence = 0;
    s->nsconc = s->npairs = 0;
    s->brk_next = 0;
    tt_strmap_reset(&s->forms);
    tt_u64map_reset(&s->coll_n);
    size_t n = (s->ncoll ? s->ncoll : 1) * (c->nc ? c->nc : 1);
    if (s->cfreq) {
        memset(s->cfreq, 0, n * sizeof *s->cfreq);
        memset(s->cspan, 0, n * sizeof *s->cspan);
    }
}

/* A discovery word: two characters or more, a letter, no digit. */
static int
is_word(const char *t, size_t n)
{
    int letter = 0, chars = 0;
    for (int32_t i = 0; i < (int32_t)n; chars++) {
        UChar32 ch;
        U8_NEXT(t, i, (int32_t)n, ch);
        if (ch < 0 || u_isdigit(ch))
            return 0;
        letter |= u_isalpha(ch);
    }
    return letter && chars >= 2;
}

/* The surface as the term's display form: sentence-initial capitals lowered (their capital says
 * nothing). */
static int
surface_form(const tt_docword *w, tt_buf *out)
{
    const char *s = w->surface ? w->surface : "";
    size_t n = w->surface ? w->surface_len : 0;
    if ((w->flags & TT_TOK_CAPITAL) && (w->flags & TT_TOK_SENT_START) && n && n < INT32_MAX) {
        int32_t i = 0;
        UChar32 ch;
        U8_NEXT(s, i, (int32_t)n, ch);
        if (ch >= 0) {
            char b[U8_MAX_LENGTH];
            int32_t k = 0;
            UBool bad = 0;
            U8_APPEND((uint8_t *)b, k, U8_MAX_LENGTH, u_tolower(ch), bad);
            if (!bad)
                return tt_buf_append(out, b, (size_t)k) || tt_buf_append(out, s + i, n - (size_t)i);
        }
    }
    return tt_buf_append(out, s, n);
}

int
tt_counter_word(tt_counter *c, const tt_docword *w, tt_error *err)
{
    if (!c->vocab)
        return 0;
    cw_state *s = &c->cw;
    int brk = s->nwords == 0 || w->sent != s->last_sent || w->gap;
    s->last_sent = w->sent;
    s->nwords++;
    int64_t ti = -1;
    if (w->n && !(w->stop && s->vocab_stop)) {
        size_t idx;
        if (tt_counter_term(c, w->term, w->n, brk || s->brk_next, w->sent, &idx))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        s->brk_next = 0;
        termx *x = &c->tx[idx];
        if (!(x->flags & TX_WCHK)) { /* once per term and document */
            x->flags |= TX_WCHK;
            if (is_word(w->term, w->n))
                x->flags |= TX_WORD;
            x->last_form = -1;
        }
        if (!w->stop && !(w->flags & TT_TOK_NUMBER) && (x->flags & TX_WORD)) {
            x->flags |= TX_DISC;
            ti = (int64_t)idx;
        }
        if (!w->surface_len) /* no text (an old hits stream): the term shows as itself */
            goto buffered;
        tt_buf *b = &s->tmp;
        tt_buf_reset(b);
        if (tt_buf_append(b, w->term, w->n) || tt_buf_putc(b, 0) || surface_form(w, b))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        const char *sf = b->data + w->n + 1;
        size_t sl = b->len - w->n - 1;
        /* most tokens of a term repeat its last surface: compare before hashing */
        if (x->last_form >= 0) {
            size_t kn;
            const char *k = tt_strmap_key(&s->forms, (size_t)x->last_form, &kn);
            if (kn == b->len && memcmp(k + w->n + 1, sf, sl) == 0) {
                s->forms.val[x->last_form][0]++;
                goto buffered;
            }
        }
        if (sl != w->n || memcmp(sf, w->term, w->n) != 0) {
            size_t fi;
            if (tt_strmap_intern(&s->forms, b->data, b->len, &fi, NULL))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
            s->forms.val[fi][0]++;
            s->forms.val[fi][1] = idx;
            c->tx[idx].last_form = (int64_t)fi;
        }
    } else if (w->n) {
        s->brk_next = 1; /* a stop word left out: no n-gram across it */
    }
buffered:
    if (s->nw == s->capw) {
        size_t n = s->capw ? s->capw * 2 : 4096;
        cword *x = realloc(s->w, n * sizeof *x);
        if (!x)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        s->w = x;
        s->capw = n;
    }
    s->w[s->nw].tok = w->tok;
    s->w[s->nw].sent = w->sent;
    s->w[s->nw].term = ti;
    s->nw++;
    return 0;
}

static int
add_pair(cw_state *s, uint64_t key)
{
    if (s->npairs == s->cappairs) {
        size_t n = s->cappairs ? s->cappairs * 2 : 1024;
        uint64_t *x = realloc(s->pairs, n * sizeof *x);
        if (!x)
            return TT_ENOMEM;
        s->pairs = x;
        s->cappairs = n;
    }
    s->pairs[s->npairs++] = key;
    return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Collocates are centred on the hits that count: role text, or every one with --count all. */
static int
hit_counts(const tt_counter *c, const hitpos *h)
{
    return c->count_all || h->role == TT_ROLE_TEXT;
}

/* The concepts with a hit in sentence `sent` into s->sconc[0..s->nsconc). */
static void
sentence_concepts(tt_counter *c, uint32_t sent)
{
    cw_state *s = &c->cw;
    while (s->slo < c->nhits && c->hits[s->slo].sent < sent)
        s->slo++;
    s->nsconc = 0;
    uint64_t st = ++s->stampv;
    for (size_t j = s->slo; j < c->nhits && c->hits[j].sent == sent; j++) {
        if (!hit_counts(c, &c->hits[j]))
            continue;
        uint32_t k = c->hits[j].concept;
        if (s->stamp[c->nc + k] != st) {
            s->stamp[c->nc + k] = st;
            s->sconc[s->nsconc++] = k;
        }
    }
}

/* Ends a sentence: its (term, concept) pairs count once each. */
static int
end_sentence(tt_counter *c, size_t ks)
{
    cw_state *s = &c->cw;
    if (s->npairs > 1)
        qsort(s->pairs, s->npairs, sizeof *s->pairs, cmp_u64);
    for (size_t i = 0; i < s->npairs; i++) {
        if (i && s->pairs[i] == s->pairs[i - 1])
            continue;
        uint64_t term = s->pairs[i] >> 24, k = s->pairs[i] & 0xffffff;
        if (tt_u64map_add(&s->coll_n, (term * s->ncoll + ks) * c->nc + k, 1.0))
            return TT_ENOMEM;
    }
    s->npairs = 0;
    for (size_t i = 0; i < s->nsconc; i++) {
        s->cfreq[ks * c->nc + s->sconc[i]]++;
        s->cspan[ks * c->nc + s->sconc[i]]++;
    }
    s->nsconc = 0;
    return 0;
}

/* One word: the hits around it, its window collocates, its sentence pairs. */
static int
one_word(tt_counter *c, const cword *w)
{
    cw_state *s = &c->cw;
    uint64_t p = w->tok, mw = s->maxwin;
    while (s->wlo < c->nhits && c->hits[s->wlo].tok_last + mw < p)
        s->wlo++;
    uint64_t near = ++s->stampv, inside = ++s->stampv; /* stamp[k]: near or inside this word */
    size_t nt = 0;
    for (size_t j = s->wlo; j < c->nhits && c->hits[j].tok_first <= p + mw; j++) {
        const hitpos *h = &c->hits[j];
        if (h->tok_last + mw < p)
            continue;
        if (!hit_counts(c, h))
            continue;
        if (h->tok_first <= p && p <= h->tok_last && w->term >= 0)
            c->tx[w->term].flags |= TX_HIT; /* a lexicon entry matches it */
        uint32_t k = h->concept;
        if (s->stamp[k] != near && s->stamp[k] != inside) {
            s->stamp[k] = near;
            s->mind[k] = UINT64_MAX;
            s->touched[nt++] = k;
        }
        if (h->tok_first <= p && p <= h->tok_last) {
            s->stamp[k] = inside;
        } else {
            uint64_t d = p < h->tok_first ? h->tok_first - p : p - h->tok_last;
            if (d < s->mind[k])
                s->mind[k] = d;
        }
    }
    for (size_t ks = 0; ks < s->ncoll; ks++) {
        const tt_context *x = &s->coll[ks];
        if (x->kind == TT_CTX_SENTENCE) {
            if (w->term < 0)
                continue;
            for (size_t i = 0; i < s->nsconc; i++) {
                uint32_t k = s->sconc[i];
                if (s->stamp[k] == inside)
                    continue;
                if (add_pair(s, (uint64_t)w->term << 24 | k))
                    return TT_ENOMEM;
            }
            continue;
        }
        for (size_t i = 0; i < nt; i++) {
            uint32_t k = s->touched[i];
            if (s->stamp[k] == inside || s->mind[k] > x->n)
                continue;
            s->cspan[ks * c->nc + k]++;
            if (w->term >= 0 &&
                tt_u64map_add(&s->coll_n, ((uint64_t)w->term * s->ncoll + ks) * c->nc + k, 1.0))
                return TT_ENOMEM;
        }
    }
    return 0;
}

int
tt_counter_flush(tt_counter *c, int last, tt_error *err)
{
    cw_state *s = &c->cw;
    if (!c->vocab || !s->nw)
        return 0;
    /* a hit with a name key may yet be dropped (one sense per document, known at the end): the words wait */
    if (!last && c->ncand && !c->settled)
        return 0;
    size_t k = s->nw;
    int sentences = 0;
    for (size_t i = 0; i < s->ncoll; i++)
        sentences |= s->coll[i].kind == TT_CTX_SENTENCE;
    if (!last) {
        /* hits of the next piece may reach the last maxwin words; its words may finish the last
         * sentence */
        uint64_t lt = s->w[s->nw - 1].tok;
        while (s->maxwin && k > 0 && s->w[k - 1].tok + s->maxwin > lt)
            k--;
        if (sentences) { /* back to the start of the sentence of w[k] (of the last one if k == nw)
                          */
            size_t j = k == s->nw ? s->nw - 1 : k;
            uint32_t st = s->w[j].sent;
            while (j > 0 && s->w[j - 1].sent == st && s->nw - j < SENT_CAP)
                j--;
            if (j < k)
                k = j;
        }
    }
    int rc = 0;
    size_t ksent = 0;
    for (size_t i = 0; i < s->ncoll; i++)
        if (s->coll[i].kind == TT_CTX_SENTENCE)
            ksent = i;
    for (size_t i = 0; i < k && !rc; i++) {
        if (sentences && (!s->in_sentence || s->w[i].sent != s->cur_sent)) {
            if (s->in_sentence)
                rc = end_sentence(c, ksent);
            sentence_concepts(c, s->w[i].sent);
            s->cur_sent = s->w[i].sent;
            s->in_sentence = 1;
        }
        if (!rc)
            rc = one_word(c, &s->w[i]);
    }
    if (!rc && sentences && s->in_sentence &&
        (last || (k < s->nw && s->w[k].sent != s->cur_sent))) {
        rc = end_sentence(c, ksent);
        s->in_sentence = 0;
    }
    if (rc)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    memmove(s->w, s->w + k, (s->nw - k) * sizeof *s->w);
    s->nw -= k;
    return 0;
}

static int
put_field(tt_buf *b, const char *s, size_t n)
{
    return tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, s, n);
}

static int
put_num(tt_buf *b, uint64_t v)
{
    return tt_buf_putc(b, '\t') || tt_buf_put_u64(b, v);
}

int
tt_cw_forms_prepare(tt_counter *c)
{
    cw_state *s = &c->cw;
    size_t nt = c->terms.n, nf = s->forms.n;
    if (nt > s->capfhead) {
        size_t *h = realloc(s->fhead, nt * sizeof *h);
        if (!h)
            return TT_ENOMEM;
        s->fhead = h;
        s->capfhead = nt;
    }
    if (nf > s->capfnext) {
        size_t *x = realloc(s->fnext, nf * sizeof *x);
        if (!x)
            return TT_ENOMEM;
        s->fnext = x;
        s->capfnext = nf;
    }
    for (size_t i = 0; i < nt; i++)
        s->fhead[i] = SIZE_MAX;
    for (size_t i = nf; i-- > 0;) { /* pushed from the back: each chain in first-seen order */
        size_t t = (size_t)s->forms.val[i][1];
        s->fnext[i] = s->fhead[t];
        s->fhead[t] = i;
    }
    return 0;
}

int
tt_cw_write_forms(tt_counter *c, size_t t, tt_buf *out)
{
    cw_state *s = &c->cw;
    size_t i = s->forms.n && t < s->capfhead ? s->fhead[t] : SIZE_MAX;
    if (i == SIZE_MAX) /* the vocab line's last two fields: no other surface */
        return tt_buf_puts(out, "\t\t0\n") ? TT_ENOMEM : 0;
    for (int first = 1; i != SIZE_MAX; i = s->fnext[i], first = 0) {
        size_t n;
        const char *k = tt_strmap_key(&s->forms, i, &n);
        size_t tl = strlen(k); /* term, NUL, surface */
        if ((!first && (tt_buf_puts(out, "vform") || put_field(out, k, tl))) ||
            put_field(out, k + tl + 1, n - tl - 1) || put_num(out, s->forms.val[i][0]) || tt_buf_putc(out, '\n'))
            return TT_ENOMEM;
    }
    return 0;
}

int
tt_cw_write(tt_counter *c, tt_buf *out)
{
    cw_state *s = &c->cw;
    int rc = 0;
    if (!s->ncoll)
        return 0;
    /* table order: deterministic for the document's tokens (tt/map.h), no sort needed */
    const tt_u64map *m = &s->coll_n;
    for (size_t i = 0; i < m->cap && !rc; i++) {
        if (!m->used[i])
            continue;
        uint64_t key = m->keys[i];
        uint64_t k = key % c->nc, rest = key / c->nc, ks = rest % s->ncoll, term = rest / s->ncoll;
        size_t tn;
        const char *t = tt_strmap_key(&c->terms, (size_t)term, &tn);
        const char *id = c->ids[k];
        rc = tt_buf_puts(out, "coll") ||
                     put_field(out, s->coll[ks].name, strlen(s->coll[ks].name)) ||
                     put_field(out, id, strlen(id)) || put_field(out, t, tn) ||
                     put_num(out, (uint64_t)m->vals[i]) || tt_buf_putc(out, '\n')
                 ? TT_ENOMEM
                 : 0;
    }
    for (size_t ks = 0; ks < s->ncoll && !rc; ks++)
        for (size_t k = 0; k < c->nc && !rc; k++) {
            int win = s->coll[ks].kind == TT_CTX_WINDOW;
            uint64_t fr = win ? c->tf[k] : s->cfreq[ks * c->nc + k], sp = s->cspan[ks * c->nc + k];
            if (!fr)
                continue;
            const char *id = c->ids[k];
            rc = tt_buf_puts(out, "collc") ||
                         put_field(out, s->coll[ks].name, strlen(s->coll[ks].name)) ||
                         put_field(out, id, strlen(id)) || put_num(out, fr) || put_num(out, sp) ||
                         tt_buf_putc(out, '\n')
                     ? TT_ENOMEM
                     : 0;
        }
    return rc;
}
