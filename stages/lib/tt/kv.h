/* tt/kv.h - a small list of key/value strings (one document's meta or stat lines): binary-safe, in insertion
 * order, looked up by a linear scan (a document has a few dozen), kept in one buffer and reused across
 * documents without allocation once grown.
 *
 * Ownership: the list copies keys and values. Pointers it returns are borrowed and valid until the next
 * change of the list (an add or set may move the storage). Every stored key and value is NUL-terminated.
 * Errors: 0 or TT_ENOMEM (the list is then unchanged, except that a failed set may leave the old value). */
#ifndef TT_KV_H
#define TT_KV_H

#include "tt/common.h"

typedef struct tt_kv {
    tt_buf store;
    size_t *off; /* 4 per entry: key offset, key length, value offset, value length */
    size_t n, cap;
} tt_kv;

/* Zero-initialise (tt_kv l = {0}); free with tt_kv_free. */
void tt_kv_free(tt_kv *l);
/* Empties the list, keeps its memory. */
void tt_kv_reset(tt_kv *l);
/* Appends (k, v) (a key may then appear twice: tt_kv_get finds the first). */
int tt_kv_add(tt_kv *l, const char *k, size_t kn, const char *v, size_t vn);
/* Replaces the value of the first entry with key k (NUL-terminated), keeping its place, or appends. */
int tt_kv_set(tt_kv *l, const char *k, const char *v, size_t vn);
/* The value of the first entry with key k (NUL-terminated), or NULL; *n (may be NULL) gets its length (0 when
 * there is none). */
const char *tt_kv_get(const tt_kv *l, const char *k, size_t *n);
/* Key and value of entry i < l->n; *n (may be NULL) gets the length. */
const char *tt_kv_key(const tt_kv *l, size_t i, size_t *n);
const char *tt_kv_value(const tt_kv *l, size_t i, size_t *n);

#endif
