/* tt/hugeheap.h - transparent huge pages (2 MiB) for the heaps of a run's worker threads.
 *
 * A page fault costs 1.5 us on the virtual machines this runs on (make bench): a worker's buffers and caches, some
 * 12 MB a worker, were ~2,800 faults of 4 KiB each, ~4 ms of CPU a worker and a run, whatever the corpus size
 * (100 MB: 5,100 faults with one worker, 8,400 with two; 10 MB: the same). glibc gives each thread its own heap
 * (an "arena", a 64 MiB reservation made readable and writable as it grows); asked for huge pages
 * (MADV_HUGEPAGE, where /sys/kernel/mm/transparent_hugepage/enabled is "madvise" or "always") and grown 32 MiB
 * at a time (M_TOP_PAD) so that whole aligned 2 MiB ranges are there to fault in at once, it takes ~300 faults a
 * worker instead (10 MB corpus, --jobs 2: 8,100 -> 1,800 faults, 99 -> 86 ms). The price: memory is resident 2
 * MiB at a time (peak RSS 39 -> 53 MiB, still flat in corpus size).
 *
 * This is the one place termtrace relies on how glibc lays out memory: a thread's heap starts at an address
 * aligned to its maximum size (2 x 32 MiB on 64-bit systems, arena.c's HEAP_MAX_SIZE), which holds every chunk
 * of it. Where that does not hold, the hint falls on other memory of the process or on none, and changes
 * nothing but speed. TT_HUGEPAGES=off in the environment turns both calls into no-ops (to compare: the outputs
 * never depend on it, tests/cli/t100). Outside glibc on Linux both are no-ops. */
#ifndef TT_HUGEHEAP_H
#define TT_HUGEHEAP_H

/* Once per process, before the worker threads start (tt_run calls it; later calls do nothing): the heaps grow
 * 32 MiB at a time, when huge pages can be had and TT_HUGEPAGES is not "off". Thread-safe. */
void tt_hugeheap_process(void);

/* In a worker thread, before it allocates much: its heap asked for huge pages (not the main thread's, whose heap
 * is the program's data segment). Does nothing when tt_hugeheap_process did not turn them on. */
void tt_hugeheap_thread(void);

/* "on", or "off" with why: for run.json's execution member. Static string. */
const char *tt_hugeheap_state(void);

#endif
