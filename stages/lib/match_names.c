/* match_names.c - one sense per document (lexicons/README.md): the name exclusions (case=proper) a document
 * meets mid-sentence, and the keys of the sentence-start tokens that the same name would take; the counter drops
 * those hits at the end of the document (tt_counter_name). */
#include "match_priv.h"

#include <stdlib.h>
#include <string.h>

static int
name_add(tt_matcher *m, uint32_t key)
{
    for (size_t i = 0; i < m->nnames; i++)
        if (m->names[i] == key)
            return 0;
    if (m->nnames == m->capnames) {
        size_t n = m->capnames ? 2 * m->capnames : 8;
        uint32_t *p = realloc(m->names, n * sizeof *p);
        if (!p)
            return TT_ENOMEM;
        m->names = p;
        m->capnames = n;
    }
    m->names[m->nnames++] = key;
    return 0;
}

/* The same form of the same name is one key: the same form, not another inflection, at a sentence start. */
int
mt_name_key(tt_matcher *m, uint32_t e1, const char *form, size_t n, int seen, uint32_t *key)
{
    tt_buf *b = &m->nkey;
    tt_buf_reset(b);
    size_t idx;
    if (tt_buf_append(b, (const char *)&e1, sizeof e1) || tt_buf_append(b, form, n) ||
        tt_strmap_intern(&m->namekeys, b->data, b->len, &idx, NULL))
        return TT_ENOMEM;
    *key = (uint32_t)idx + 1;
    return seen ? name_add(m, *key) : 0;
}

uint32_t
mt_hit_name(const tt_matcher *m, const rawhit *h)
{
    for (uint32_t q = h->first; m->cname_on && q <= h->last; q++) {
        if (!m->cname[q])
            continue;
        uint32_t e1;
        size_t kn;
        memcpy(&e1, tt_strmap_key(&m->namekeys, m->cname[q] - 1, &kn), sizeof e1);
        if (m->lx->entries[e1 - 1].concept == h->concept)
            return m->cname[q];
    }
    return 0;
}

void
tt_matcher_names_reset(tt_matcher *m)
{
    m->nnames = 0;
    tt_strmap_reset(&m->namekeys);
}

size_t
tt_matcher_names(const tt_matcher *m, const uint32_t **keys)
{
    *keys = m->names;
    return m->nnames;
}

void
mt_names_free(tt_matcher *m)
{
    free(m->cname);
    free(m->names);
    tt_strmap_free(&m->namekeys);
    tt_buf_free(&m->nkey);
}
