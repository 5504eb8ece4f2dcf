/* lexicon.c - the loaded lexicon's data structure (lexicon_priv.h): the literal-key hash index, the owned
 * strings and parts, freeing, and the public accessors of tt/lexicon.h. The bottom of the lexicon modules:
 * lexicon_entry.c builds entries into it, the parsers (lexicon_parse.c, lexicon_import.c) call the builder,
 * lexicon_load.c reads files and folders through the parsers, lexicon_check.c (check, explain) sits above the
 * matcher. */
#include "lexicon_priv.h"

#include <stdlib.h>
#include <string.h>

/* ---- hash index ---- */
uint64_t
lx_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = LX_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = lx_hash_step(h, s[i]);
    return lx_hash_end(h);
}

static struct lx_slot *
ix_find_h(const lx_index *ix, uint64_t h, const char *k, size_t n)
{
    if (!ix->nslots)
        return NULL;
    size_t mask = ix->nslots - 1, i = (size_t)h & mask;
    for (;;) {
        struct lx_slot *s = &ix->slots[i];
        if (!s->list)
            return s;
        if (s->klen == n && memcmp(ix->keys + s->koff, k, n) == 0)
            return s;
        i = (i + 1) & mask;
    }
}

static struct lx_slot *
ix_find(const lx_index *ix, const char *k, size_t n)
{
    return ix_find_h(ix, lx_hash(k, n), k, n);
}

static int
ix_grow(lx_index *ix)
{
    size_t nn = ix->nslots ? ix->nslots * 2 : 256;
    struct lx_slot *ns = calloc(nn, sizeof *ns);
    if (!ns)
        return TT_ENOMEM;
    for (size_t i = 0; i < ix->nslots; i++) {
        struct lx_slot *o = &ix->slots[i];
        if (!o->list)
            continue;
        size_t j = (size_t)lx_hash(ix->keys + o->koff, o->klen) & (nn - 1);
        while (ns[j].list)
            j = (j + 1) & (nn - 1);
        ns[j] = *o;
    }
    free(ix->slots);
    ix->slots = ns;
    ix->nslots = nn;
    return 0;
}

int
lx_index_add(lx_index *ix, const char *k, size_t n, uint32_t v)
{
    if ((ix->nused + 1) * 2 > ix->nslots && ix_grow(ix))
        return TT_ENOMEM;
    struct lx_slot *s = ix_find(ix, k, n);
    if (!s->list) {
        if (n > UINT32_MAX)
            return TT_ENOMEM;
        if (ix->keys_len + n + 1 > ix->keys_cap) {
            size_t nc = ix->keys_cap ? ix->keys_cap : 4096;
            while (nc < ix->keys_len + n + 1)
                nc *= 2;
            char *nk = realloc(ix->keys, nc);
            if (!nk)
                return TT_ENOMEM;
            ix->keys = nk;
            ix->keys_cap = nc;
        }
        if (ix->nlists == ix->caplists) {
            size_t nc = ix->caplists ? ix->caplists * 2 : 256;
            struct lx_list *nl = realloc(ix->lists, nc * sizeof *nl);
            if (!nl)
                return TT_ENOMEM;
            ix->lists = nl;
            ix->caplists = nc;
        }
        memcpy(ix->keys + ix->keys_len, k, n);
        ix->keys[ix->keys_len + n] = 0;
        s->koff = ix->keys_len;
        s->klen = (uint32_t)n;
        ix->keys_len += n + 1;
        memset(&ix->lists[ix->nlists], 0, sizeof ix->lists[0]);
        s->list = (uint32_t)++ix->nlists;
        ix->nused++;
    }
    struct lx_list *l = &ix->lists[s->list - 1];
    if (l->n == l->cap) {
        uint32_t nc = l->cap ? l->cap * 2 : 2;
        uint32_t *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv)
            return TT_ENOMEM;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = v;
    return 0;
}

const struct lx_list *
lx_index_get(const lx_index *ix, const char *k, size_t n)
{
    struct lx_slot *s = ix_find(ix, k, n);
    return s && s->list ? &ix->lists[s->list - 1] : NULL;
}

const struct lx_list *
lx_index_get_h(const lx_index *ix, uint64_t h, const char *k, size_t n)
{
    struct lx_slot *s = ix_find_h(ix, h, k, n);
    return s && s->list ? &ix->lists[s->list - 1] : NULL;
}

void
lx_index_free(lx_index *ix)
{
    for (size_t i = 0; i < ix->nlists; i++)
        free(ix->lists[i].v);
    free(ix->lists);
    free(ix->slots);
    free(ix->keys);
    memset(ix, 0, sizeof *ix);
}

/* ---- the data structure: strings, parts, freeing, accessors ---- */

/* ---- concepts and entries ---- */
char *
lx_sdup(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

char *
lx_sdupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

void
lx_free_part(lx_part *p)
{
    free(p->form);
    free(p->stem2);
    free(p->extra);
    if (p->re)
        pcre2_code_free(p->re);
    for (size_t i = 0; i < p->nstems; i++)
        free(p->stems[i]);
    free(p->stems);
    free(p->weak);
}

void
tt_lexicon_free(tt_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->nconcepts * 4; i++)
        free(lx->cstr[i]);
    free(lx->cstr);
    free(lx->concepts);
    for (size_t i = 0; i < lx->nentries; i++) {
        lx_entry *e = &lx->entries[i];
        for (size_t k = 0; k < e->nparts; k++)
            lx_free_part(&e->parts[k]);
        free(e->parts);
        free(e->text);
        free(e->where);
    }
    free(lx->entries);
    free(lx->targets);
    lx_index_free(&lx->ix);
    for (int i = 0; i < TT_LANG_COUNT; i++) {
        free(lx->any_glob[i]);
        lx_grammar_free(lx->gram[i]);
    }
    free(lx);
}

size_t
tt_lexicon_nconcepts(const tt_lexicon *lx)
{
    return lx->nconcepts;
}

const tt_concept *
tt_lexicon_concept(const tt_lexicon *lx, size_t i)
{
    return i < lx->nconcepts ? &lx->concepts[i] : NULL;
}

long
tt_lexicon_find_concept(const tt_lexicon *lx, const char *id)
{
    for (size_t i = 0; i < lx->nconcepts; i++)
        if (strcmp(lx->concepts[i].id, id) == 0)
            return (long)i;
    return -1;
}

size_t
tt_lexicon_nentries(const tt_lexicon *lx)
{
    return lx->nentries;
}

int
tt_lexicon_entry(const tt_lexicon *lx, size_t i, tt_entry_info *info)
{
    if (i >= lx->nentries)
        return TT_EUSAGE;
    const lx_entry *e = &lx->entries[i];
    info->concept = e->concept;
    info->kind = e->kind;
    info->lang = e->lang;
    info->script = e->script;
    info->text = e->text;
    info->where = e->where;
    return 0;
}

const char *
tt_lexicon_sha256(const tt_lexicon *lx)
{
    return lx->sha256;
}

