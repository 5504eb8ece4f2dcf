/* lexicon.c - the loaded lexicon's data structure (lexicon_priv.h): the literal-key index (over tt_strmap),
 * the owned strings and parts, freeing, and the public accessors of tt/lexicon.h. The bottom of the lexicon modules:
 * lexicon_entry.c builds entries into it, the parsers (lexicon_parse.c, lexicon_import.c) call the builder,
 * lexicon_load.c reads files and folders through the parsers, lexicon_check.c (check, explain) sits above the
 * matcher. */
#include "lexicon_priv.h"

#include <stdlib.h>
#include <string.h>

/* ---- the literal-key index ---- */

int
lx_index_add(lx_index *ix, const char *k, size_t n, uint32_t v)
{
    size_t i;
    int isnew;
    if (n > UINT32_MAX || tt_strmap_intern(&ix->keys, k, n, &i, &isnew))
        return TT_ENOMEM;
    if (isnew) {
        if (tt_grow((void **)&ix->lists, &ix->caplists, i + 1, sizeof *ix->lists))
            return TT_ENOMEM;
        memset(&ix->lists[i], 0, sizeof ix->lists[i]);
    }
    struct lx_list *l = &ix->lists[i];
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
    int64_t i = tt_strmap_find(&ix->keys, k, n);
    return i < 0 ? NULL : &ix->lists[i];
}

const struct lx_list *
lx_index_get_h(const lx_index *ix, uint64_t h, const char *k, size_t n)
{
    int64_t i = tt_strmap_find_h(&ix->keys, h, k, n);
    return i < 0 ? NULL : &ix->lists[i];
}

void
lx_index_free(lx_index *ix)
{
    for (size_t i = 0; i < ix->keys.n; i++)
        free(ix->lists[i].v);
    free(ix->lists);
    tt_strmap_free(&ix->keys);
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
    memset(info, 0, sizeof *info);
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

