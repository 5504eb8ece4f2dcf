/* match_cache.c - the matcher's type cache (match_priv.h): (language, match form) -> the record of its resolved
 * candidate list, in one arena; adding, emptying, freeing. The lookups the run does per token (tc_hash, tc_get,
 * and the front cache of short forms: fc_key) are inline in match_priv.h. A pure memo: what it holds never
 * changes a result. */
#include <stdlib.h>
#include <string.h>

#include "match_priv.h"
#include "tt/bigmem.h"
#include "tt/smap.h"

void
mt_tc_clear(tcache *c)
{
    if (c->slot)
        memset(c->slot, 0, c->nslots * sizeof *c->slot);
    if (c->fc)
        memset(c->fc, 0, ((size_t)1 << FC_BITS) * sizeof *c->fc);
    c->nused = 0;
    c->alen = 0;
    c->epoch++;
}

void
mt_tc_free(tcache *c)
{
    tt_big_free(c->slot, c->nslots * sizeof *c->slot);
    tt_big_free(c->ar, c->acap * sizeof *c->ar);
    tt_big_free(c->fc, ((size_t)1 << FC_BITS) * sizeof *c->fc);
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

const uint32_t *
mt_tc_add(tcache *c, uint64_t h, tt_lang lang, const char *w, size_t n, uint32_t flags, const uint32_t *v,
          size_t nv)
{
    if (n > UINT32_MAX - 8 || nv > UINT32_MAX - 8)
        return NULL;
    size_t words = 4 + nv + (n + 3) / 4;
    if (c->alen + words >= CACHE_HARD_WORDS)
        return NULL; /* offsets are named in 30 bits: the caller empties the cache between runs */
    if ((c->nused + 1) * 2 > c->nslots) {
        size_t nn = c->nslots ? c->nslots * 2 : 4096;
        uint64_t *ns = tt_big_alloc(nn * sizeof *ns);
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
        tt_big_free(old, on * sizeof *old);
    }
    if (c->alen + words > c->acap) {
        size_t nc = c->acap ? c->acap : 65536;
        while (nc < c->alen + words)
            nc *= 2;
        uint32_t *na = tt_big_realloc(c->ar, c->acap * sizeof *na, nc * sizeof *na);
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

void
tt_matcher_share(tt_matcher *m, struct tt_smap *shared)
{
    m->shared = shared;
}

/* the shared map's key of a type: its language byte, then the form (in m->key) */
static int
shared_key(tt_matcher *m, tt_lang lang, const char *w, size_t n)
{
    if (n > UINT32_MAX - 1)
        return -1;
    tt_buf_reset(&m->key);
    return tt_buf_putc(&m->key, (char)lang) || tt_buf_append(&m->key, w, n) ? -1 : 0;
}

int
mt_shared_get(tt_matcher *m, tt_lang lang, const char *w, size_t n, uint64_t h, uint32_t *flags)
{
    uint32_t vn;
    const char *v; /* [flags, target...], not aligned */
    if (!m->shared || shared_key(m, lang, w, n) ||
        !(v = tt_smap_get(m->shared, (uint32_t)(h >> 32) ^ (uint32_t)h, m->key.data, (uint32_t)m->key.len, &vn)) ||
        vn < 4 || vn % 4)
        return 0;
    size_t nt = vn / 4 - 1;
    if (nt && tt_grow((void **)&m->tmp, &m->captmp, nt, sizeof *m->tmp))
        return 0;
    memcpy(flags, v, 4);
    if (nt) /* m->tmp may not be allocated yet when there is nothing to copy */
        memcpy(m->tmp, v + 4, nt * sizeof *m->tmp);
    m->ntmp = nt;
    return 1;
}

void
mt_shared_put(tt_matcher *m, tt_lang lang, const char *w, size_t n, uint64_t h, uint32_t flags)
{
    if (!m->shared || m->ntmp > (UINT32_MAX - 4) / 4 || shared_key(m, lang, w, n))
        return;
    (void)tt_smap_put(m->shared, (uint32_t)(h >> 32) ^ (uint32_t)h, m->key.data, (uint32_t)m->key.len, &flags, 4,
                      m->tmp, (uint32_t)(m->ntmp * sizeof *m->tmp));
}
