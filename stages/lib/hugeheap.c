/* hugeheap.c - transparent huge pages for the heaps of a run's worker threads (tt/hugeheap.h). */
#include "tt/hugeheap.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__linux__) && defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE)
#define HUGEHEAP 1
/* glibc's HEAP_MAX_SIZE: 2 * DEFAULT_MMAP_THRESHOLD_MAX (4 MiB * sizeof(long)) */
#define HEAP_SPAN ((uintptr_t)2 * 4 * 1024 * 1024 * sizeof(long))
#define TOP_PAD (32 << 20)
#define MMAP_THRESHOLD (32 << 20) /* glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit systems */
#define TRIM_THRESHOLD (64 << 20)
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int on;                /* set once (under `once`), read-only afterwards */
static const char *state = "off (not asked)";

/* The kernel's setting, as /sys shows it: "[madvise]" or "[always]" is usable, "[never]" (or none) is not. */
static int
thp_usable(void)
{
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f)
        return 0;
    char line[128] = "";
    int ok = fgets(line, sizeof line, f) != NULL && (strstr(line, "[madvise]") || strstr(line, "[always]"));
    fclose(f);
    return ok;
}

static void
decide(void)
{
#ifdef HUGEHEAP
    const char *e = getenv("TT_HUGEPAGES");
    if (e && strcmp(e, "off") == 0) {
        state = "off (TT_HUGEPAGES=off)";
        return;
    }
    if (!thp_usable()) {
        state = "off (the kernel's transparent huge pages are off)";
        return;
    }
    /* any of these turns glibc's sliding mmap threshold off (mallopt(3)): set to where it would slide to, so that
       a document's buffers come from the heap and go back to it (not a mapping made and unmapped per document,
       whose unmapping interrupts every core), and the heap is not trimmed between documents */
    if (mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1 || mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) != 1 ||
        mallopt(M_TOP_PAD, TOP_PAD) != 1) {
        state = "off (glibc refused mallopt)";
        return;
    }
    on = 1;
    state = "on";
#else
    state = "off (not glibc on Linux)";
#endif
}

void
tt_hugeheap_process(void)
{
    pthread_once(&once, decide);
}

void
tt_hugeheap_thread(void)
{
#ifdef HUGEHEAP
    pthread_once(&once, decide);
    if (!on)
        return;
    void *p = malloc(1); /* a chunk of this thread's heap */
    if (!p)
        return;
    uintptr_t a = (uintptr_t)p, brk_end = (uintptr_t)sbrk(0);
    /* in the data segment (the main heap: a thread that shares the main arena), not a heap of its own */
    if (!(brk_end != (uintptr_t)-1 && a < brk_end))
        (void)madvise((void *)(a & ~(HEAP_SPAN - 1)), HEAP_SPAN, MADV_HUGEPAGE); /* a hint: failure is no error */
    free(p);
#endif
}

const char *
tt_hugeheap_state(void)
{
    return state;
}
