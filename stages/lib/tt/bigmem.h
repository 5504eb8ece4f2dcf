/* tt/bigmem.h - memory for the large tables a worker fills at random (the normalizer's and the matcher's caches:
 * hash slots and arenas of several MiB).
 *
 * Each such table is its own mapping, aligned to 2 MiB and marked MADV_HUGEPAGE, so that where the kernel's
 * transparent huge pages allow it (/sys/kernel/mm/transparent_hugepage/enabled is "madvise" or "always") the
 * table is faulted in 2 MiB at a time instead of 4 KiB at a time, and its random lookups miss the TLB less.
 * A page fault costs microseconds on a virtual machine: a 100 MB run took ~12,000 of them with two workers, most
 * in these tables (make bench, README "Benchmarks"). Where huge pages are off, or for a table under 2 MiB, it is
 * plain memory (calloc). TT_BIGMEM=plain in the environment makes every table plain (to compare; the outputs
 * never depend on it).
 *
 * The memory is zeroed. Ownership: the caller frees with tt_big_free (either kind), giving the same size it asked
 * for. */
#ifndef TT_BIGMEM_H
#define TT_BIGMEM_H

#include <stddef.h>

/* n zeroed bytes, or NULL when memory runs out (or n is 0): a table that is read at random (hash slots). Its pages
 * are written once now: a lookup before the first insert would otherwise map the shared zero page, and the first
 * insert there would fault again and, with other threads running, flush their TLBs (an interrupt to every core:
 * ~2% of a two-job run's time before this). */
void *tt_big_alloc(size_t n);
/* The same for an arena that is written before it is read (appended to): its pages are left untouched until used,
 * so a large reservation costs nothing until it fills. */
void *tt_big_arena(size_t n);
/* Grows (or shrinks) the table p of `old` bytes to n bytes, keeping the first min(old, n) bytes and zeroing
 * the rest. On NULL (out of memory) p is untouched and still the caller's. p may be NULL (old 0). */
void *tt_big_realloc(void *p, size_t old, size_t n);
/* Frees p (NULL is a no-op); n is the size it was allocated with. */
void tt_big_free(void *p, size_t n);

#endif
