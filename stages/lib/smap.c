/* smap.c - the insert-only map the workers of a run share (tt/smap.h): open addressing over 64-bit slots
 * (hash << 32 | entry offset / 8 + 1), entries appended to one arena by an atomic counter. */
#include "tt/smap.h"

#include "tt/bigmem.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct tt_smap {
    _Atomic uint64_t *slot;
    size_t nslots;
    atomic_size_t nused;
    char *arena;
    size_t cap;         /* bytes */
    atomic_size_t alen; /* bytes handed out (may pass cap: those puts were refused) */
};

/* entry: uint32 kn, uint32 vn, key, value; 8-byte aligned */
#define ENTRY_HEAD 8

tt_smap *
tt_smap_new(unsigned slot_bits, size_t arena_bytes)
{
    if (slot_bits < 4 || slot_bits > 30 || arena_bytes > ((size_t)UINT32_MAX << 3))
        return NULL;
    tt_smap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->nslots = (size_t)1 << slot_bits;
    m->slot = tt_big_alloc(m->nslots * sizeof *m->slot);
    m->arena = tt_big_arena(arena_bytes);
    m->cap = arena_bytes;
    atomic_init(&m->nused, 0);
    atomic_init(&m->alen, 0);
    if (!m->slot || !m->arena) {
        tt_smap_free(m);
        return NULL;
    }
    return m;
}

void
tt_smap_free(tt_smap *m)
{
    if (!m)
        return;
    tt_big_free((void *)m->slot, m->nslots * sizeof *m->slot);
    tt_big_free(m->arena, m->cap);
    free(m);
}

/* 1 if the entry at byte offset off holds key k[0..kn) */
static int
entry_is(const tt_smap *m, size_t off, const void *k, uint32_t kn)
{
    uint32_t ekn;
    memcpy(&ekn, m->arena + off, 4);
    return ekn == kn && memcmp(m->arena + off + ENTRY_HEAD, k, kn) == 0;
}

const void *
tt_smap_get(const tt_smap *m, uint32_t h, const void *k, uint32_t kn, uint32_t *vn)
{
    size_t mask = m->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t s = atomic_load_explicit(&m->slot[i], memory_order_acquire);
        if (!s)
            return NULL;
        if ((uint32_t)(s >> 32) != h)
            continue;
        size_t off = ((size_t)(uint32_t)s - 1) << 3;
        if (entry_is(m, off, k, kn)) {
            memcpy(vn, m->arena + off + 4, 4);
            return m->arena + off + ENTRY_HEAD + kn;
        }
    }
}

int
tt_smap_put(tt_smap *m, uint32_t h, const void *k, uint32_t kn, const void *v, uint32_t vn, const void *v2,
            uint32_t vn2)
{
    if (vn2 > UINT32_MAX - vn)
        return -1;
    if (atomic_load_explicit(&m->nused, memory_order_relaxed) >= m->nslots / 2)
        return -1;
    size_t need = ((size_t)ENTRY_HEAD + kn + vn + vn2 + 7) & ~(size_t)7;
    size_t off = atomic_fetch_add_explicit(&m->alen, need, memory_order_relaxed);
    if (off + need > m->cap || off + need < off)
        return -1;
    char *e = m->arena + off;
    uint32_t all = vn + vn2;
    memcpy(e, &kn, 4);
    memcpy(e + 4, &all, 4);
    memcpy(e + ENTRY_HEAD, k, kn);
    if (vn)
        memcpy(e + ENTRY_HEAD + kn, v, vn);
    if (vn2)
        memcpy(e + ENTRY_HEAD + kn + vn, v2, vn2);
    uint64_t mine = (uint64_t)h << 32 | (uint64_t)((off >> 3) + 1);
    size_t mask = m->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t s = atomic_load_explicit(&m->slot[i], memory_order_acquire);
        if (!s) {
            if (atomic_compare_exchange_strong_explicit(&m->slot[i], &s, mine, memory_order_release,
                                                        memory_order_acquire)) {
                atomic_fetch_add_explicit(&m->nused, 1, memory_order_relaxed);
                return 0;
            }
            /* another thread took this slot first: s is its entry, looked at below */
        }
        if ((uint32_t)(s >> 32) == h && entry_is(m, ((size_t)(uint32_t)s - 1) << 3, k, kn))
            return 0; /* the key is there already (our copy in the arena stays unused) */
    }
}
