/* test_smap.c - the map the workers of a run share (tt/smap.h): a put is found with its whole value (two parts
 * joined), a key that is not there is not found, keys that share a hash are told apart, a full map refuses puts
 * (its slots half used, or its arena used up) and still answers lookups; and 8 threads putting and getting the
 * same 20,000 keys at once (each key's value made from the key) never see a wrong or partial value, and every key
 * is there at the end. The same maps in a run: t100 (--jobs 3 with and without TT_SHARE=off, same outputs). */
#include "support.h"

#include "tt/smap.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
test_basic(void)
{
    tt_smap *m = tt_smap_new(8, 4096);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    uint32_t vn = 99;
    CU_ASSERT_PTR_NULL(tt_smap_get(m, 7, "abc", 3, &vn));
    CU_ASSERT_EQUAL(tt_smap_put(m, 7, "abc", 3, "x", 1, "yz", 2), 0);
    const char *v = tt_smap_get(m, 7, "abc", 3, &vn);
    CU_ASSERT(v && vn == 3 && memcmp(v, "xyz", 3) == 0);
    /* the same hash, another key: both found, each with its own value */
    CU_ASSERT_EQUAL(tt_smap_put(m, 7, "abd", 3, "q", 1, NULL, 0), 0);
    v = tt_smap_get(m, 7, "abd", 3, &vn);
    CU_ASSERT(v && vn == 1 && v[0] == 'q');
    v = tt_smap_get(m, 7, "abc", 3, &vn);
    CU_ASSERT(v && vn == 3 && memcmp(v, "xyz", 3) == 0);
    CU_ASSERT_PTR_NULL(tt_smap_get(m, 7, "ab", 2, &vn));
    CU_ASSERT_PTR_NULL(tt_smap_get(m, 8, "abc", 3, &vn));
    /* the key again: no error, the first value stays */
    CU_ASSERT_EQUAL(tt_smap_put(m, 7, "abc", 3, "other", 5, NULL, 0), 0);
    v = tt_smap_get(m, 7, "abc", 3, &vn);
    CU_ASSERT(v && vn == 3);
    /* an empty value */
    CU_ASSERT_EQUAL(tt_smap_put(m, 1, "e", 1, NULL, 0, NULL, 0), 0);
    v = tt_smap_get(m, 1, "e", 1, &vn);
    CU_ASSERT(v != NULL && vn == 0);
    tt_smap_free(m);
    tt_smap_free(NULL);
    CU_ASSERT_PTR_NULL(tt_smap_new(2, 64)); /* too few slots */
}

static void
test_full(void)
{
    /* 16 slots: 8 keys, then refused */
    tt_smap *m = tt_smap_new(4, 1 << 16);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    char k[16];
    int stored = 0;
    for (int i = 0; i < 20; i++) {
        snprintf(k, sizeof k, "k%d", i);
        stored += tt_smap_put(m, (uint32_t)i * 2654435761u, k, (uint32_t)strlen(k), k, 2, NULL, 0) == 0;
    }
    CU_ASSERT_EQUAL(stored, 8);
    uint32_t vn;
    CU_ASSERT_PTR_NOT_NULL(tt_smap_get(m, 0, "k0", 2, &vn));
    CU_ASSERT_PTR_NULL(tt_smap_get(m, 19u * 2654435761u, "k19", 3, &vn));
    tt_smap_free(m);
    /* a 64-byte arena: one entry of 8 + 3 + 40 bytes fits (56), a second does not */
    m = tt_smap_new(8, 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    char big[40];
    memset(big, 'v', sizeof big);
    CU_ASSERT_EQUAL(tt_smap_put(m, 1, "one", 3, big, 40, NULL, 0), 0);
    CU_ASSERT_EQUAL(tt_smap_put(m, 2, "two", 3, big, 40, NULL, 0), -1);
    CU_ASSERT_PTR_NOT_NULL(tt_smap_get(m, 1, "one", 3, &vn));
    CU_ASSERT_PTR_NULL(tt_smap_get(m, 2, "two", 3, &vn));
    tt_smap_free(m);
}

#define NKEYS 20000
#define NTHREADS 8
static tt_smap *shared;
static long bad[NTHREADS];

/* key i: "key<i>", hash i * 40503 (many collide in the low bits), value: the key reversed then its length */
static uint32_t
make(int i, char *k, char *v)
{
    int n = snprintf(k, 32, "key%d", i);
    for (int j = 0; j < n; j++)
        v[j] = k[n - 1 - j];
    v[n] = (char)n;
    return (uint32_t)n;
}

static void *
hammer(void *arg)
{
    long t = (long)arg;
    char k[32], v[33];
    for (int r = 0; r < NKEYS; r++) {
        int i = (int)((r * 7919L + t * 1237L) % NKEYS);
        uint32_t n = make(i, k, v), vn;
        uint32_t h = (uint32_t)i * 40503u;
        const char *got = tt_smap_get(shared, h, k, n, &vn);
        if (got && (vn != n + 1 || memcmp(got, v, n + 1) != 0))
            bad[t]++;
        if (!got && tt_smap_put(shared, h, k, n, v, 1, v + 1, n) != 0)
            bad[t]++;
    }
    return NULL;
}

static void
test_threads(void)
{
    shared = tt_smap_new(16, (size_t)8 << 20);
    CU_ASSERT_PTR_NOT_NULL_FATAL(shared);
    pthread_t th[NTHREADS];
    for (long t = 0; t < NTHREADS; t++)
        CU_ASSERT_FATAL(pthread_create(&th[t], NULL, hammer, (void *)t) == 0);
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(th[t], NULL);
    long wrong = 0, missing = 0;
    for (int t = 0; t < NTHREADS; t++)
        wrong += bad[t];
    char k[32], v[33];
    for (int i = 0; i < NKEYS; i++) {
        uint32_t n = make(i, k, v), vn;
        const char *got = tt_smap_get(shared, (uint32_t)i * 40503u, k, n, &vn);
        if (!got || vn != n + 1 || memcmp(got, v, n + 1) != 0)
            missing++;
    }
    printf("smap: %d threads x %d keys: %ld wrong values or refused puts, %ld keys missing\n", NTHREADS, NKEYS,
           wrong, missing);
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT_EQUAL(missing, 0);
    tt_smap_free(shared);
}

static void
reg(void)
{
    tt_test_suite("smap", "put, get, two-part values, shared hashes", test_basic,
                  "full: refused puts, lookups still answered", test_full,
                  "8 threads at once: whole values, every key there", test_threads, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
