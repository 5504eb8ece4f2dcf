/* count.c - per-document counts, co-occurrence and hit lines, written as a docres record (see tt/count.h and
 * stages/50-count/docres.md). */
#include "tt/count.h"

#include "count_priv.h"

#include "tt/docres.h"
#include "tt/map.h"
#include "tt/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
tt_context_parse(const char *list, tt_context *ctx, size_t max, size_t *nctx, tt_error *err)
{
    *nctx = 0;
    const char *p = list ? list : "";
    for (;;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *s = p;
        while (n && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        tt_context c;
        memset(&c, 0, sizeof c);
        static const struct {
            const char *name;
            tt_ctx_kind kind;
        } fixed[] = {{"sentence", TT_CTX_SENTENCE},
                     {"paragraph", TT_CTX_PARAGRAPH},
                     {"article", TT_CTX_ARTICLE},
                     {"document", TT_CTX_DOCUMENT}};
        int ok = 0;
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
            if (strlen(fixed[i].name) == n && memcmp(fixed[i].name, s, n) == 0) {
                c.kind = fixed[i].kind;
                ok = 1;
            }
        if (!ok) {
            size_t pl = 0;
            if (n > 7 && memcmp(s, "wwindow", 7) == 0) {
                c.kind = TT_CTX_WINDOW_WEIGHTED;
                pl = 7;
            } else if (n > 6 && memcmp(s, "window", 6) == 0) {
                c.kind = TT_CTX_WINDOW;
                pl = 6;
            }
            if (pl && n - pl <= 6 && s[pl] != '0') {
                uint32_t v = 0;
                ok = 1;
                for (size_t i = pl; i < n; i++) {
                    if (s[i] < '0' || s[i] > '9')
                        ok = 0;
                    else
                        v = v * 10 + (uint32_t)(s[i] - '0');
                }
                if (v < 1 || v > 100000)
                    ok = 0;
                c.n = v;
            }
        }
        if (!ok)
            return tt_error_set(err, TT_EUSAGE, "unknown co-occurrence context '%.*s'", (int)n, s);
        memcpy(c.name, s, n);
        c.name[n] = 0;
        int dup = 0;
        for (size_t i = 0; i < *nctx; i++)
            if (strcmp(ctx[i].name, c.name) == 0)
                dup = 1;
        if (!dup) {
            if (*nctx == max)
                return tt_error_set(err, TT_EUSAGE, "too many co-occurrence contexts (at most %zu)", max);
            ctx[(*nctx)++] = c;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

int
tt_counter_new(tt_counter **out, const char *const *concept_ids, size_t nconcepts,
               const tt_count_opts *opts, tt_error *err)
{
    *out = NULL;
    if (opts->ncontexts > MAX_CTX)
        return tt_error_set(err, TT_EUSAGE, "too many co-occurrence contexts (at most %d)", MAX_CTX);
    for (size_t i = 0; i < opts->ncontexts; i++) {
        const tt_context *x = &opts->contexts[i];
        if ((x->kind == TT_CTX_WINDOW || x->kind == TT_CTX_WINDOW_WEIGHTED) && x->n == 0)
            return tt_error_set(err, TT_EUSAGE, "window context '%s' of size 0", x->name);
        if (x->kind < TT_CTX_WINDOW || x->kind > TT_CTX_DOCUMENT || !x->name[0])
            return tt_error_set(err, TT_EUSAGE, "bad co-occurrence context");
    }
    if (opts->ngrams < 0 || opts->ngrams > MAX_NGRAM)
        return tt_error_set(err, TT_EUSAGE, "n-grams up to %d at most", MAX_NGRAM);
    tt_counter *c = calloc(1, sizeof *c);
    if (!c)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    c->ids = concept_ids;
    c->nc = nconcepts;
    if (opts->ncontexts)
        memcpy(c->ctx, opts->contexts, opts->ncontexts * sizeof *c->ctx);
    c->nctx = opts->ncontexts;
    c->vocab = opts->vocab;
    c->ngrams = opts->ngrams > 0 ? opts->ngrams : 1;
    c->kwic = opts->kwic_chars ? opts->kwic_chars : 40;
    c->count_all = opts->count_all;
    c->tf = calloc(nconcepts ? nconcepts : 1, sizeof *c->tf);
    c->touched = calloc(nconcepts ? nconcepts : 1, sizeof *c->touched);
    if (!c->tf || !c->touched) {
        tt_counter_free(c);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    int rc = tt_cw_init(c, opts, err);
    if (rc) {
        tt_counter_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void
tt_counter_free(tt_counter *c)
{
    if (!c)
        return;
    free(c->tf);
    free(c->touched);
    free(c->hits);
    free(c->names);
    tt_buf_free(&c->hitlines);
    tt_u64map_free(&c->pairs);
    tt_strmap_free(&c->terms);
    for (int i = 0; i < MAX_NGRAM; i++)
        tt_buf_free(&c->hist[i]);
    tt_buf_free(&c->gram);
    free(c->scratch);
    free(c->keys);
    free(c->tx);
    tt_cw_free(c);
    free(c);
}

void
tt_counter_begin(tt_counter *c)
{
    for (size_t i = 0; i < c->ntouched; i++)
        c->tf[c->touched[i]] = 0;
    c->ntouched = 0;
    c->nhits = 0;
    c->nnames = 0;
    c->ncand = 0;
    c->settled = 0;
    memset(c->roles, 0, sizeof c->roles);
    tt_buf_reset(&c->hitlines);
    if (c->tx)
        memset(c->tx, 0, c->terms.n * sizeof *c->tx);
    tt_strmap_reset(&c->terms);
    c->nhist = 0;
    c->legacy_sent = 0;
    tt_cw_begin(c);
}

/* Whether s[0..n) (UTF-8) has at most k characters: its bytes that are no continuation bytes, counted eight at a
 * time. */
static int
at_most_chars(const char *s, size_t n, size_t k)
{
    if (n <= k)
        return 1;
    size_t chars = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* a continuation byte is 10xxxxxx: bit 7 set and bit 6 clear */
        uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ull) >> 7; /* 1 per continuation byte */
        chars += 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars <= k;
}

/* Byte length of the last k characters of s[0..n) (UTF-8). */
static size_t
tail_chars(const char *s, size_t n, size_t k)
{
    if (n && ((unsigned char)s[0] & 0xC0) != 0x80 && at_most_chars(s, n, k))
        return n; /* all of it (the KWIC context the worker cut is no longer than the counter's) */
    size_t i = n, chars = 0;
    while (i > 0 && chars < k) {
        i--;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            chars++;
    }
    return n - i;
}

/* Byte length of the first k characters of s[0..n). */
static size_t
head_chars(const char *s, size_t n, size_t k)
{
    if (at_most_chars(s, n, k))
        return n;
    size_t i = 0, chars = 0;
    while (i < n) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == k)
                break;
            chars++;
        }
        i++;
    }
    return i;
}

static int
put_field(tt_buf *b, const char *s, size_t n)
{
    return tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, s ? s : "", s ? n : 0);
}

static int
put_num(tt_buf *b, uint64_t v)
{
    return tt_buf_putc(b, '\t') || tt_buf_put_u64(b, v);
}

int
tt_counter_hit(tt_counter *c, const tt_dochit *h, tt_error *err)
{
    if (h->concept >= c->nc)
        return tt_error_set(err, TT_EUSAGE, "hit of concept %u, but there are %zu concepts", h->concept, c->nc);
    const char *id = c->ids[h->concept];
    if (h->concept_id && strcmp(h->concept_id, id) != 0)
        return tt_error_set(err, TT_EUSAGE, "hit of concept '%s' with the index of '%s'", h->concept_id, id);
    if (h->tok_last < h->tok_first)
        return tt_error_set(err, TT_EUSAGE, "hit ends before it starts (tokens %llu..%llu)",
                            (unsigned long long)h->tok_first, (unsigned long long)h->tok_last);
    if (c->nhits) {
        const hitpos *p = &c->hits[c->nhits - 1];
        if (h->tok_first < p->tok_first || (h->tok_first == p->tok_first && h->tok_last < p->tok_last))
            return tt_error_set(err, TT_EUSAGE, "hits out of document order (token %llu after %llu)",
                                (unsigned long long)h->tok_first, (unsigned long long)p->tok_first);
    }
    if (c->nhits == c->caphits) {
        size_t n = c->caphits ? c->caphits * 2 : 256;
        hitpos *nh = realloc(c->hits, n * sizeof *nh);
        if (!nh)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        c->hits = nh;
        c->caphits = n;
    }
    hitpos *p = &c->hits[c->nhits];
    p->concept = h->concept;
    p->sent = h->sent;
    p->para = h->para;
    p->article = h->article;
    p->tok_first = h->tok_first;
    p->tok_last = h->tok_last;
    p->role = (unsigned)h->role < TT_NROLES ? (uint32_t)h->role : TT_ROLE_TEXT;
    p->name = h->name;
    size_t ll = h->left ? h->left_len : 0, rl = h->right ? h->right_len : 0;
    size_t lk = tail_chars(h->left, ll, c->kwic), rk = head_chars(h->right, rl, c->kwic);
    tt_buf *b = &c->hitlines;
    size_t mark = b->len;
    const char *entry = h->entry ? h->entry : "";
    const char *label = h->article_label ? h->article_label : "";
    if (tt_buf_puts(b, "hit") || put_field(b, id, strlen(id)) || put_field(b, entry, strlen(entry)) ||
        put_num(b, h->start) || put_num(b, h->end) || put_num(b, (uint64_t)h->sent + 1) ||
        put_field(b, label, strlen(label)) || put_field(b, h->surface, h->surface_len) ||
        put_field(b, h->left ? h->left + (ll - lk) : NULL, lk) || put_field(b, h->right, rk) ||
        put_field(b, h->form, h->form ? h->form_len : 0) || tt_buf_putc(b, '\t') ||
        tt_buf_puts(b, tt_role_name((tt_role)p->role)) ||
        (h->page ? put_num(b, h->page) : tt_buf_putc(b, '\t')) || tt_buf_putc(b, '\n')) {
        b->len = mark;
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    p->line_off = mark;
    p->line_len = b->len - mark;
    c->ncand += p->name != 0;
    c->nhits++;
    return 0;
}

int
tt_counter_name(tt_counter *c, uint32_t key, tt_error *err)
{
    for (size_t i = 0; i < c->nnames; i++)
        if (c->names[i] == key)
            return 0;
    if (c->nnames == c->capnames) {
        size_t n = c->capnames ? 2 * c->capnames : 8;
        uint32_t *p = realloc(c->names, n * sizeof *p);
        if (!p)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        c->names = p;
        c->capnames = n;
    }
    c->names[c->nnames++] = key;
    return 0;
}

/* End of the document's hits: drops the hits whose name the document uses (their lines too), counts the hits
 * per role into c->roles, keeps in c->hits only those that count (text, or all with count_all) and fills tf. */
static int
settle_hits(tt_counter *c)
{
    size_t wlo = 0, slo = 0; /* the collocate cursors (count_words.c) follow the hits they point to */
    if (c->ncand && c->nnames) {
        tt_buf keep = {0};
        size_t k = 0;
        for (size_t i = 0; i < c->nhits; i++) {
            hitpos *h = &c->hits[i];
            int drop = 0;
            for (size_t j = 0; h->name && j < c->nnames && !drop; j++)
                drop = c->names[j] == h->name;
            if (drop)
                continue;
            if (i < c->cw.wlo)
                wlo++;
            if (i < c->cw.slo)
                slo++;
            if (tt_buf_append(&keep, c->hitlines.data + h->line_off, h->line_len)) {
                tt_buf_free(&keep);
                return TT_ENOMEM;
            }
            c->hits[k++] = *h;
        }
        c->nhits = k;
        tt_buf_free(&c->hitlines);
        c->hitlines = keep;
        c->cw.wlo = wlo;
        c->cw.slo = slo;
    }
    wlo = slo = 0;
    size_t k = 0;
    for (size_t i = 0; i < c->nhits; i++) {
        const hitpos *h = &c->hits[i];
        c->roles[h->role]++;
        if (h->role != TT_ROLE_TEXT && !c->count_all)
            continue;
        if (i < c->cw.wlo)
            wlo++;
        if (i < c->cw.slo)
            slo++;
        if (!c->tf[h->concept]++)
            c->touched[c->ntouched++] = h->concept;
        c->hits[k++] = *h;
    }
    c->nhits = k;
    c->cw.wlo = wlo;
    c->cw.slo = slo;
    c->settled = 1;
    return 0;
}

int
tt_counter_term(tt_counter *c, const char *term, size_t n, int brk, uint32_t sent, size_t *uidx)
{
    size_t idx;
    if (brk)
        c->nhist = 0;
    if (tt_strmap_intern(&c->terms, term, n, &idx, NULL))
        return TT_ENOMEM;
    if (c->terms.n > c->captx) {
        size_t nc = c->captx ? c->captx * 2 : 1024;
        while (nc < c->terms.n)
            nc *= 2;
        termx *x = realloc(c->tx, nc * sizeof *x);
        if (!x)
            return TT_ENOMEM;
        memset(x + c->captx, 0, (nc - c->captx) * sizeof *x);
        c->tx = x;
        c->captx = nc;
    }
    *uidx = idx;
    c->terms.val[idx][0]++;
    uint64_t *sv = &c->terms.val[idx][1];
    if ((*sv & 0xffffffffu) != (uint64_t)sent + 1)
        *sv = ((*sv >> 32) + 1) << 32 | ((uint64_t)sent + 1);
    size_t keep = (size_t)c->ngrams - 1;
    /* n-grams ending here: hist[nhist-k+1 .. nhist-1] + term, for k = 2..ngrams */
    for (size_t k = 2; k <= (size_t)c->ngrams && k - 1 <= c->nhist; k++) {
        tt_buf_reset(&c->gram);
        for (size_t i = c->nhist - (k - 1); i < c->nhist; i++)
            if (tt_buf_append(&c->gram, c->hist[i].data, c->hist[i].len) || tt_buf_putc(&c->gram, ' '))
                return TT_ENOMEM;
        size_t gi;
        if (tt_buf_append(&c->gram, term, n) || tt_strmap_intern(&c->terms, c->gram.data, c->gram.len, &gi, NULL))
            return TT_ENOMEM;
        c->terms.val[gi][0]++;
        sv = &c->terms.val[gi][1];
        if ((*sv & 0xffffffffu) != (uint64_t)sent + 1)
            *sv = ((*sv >> 32) + 1) << 32 | ((uint64_t)sent + 1);
    }
    if (c->terms.n > c->captx) { /* n-grams are new terms too */
        size_t nc = c->captx * 2;
        while (nc < c->terms.n)
            nc *= 2;
        termx *x = realloc(c->tx, nc * sizeof *x);
        if (!x)
            return TT_ENOMEM;
        memset(x + c->captx, 0, (nc - c->captx) * sizeof *x);
        c->tx = x;
        c->captx = nc;
    }
    if (!keep)
        return 0;
    if (c->nhist == keep) {
        tt_buf first = c->hist[0];
        memmove(&c->hist[0], &c->hist[1], (keep - 1) * sizeof c->hist[0]);
        c->hist[keep - 1] = first;
        c->nhist--;
    }
    tt_buf *h = &c->hist[c->nhist];
    tt_buf_reset(h);
    if (tt_buf_append(h, term, n) || tt_buf_putc(h, 0))
        return TT_ENOMEM;
    h->len--; /* keep the NUL out of the joined n-grams */
    c->nhist++;
    return 0;
}

int
tt_counter_token(tt_counter *c, const char *term, size_t n, int brk, tt_error *err)
{
    if (!c->vocab)
        return 0;
    if (brk && c->terms.n)
        c->legacy_sent++;
    size_t idx;
    if (tt_counter_term(c, term, n, brk, c->legacy_sent, &idx))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    return 0;
}

static int
grow_scratch(tt_counter *c, size_t n)
{
    if (n <= c->capscratch)
        return 0;
    uint32_t *s = realloc(c->scratch, n * sizeof *s);
    if (!s)
        return TT_ENOMEM;
    c->scratch = s;
    c->capscratch = n;
    return 0;
}

static uint32_t
unit_of(const hitpos *h, tt_ctx_kind k)
{
    switch (k) {
    case TT_CTX_SENTENCE: return h->sent;
    case TT_CTX_PARAGRAPH: return h->para;
    case TT_CTX_ARTICLE: return h->article;
    default: return 0;
    }
}

static int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int
add_pair(tt_counter *c, uint32_t a, uint32_t b, double v)
{
    uint64_t lo = a < b ? a : b, hi = a < b ? b : a;
    return tt_u64map_add(&c->pairs, lo * (uint64_t)c->nc + hi, v);
}

/* Units (sentence, paragraph, article, document): each distinct concept of a unit counts once on the diagonal,
 * each pair of distinct concepts once. */
static int
count_units(tt_counter *c, tt_ctx_kind kind)
{
    if (c->nhits > c->capkeys) {
        uint64_t *k = realloc(c->keys, c->nhits * sizeof *k);
        if (!k)
            return TT_ENOMEM;
        c->keys = k;
        c->capkeys = c->nhits;
    }
    /* key = unit << 32 | hit index: sorting keeps document order inside a unit. */
    uint64_t *keys = c->keys;
    size_t nk = 0;
    for (size_t i = 0; i < c->nhits; i++) {
        const hitpos *h = &c->hits[i];
        if (kind == TT_CTX_ARTICLE && h->article == 0)
            continue;
        keys[nk++] = (uint64_t)unit_of(h, kind) << 32 | (uint64_t)(i & 0xffffffffu);
    }
    if (nk > 1)
        qsort(keys, nk, sizeof *keys, cmp_u64);
    int rc = grow_scratch(c, nk ? nk : 1);
    for (size_t i = 0; i < nk && !rc;) {
        size_t j = i, m = 0;
        while (j < nk && keys[j] >> 32 == keys[i] >> 32) {
            c->scratch[m++] = c->hits[keys[j] & 0xffffffffu].concept;
            j++;
        }
        if (m > 1)
            qsort(c->scratch, m, sizeof *c->scratch, cmp_u32);
        size_t u = 0;
        for (size_t k = 0; k < m; k++)
            if (!u || c->scratch[u - 1] != c->scratch[k])
                c->scratch[u++] = c->scratch[k];
        for (size_t x = 0; x < u && !rc; x++)
            for (size_t y = x; y < u && !rc; y++)
                rc = add_pair(c, c->scratch[x], c->scratch[y], 1.0);
        i = j;
    }
    return rc;
}

static int
count_window(tt_counter *c, uint32_t n, int weighted)
{
    int rc = 0;
    for (size_t i = 0; i < c->nhits && !rc; i++) {
        const hitpos *a = &c->hits[i];
        rc = add_pair(c, a->concept, a->concept, 1.0);
        for (size_t j = i + 1; j < c->nhits && !rc; j++) {
            const hitpos *b = &c->hits[j];
            /* tok_first grows with j, so the distance only grows: stop at the first one too far. */
            if (b->tok_first > a->tok_last && b->tok_first - a->tok_last > n)
                break;
            if (b->concept == a->concept)
                continue;
            uint64_t d = b->tok_first > a->tok_last ? b->tok_first - a->tok_last : 0;
            rc = add_pair(c, a->concept, b->concept, weighted ? 1.0 / (double)(d ? d : 1) : 1.0);
        }
    }
    return rc;
}

static int
put_line2(tt_buf *b, const char *tag, const char *k, const char *v)
{
    return tt_buf_puts(b, tag) || put_field(b, k, strlen(k)) || put_field(b, v, strlen(v)) ||
           tt_buf_putc(b, '\n');
}

static int
write_cooc(tt_counter *c, const tt_context *x, tt_buf *out)
{
    tt_u64map_reset(&c->pairs);
    int rc;
    if (x->kind == TT_CTX_WINDOW || x->kind == TT_CTX_WINDOW_WEIGHTED)
        rc = count_window(c, x->n, x->kind == TT_CTX_WINDOW_WEIGHTED);
    else
        rc = count_units(c, x->kind);
    if (rc)
        return rc;
    int ok;
    uint64_t *keys = tt_u64map_keys(&c->pairs, &ok);
    if (!ok)
        return TT_ENOMEM;
    for (size_t i = 0; i < c->pairs.n && !rc; i++) {
        const char *a = c->ids[keys[i] / c->nc], *b = c->ids[keys[i] % c->nc];
        rc = tt_buf_puts(out, "cooc") || put_field(out, x->name, strlen(x->name)) ||
                     put_field(out, a, strlen(a)) || put_field(out, b, strlen(b)) || tt_buf_putc(out, '\t') ||
                     tt_num_put_exact(out, *tt_u64map_get(&c->pairs, keys[i])) || tt_buf_putc(out, '\n')
                 ? TT_ENOMEM
                 : 0;
    }
    free(keys);
    return rc;
}

typedef struct term_ref {
    const char *s;
    size_t n;
    uint64_t count;
    size_t idx;
} term_ref;

static int
cmp_term(const void *a, const void *b)
{
    const term_ref *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int r = memcmp(x->s, y->s, m);
    if (r)
        return r;
    return x->n < y->n ? -1 : x->n > y->n;
}

static int
write_vocab(tt_counter *c, tt_buf *out)
{
    size_t n = c->terms.n;
    if (!n)
        return 0;
    term_ref *t = malloc(n * sizeof *t);
    if (!t)
        return TT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        t[i].s = tt_strmap_key(&c->terms, i, &t[i].n);
        t[i].count = c->terms.val[i][0];
        t[i].idx = i;
    }
    if (n > 1)
        qsort(t, n, sizeof *t, cmp_term);
    int rc = tt_cw_forms_prepare(c);
    for (size_t i = 0; i < n && !rc; i++)
        rc = tt_buf_puts(out, "vocab") || put_field(out, t[i].s, t[i].n) || put_num(out, t[i].count) ||
                     put_num(out, c->terms.val[t[i].idx][1] >> 32) || put_num(out, c->tx[t[i].idx].flags & (TX_DISC | TX_HIT)) ||
                     tt_cw_write_forms(c, t[i].idx, out)
                 ? TT_ENOMEM
                 : 0;
    free(t);
    return rc;
}

static int
end_doc(tt_counter *c, const char *const *meta_keys, const char *const *meta_vals, size_t nmeta,
        const char *const *stat_keys, const char *const *stat_vals, size_t nstat, tt_buf *out)
{
    if (tt_buf_puts(out, "docres\t") || tt_buf_put_u64(out, TT_DOCRES_VERSION) || tt_buf_putc(out, '\n'))
        return TT_ENOMEM;
    for (size_t i = 0; i < nmeta; i++)
        if (put_line2(out, "meta", meta_keys[i], meta_vals[i] ? meta_vals[i] : ""))
            return TT_ENOMEM;
    for (size_t i = 0; i < nstat; i++)
        if (put_line2(out, "stat", stat_keys[i], stat_vals[i] ? stat_vals[i] : ""))
            return TT_ENOMEM;
    if (!c->settled && settle_hits(c))
        return TT_ENOMEM;
    for (int r = 0; r < TT_NROLES; r++) {
        char key[32];
        snprintf(key, sizeof key, "hits_%s", tt_role_name((tt_role)r));
        if (tt_buf_puts(out, "stat") || put_field(out, key, strlen(key)) || put_num(out, c->roles[r]) ||
            tt_buf_putc(out, '\n'))
            return TT_ENOMEM;
    }
    /* tf lines in column order */
    if (c->ntouched > 1)
        qsort(c->touched, c->ntouched, sizeof *c->touched, cmp_u32);
    for (size_t i = 0; i < c->ntouched; i++) {
        const char *id = c->ids[c->touched[i]];
        if (tt_buf_puts(out, "tf") || put_field(out, id, strlen(id)) || put_num(out, c->tf[c->touched[i]]) ||
            tt_buf_putc(out, '\n'))
            return TT_ENOMEM;
    }
    for (size_t i = 0; i < c->nctx; i++) {
        int rc = write_cooc(c, &c->ctx[i], out);
        if (rc)
            return rc;
    }
    if (tt_buf_append(out, c->hitlines.data, c->hitlines.len))
        return TT_ENOMEM;
    int rc = write_vocab(c, out);
    if (!rc)
        rc = tt_cw_write(c, out);
    if (rc)
        return rc;
    if (tt_buf_puts(out, "end") || put_field(out, meta_vals[0], strlen(meta_vals[0])) || tt_buf_putc(out, '\n'))
        return TT_ENOMEM;
    return 0;
}

int
tt_counter_end(tt_counter *c, const char *const *meta_keys, const char *const *meta_vals, size_t nmeta,
               const char *const *stat_keys, const char *const *stat_vals, size_t nstat, tt_buf *out,
               tt_error *err)
{
    int rc = 0;
    /* the hits that count are known only now (names: one sense per document); the collocates wait for them */
    if (settle_hits(c))
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    else if (c->vocab && tt_counter_flush(c, 1, err))
        rc = TT_ENOMEM;
    else if (!nmeta || strcmp(meta_keys[0], "doc_id") != 0 || !meta_vals[0] || !meta_vals[0][0])
        rc = tt_error_set(err, TT_EUSAGE, "a docres record needs doc_id as its first manifest column");
    else if (end_doc(c, meta_keys, meta_vals, nmeta, stat_keys, stat_vals, nstat, out))
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    tt_counter_begin(c);
    return rc;
}

const char *const tt_stat_keys[TT_NSTAT] = {
    "sha256",          "bytes",              "text_bytes",         "tokens",
    "sentences",       "articles",           "paragraphs",         "status",
    "encoding",        "encoding_method",    "encoding_confidence", "encoding_runner_up",
    "gzip",            "script_used",        "script_confidence",  "homoglyph_repairs",
    "mixed_unrepaired", "hyphen_joins",      "line_joins",         "replaced",
    "degraded",        "format",             "page_count",         "warnings"};
