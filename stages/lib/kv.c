/* kv.c - the key/value list of a document's meta and stat lines (see tt/kv.h). */
#include "tt/kv.h"

#include <stdlib.h>
#include <string.h>

void
tt_kv_free(tt_kv *l)
{
    tt_buf_free(&l->store);
    free(l->off);
    memset(l, 0, sizeof *l);
}

void
tt_kv_reset(tt_kv *l)
{
    l->n = 0;
    tt_buf_reset(&l->store);
}

/* Appends s[0..n) and a NUL to the store; *at gets its offset. */
static int
put(tt_kv *l, const char *s, size_t n, size_t *at)
{
    *at = l->store.len;
    if (tt_buf_append(&l->store, s, n) || tt_buf_putc(&l->store, 0)) {
        l->store.len = *at;
        return TT_ENOMEM;
    }
    return 0;
}

int
tt_kv_add(tt_kv *l, const char *k, size_t kn, const char *v, size_t vn)
{
    if (tt_grow((void **)&l->off, &l->cap, 4 * (l->n + 1), sizeof *l->off))
        return TT_ENOMEM;
    size_t *o = l->off + 4 * l->n, mark = l->store.len;
    if (put(l, k, kn, &o[0]) || put(l, v, vn, &o[2])) {
        l->store.len = mark;
        return TT_ENOMEM;
    }
    o[1] = kn;
    o[3] = vn;
    l->n++;
    return 0;
}

static size_t
find(const tt_kv *l, const char *k)
{
    size_t kn = strlen(k);
    for (size_t i = 0; i < l->n; i++) {
        const size_t *o = l->off + 4 * i;
        if (o[1] == kn && memcmp(l->store.data + o[0], k, kn) == 0)
            return i;
    }
    return l->n;
}

int
tt_kv_set(tt_kv *l, const char *k, const char *v, size_t vn)
{
    size_t i = find(l, k);
    if (i == l->n)
        return tt_kv_add(l, k, strlen(k), v, vn);
    size_t at;
    if (put(l, v, vn, &at))
        return TT_ENOMEM;
    l->off[4 * i + 2] = at;
    l->off[4 * i + 3] = vn;
    return 0;
}

const char *
tt_kv_get(const tt_kv *l, const char *k, size_t *n)
{
    size_t i = find(l, k);
    if (i == l->n && n)
        *n = 0;
    return i == l->n ? NULL : tt_kv_value(l, i, n);
}

const char *
tt_kv_key(const tt_kv *l, size_t i, size_t *n)
{
    if (n)
        *n = l->off[4 * i + 1];
    return l->store.data + l->off[4 * i];
}

const char *
tt_kv_value(const tt_kv *l, size_t i, size_t *n)
{
    if (n)
        *n = l->off[4 * i + 3];
    return l->store.data + l->off[4 * i + 2];
}
