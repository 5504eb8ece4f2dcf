/* map.c - the hash maps of tt/map.h (open addressing, linear probing). */
#include "tt/map.h"

#include "tt/common.h"

#include <stdlib.h>
#include <string.h>

static uint64_t
mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t
tt_strmap_hash_end(uint64_t h)
{
    return mix64(h);
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
    uint64_t h = TT_STRMAP_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = tt_strmap_hash_step(h, (unsigned char)s[i]);
    return mix64(h);
}

static int
u64map_grow(tt_u64map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    uint64_t *k = calloc(ncap, sizeof *k);
    double *v = calloc(ncap, sizeof *v);
    unsigned char *u = calloc(ncap, 1);
    if (!k || !v || !u) {
        free(k);
        free(v);
        free(u);
        return TT_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->used[i])
            continue;
        size_t j = (size_t)mix64(m->keys[i]) & (ncap - 1);
        while (u[j])
            j = (j + 1) & (ncap - 1);
        u[j] = 1;
        k[j] = m->keys[i];
        v[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    free(m->used);
    m->keys = k;
    m->vals = v;
    m->used = u;
    m->cap = ncap;
    return 0;
}

int
tt_u64map_add(tt_u64map *m, uint64_t key, double v)
{
    if ((m->n + 1) * 2 > m->cap && u64map_grow(m))
        return TT_ENOMEM;
    size_t j = (size_t)mix64(key) & (m->cap - 1);
    while (m->used[j]) {
        if (m->keys[j] == key) {
            m->vals[j] += v;
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->used[j] = 1;
    m->keys[j] = key;
    m->vals[j] = v;
    m->n++;
    return 0;
}

double *
tt_u64map_get(const tt_u64map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t j = (size_t)mix64(key) & (m->cap - 1);
    while (m->used[j]) {
        if (m->keys[j] == key)
            return &m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void
tt_u64map_reset(tt_u64map *m)
{
    if (m->n && m->used)
        memset(m->used, 0, m->cap);
    m->n = 0;
}

void
tt_u64map_free(tt_u64map *m)
{
    free(m->keys);
    free(m->vals);
    free(m->used);
    memset(m, 0, sizeof *m);
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

uint64_t *
tt_u64map_keys(const tt_u64map *m, int *ok)
{
    *ok = 1;
    if (!m->n)
        return NULL;
    uint64_t *k = malloc(m->n * sizeof *k);
    if (!k) {
        *ok = 0;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->used[i])
            k[o++] = m->keys[i];
    if (o > 1)
        qsort(k, o, sizeof *k, cmp_u64);
    return k;
}

/* A slot is 0 (empty) or the key's hash's high 32 bits (a tag: most other keys are passed over without
 * reading their bytes) << 32 | the key's index + 1. */
#define SLOT_TAG(h) ((uint64_t)(h) >> 32 << 32)
#define SLOT_IDX(sl) ((size_t)((sl)&0xffffffffu) - 1)

static int
strmap_rehash(tt_strmap *m, size_t ncap)
{
    uint64_t *s = calloc(ncap, sizeof *s);
    if (!s)
        return TT_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        uint64_t h = hash_bytes(m->arena + m->off[i], m->len[i]);
        size_t j = (size_t)h & (ncap - 1);
        while (s[j])
            j = (j + 1) & (ncap - 1);
        s[j] = SLOT_TAG(h) | (uint64_t)(i + 1);
    }
    free(m->slots);
    m->slots = s;
    m->cap = ncap;
    return 0;
}

int64_t
tt_strmap_find(const tt_strmap *m, const char *s, size_t n)
{
    return m->cap ? tt_strmap_find_h(m, hash_bytes(s, n), s, n) : -1;
}

int64_t
tt_strmap_find_h(const tt_strmap *m, uint64_t h, const char *s, size_t n)
{
    if (!m->cap)
        return -1;
    size_t j = (size_t)h & (m->cap - 1);
    uint64_t tag = SLOT_TAG(h);
    for (uint64_t sl; (sl = m->slots[j]) != 0; j = (j + 1) & (m->cap - 1)) {
        if ((sl & ~(uint64_t)0xffffffffu) != tag)
            continue;
        size_t i = SLOT_IDX(sl);
        if (m->len[i] == n && memcmp(m->arena + m->off[i], s, n) == 0)
            return (int64_t)i;
    }
    return -1;
}

int
tt_strmap_intern(tt_strmap *m, const char *s, size_t n, size_t *idx, int *isnew)
{
    uint64_t h = hash_bytes(s, n);
    int64_t f = tt_strmap_find_h(m, h, s, n);
    if (isnew)
        *isnew = f < 0;
    if (f >= 0) {
        *idx = (size_t)f;
        return 0;
    }
    if ((m->n + 1) * 2 > m->cap && strmap_rehash(m, m->cap ? m->cap * 2 : 64))
        return TT_ENOMEM;
    if (m->n >= 0xfffffffeu)
        return TT_ENOMEM; /* the slot holds a 32-bit index */
    if (m->n == m->ncap) {
        size_t nc = m->ncap ? m->ncap * 2 : 32;
        size_t *o = realloc(m->off, nc * sizeof *o);
        if (!o)
            return TT_ENOMEM;
        m->off = o;
        size_t *l = realloc(m->len, nc * sizeof *l);
        if (!l)
            return TT_ENOMEM;
        m->len = l;
        uint64_t(*v)[2] = realloc(m->val, nc * sizeof *v);
        if (!v)
            return TT_ENOMEM;
        m->val = v;
        m->ncap = nc;
    }
    if (m->arena_len + n + 1 > m->arena_cap) {
        size_t nc = m->arena_cap ? m->arena_cap : 1024;
        while (nc < m->arena_len + n + 1)
            nc *= 2;
        char *a = realloc(m->arena, nc);
        if (!a)
            return TT_ENOMEM;
        m->arena = a;
        m->arena_cap = nc;
    }
    if (n)
        memcpy(m->arena + m->arena_len, s, n);
    m->arena[m->arena_len + n] = 0;
    size_t i = m->n++;
    m->off[i] = m->arena_len;
    m->len[i] = n;
    m->val[i][0] = m->val[i][1] = 0;
    m->arena_len += n + 1;
    size_t j = (size_t)h & (m->cap - 1);
    while (m->slots[j])
        j = (j + 1) & (m->cap - 1);
    m->slots[j] = SLOT_TAG(h) | (uint64_t)(i + 1);
    *idx = i;
    return 0;
}

const char *
tt_strmap_key(const tt_strmap *m, size_t i, size_t *n)
{
    if (n)
        *n = m->len[i];
    return m->arena + m->off[i];
}

void
tt_strmap_reset(tt_strmap *m)
{
    if (m->n && m->slots)
        memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->n = 0;
    m->arena_len = 0;
}

void
tt_strmap_free(tt_strmap *m)
{
    free(m->arena);
    free(m->off);
    free(m->len);
    free(m->val);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
