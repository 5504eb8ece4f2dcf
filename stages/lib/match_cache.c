/* match_cache.c - the matcher's type cache (match_priv.h): (language, match form) -> the record of its resolved
 * candidate list, in one arena; adding, emptying, freeing. The lookups the run does per token (tc_hash, tc_get,
 * and the front cache of short forms: fc_key) are inline in match_priv.h. A pure memo: what it holds never
 * changes a result. */
#include <stdlib.h>
#include <string.h>

#include "match_priv.h"
#include "tt/bigmem.h"

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
    free(c->fc);
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
