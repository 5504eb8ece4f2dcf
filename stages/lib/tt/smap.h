/* tt/smap.h - a map that the workers of a run share: insert-only, lock-free, bounded. What one worker computed
 * (a word's match form, a type's candidate list) another finds here instead of computing it again: with two
 * workers on the 100 MB bench corpus each word was otherwise normalized and resolved by both (~15,000 words,
 * ~0.5 G instructions, README "Benchmarks").
 *
 * Keys and values are byte strings, copied in. An entry, once in, never changes and is never removed: a lookup
 * that finds a key reads a value that is complete (its slot is published with release ordering after the bytes
 * are written, and read with acquire ordering). When the map is full (its slots half used, or its arena used up)
 * puts are refused and the callers go on computing: the map is a memo, and what it holds never changes a result.
 * Two threads putting the same key at once may both store it: the lookups find one of them, with equal values.
 *
 * Ownership: tt_smap_new's map is the caller's (tt_smap_free, after every thread using it is done). Values are
 * borrowed from the map for its lifetime. Every function may be called from any thread at once, but new and free. */
#ifndef TT_SMAP_H
#define TT_SMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tt_smap tt_smap;

/* A map of 2^slot_bits slots (at most half of them used) and arena_bytes of keys and values; NULL when out of
 * memory. The memory is reserved, and used as entries come (tt/bigmem.h). */
tt_smap *tt_smap_new(unsigned slot_bits, size_t arena_bytes);
void tt_smap_free(tt_smap *m);

/* The value of key k[0..kn) (h: its hash, the caller's; the same key must always come with the same h), its
 * length in *vn; NULL when the key is not there. */
const void *tt_smap_get(const tt_smap *m, uint32_t h, const void *k, uint32_t kn, uint32_t *vn);

/* Stores a copy of the key and of the value v[0..vn) followed by v2[0..vn2) (v2 may be NULL with vn2 0). 0 when
 * stored (or the key was there already), -1 when the map is full. */
int tt_smap_put(tt_smap *m, uint32_t h, const void *k, uint32_t kn, const void *v, uint32_t vn, const void *v2,
                uint32_t vn2);

#endif
