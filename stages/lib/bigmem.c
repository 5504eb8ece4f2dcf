/* bigmem.c - large zeroed tables in 2 MiB-aligned mappings asked for in transparent huge pages (tt/bigmem.h). */
#include "tt/bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#define BIG_PAGE ((size_t)2 << 20)
#endif

#if defined(BIG_PAGE) && defined(MADV_HUGEPAGE)
/* 1: tables of at least BIG_PAGE bytes get their own huge-page mapping; 0: plain calloc (TT_BIGMEM=plain). Asked
 * once per process (a cached value that every thread computes the same). */
static int
big_on(void)
{
    static int on; /* 0 not asked, 1 plain, 2 mappings */
    int v = __atomic_load_n(&on, __ATOMIC_RELAXED);
    if (!v) {
        const char *e = getenv("TT_BIGMEM");
        v = e && strcmp(e, "plain") == 0 ? 1 : 2;
        __atomic_store_n(&on, v, __ATOMIC_RELAXED);
    }
    return v == 2;
}

static int
is_big(size_t n)
{
    return n >= BIG_PAGE && big_on();
}

static size_t
round_up(size_t n)
{
    return (n + BIG_PAGE - 1) & ~(BIG_PAGE - 1);
}

/* The pages of p[0..n) (already zero) made the table's own now: in one call where the kernel can
 * (MADV_POPULATE_WRITE, Linux 5.14: no fault per page), else one write per page. */
static void
touch(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
    if (e > a && madvise((void *)a, e - a, MADV_POPULATE_WRITE) == 0) {
        if (a > (uintptr_t)p) /* the partial pages at both ends */
            *(volatile char *)p = 0;
        if (e < (uintptr_t)p + n)
            *(volatile char *)e = 0;
        return;
    }
#endif
    volatile char *c = p;
    for (size_t i = 0; i < n; i += 4096)
        c[i] = 0;
}

void *
tt_big_alloc(size_t n)
{
    void *p = tt_big_arena(n);
    if (p)
        touch(p, n);
    return p;
}

void *
tt_big_arena(size_t n)
{
    if (!n)
        return NULL;
    if (!is_big(n))
        return calloc(1, n);
    size_t len = round_up(n);
    if (len < n || len + BIG_PAGE < len)
        return NULL;
    /* map BIG_PAGE more than needed and cut the ends off, so that the table starts on a 2 MiB boundary */
    char *p = mmap(NULL, len + BIG_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t a = ((uintptr_t)p + BIG_PAGE - 1) & ~(uintptr_t)(BIG_PAGE - 1);
    size_t head = (size_t)(a - (uintptr_t)p);
    if (head)
        munmap(p, head);
    if (BIG_PAGE - head)
        munmap((char *)a + len, BIG_PAGE - head);
    (void)madvise((void *)a, len, MADV_HUGEPAGE); /* a hint: without it the table is still good memory */
    return (void *)a;
}

void
tt_big_free(void *p, size_t n)
{
    if (!p)
        return;
    if (is_big(n))
        munmap(p, round_up(n));
    else
        free(p);
}

void *
tt_big_realloc(void *p, size_t old, size_t n)
{
    if (!p)
        return tt_big_arena(n);
    if (!is_big(old) && !is_big(n)) {
        char *q = realloc(p, n ? n : 1);
        if (q && n > old)
            memset(q + old, 0, n - old);
        return q;
    }
    if (is_big(old) && is_big(n) && round_up(old) == round_up(n)) {
        if (n < old) /* the rest of the mapping reads as zero again when the table grows back */
            memset((char *)p + n, 0, old - n);
        return p;
    }
    void *q = tt_big_arena(n);
    if (!q)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    tt_big_free(p, old);
    return q;
}

#else /* no mmap/madvise: plain memory */

void *
tt_big_alloc(size_t n)
{
    return n ? calloc(1, n) : NULL;
}

void *
tt_big_arena(size_t n)
{
    return tt_big_alloc(n);
}

void
tt_big_free(void *p, size_t n)
{
    (void)n;
    free(p);
}

void *
tt_big_realloc(void *p, size_t old, size_t n)
{
    char *q = realloc(p, n ? n : 1);
    if (q && n > old)
        memset(q + old, 0, n - old);
    return q;
}
#endif
