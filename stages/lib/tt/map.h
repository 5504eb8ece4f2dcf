/* tt/map.h - the library's two hash maps (count, export, diff, report, and the lexicon's literal-key index): u64 -> double sums, and interned
 * strings numbered in insertion order.
 *
 * Both are plain structs: zero-initialise them ({0}), free with the matching *_free (a no-op on a zeroed map).
 * They grow as needed (load factor <= 1/2); every insertion function returns 0 or TT_ENOMEM. Iteration order of
 * tt_u64map is the table order, which is deterministic for a given sequence of insertions but meaningless:
 * callers that write files sort the keys (tt_u64map_keys).
 */
#ifndef TT_MAP_H
#define TT_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tt_u64map {
    uint64_t *keys;
    double *vals;
    unsigned char *used;
    size_t n, cap; /* n entries in cap slots (cap a power of two, or 0) */
} tt_u64map;

/* Adds v to the value of key (a new key starts at 0). */
int tt_u64map_add(tt_u64map *m, uint64_t key, double v);
/* The value of key, or NULL. Borrowed until the next insertion. */
double *tt_u64map_get(const tt_u64map *m, uint64_t key);
/* Empties the map, keeps its memory. */
void tt_u64map_reset(tt_u64map *m);
void tt_u64map_free(tt_u64map *m);
/* Returns the keys sorted ascending in a malloc'ed array of m->n (caller frees; NULL with *ok = 0 when out of
 * memory; NULL with *ok = 1 when the map is empty). */
uint64_t *tt_u64map_keys(const tt_u64map *m, int *ok);

/* Interned strings: each distinct byte string gets the next index (0, 1, ...). Keys are copied (binary-safe,
 * stored NUL-terminated). Each entry carries two uint64 user values (val[i][0], val[i][1]), zero at first. */
typedef struct tt_strmap {
    char *arena;         /* key bytes, each followed by a NUL */
    size_t arena_len, arena_cap;
    size_t *off, *len;   /* key i = arena + off[i], len[i] bytes */
    uint64_t (*val)[2];  /* user values */
    size_t n, ncap;      /* entries */
    uint64_t *slots;     /* hash table: hash tag << 32 | index+1, 0 = empty (map.c) */
    size_t cap;
} tt_strmap;

/* The strmap's hash, computable byte by byte (so that a caller extending a key one byte at a time, as the
 * matcher does over the prefixes of a word, hashes each prefix in O(1)): hash(s[0..n)) ==
 * tt_strmap_hash_end(tt_strmap_hash_step(...tt_strmap_hash_step(TT_STRMAP_HASH_INIT, s[0])..., s[n-1])). */
#define TT_STRMAP_HASH_INIT 0xcbf29ce484222325ULL
static inline uint64_t
tt_strmap_hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * 0x100000001b3ULL;
}
uint64_t tt_strmap_hash_end(uint64_t h);
/* tt_strmap_find of s[0..n) whose hash is h. */
int64_t tt_strmap_find_h(const tt_strmap *m, uint64_t h, const char *s, size_t n);

/* Finds or adds s[0..n). *idx gets its index; *isnew (may be NULL) is set to 1 when it was added. */
int tt_strmap_intern(tt_strmap *m, const char *s, size_t n, size_t *idx, int *isnew);
/* Index of s[0..n), or -1. */
int64_t tt_strmap_find(const tt_strmap *m, const char *s, size_t n);
/* Key i (borrowed until the next insertion), NUL-terminated; *n (may be NULL) gets its length. */
const char *tt_strmap_key(const tt_strmap *m, size_t i, size_t *n);
void tt_strmap_reset(tt_strmap *m);
void tt_strmap_free(tt_strmap *m);

#endif
