/* tt/atomic.h - write a file so that its final name only ever holds a complete file.
 *
 * tt_atomic_open creates a temporary file beside the target (same folder, name ".<base>.tmp.XXXXXX") and gives a
 * FILE * to write to. tt_atomic_commit flushes, fsyncs, closes and renames it onto the target (then fsyncs the
 * folder; with TT_ATOMIC_STAGED the folder's install does the syncing); tt_atomic_abort closes and removes it. So a crash, a kill or an error never leaves a half-written
 * file under the final name, and a reader sees either the old file or the new one.
 *
 * With TT_ATOMIC_GZIP the bytes written to the FILE * are gzip-compressed (zlib, level 6) on the way to disk;
 * the caller chooses the final name (normally ending in ".gz"). Readers (zlib, R readMM, scipy mmread, pandas)
 * read it as gzip.
 *
 * A tt_atomic is a plain struct: zero-initialise it ({0}). After commit or abort it is zeroed again, and abort
 * on a zeroed struct is a no-op, so "abort on every error path" is always safe.
 *
 * Example:
 *     tt_atomic a = {0};
 *     if (tt_atomic_open(&a, "out/docs.tsv", &err)) return err.code;
 *     fputs("doc_id\n", a.f);
 *     if (tt_atomic_commit(&a, &err)) return err.code;   // on failure the temp file is already removed
 */
#ifndef TT_ATOMIC_H
#define TT_ATOMIC_H

#include "tt/common.h"

#include <stdio.h>

#define TT_ATOMIC_GZIP 1 /* compress with gzip */
/* The file is written into a staging folder that tt_install_dir (tt/fs.h) makes durable as a whole before it
 * puts the folder in place: commit starts the file's write-back but neither waits for it nor syncs the folder
 * (a run's ~15 output files cost one journal commit instead of ~30 fsyncs). Until that install the file has its
 * final name only inside the staging folder, which no reader takes for an output. */
#define TT_ATOMIC_STAGED 2
/* The file checks itself when it is read (a cache entry carries its length and a CRC-32): commit starts the
 * write-back and renames without waiting for the disk, so a crash may leave the old file, none, or a damaged
 * new one, which its reader rejects (the cache's first run took an fsync per document: 1.9x the CPU of a run). */
#define TT_ATOMIC_UNSYNCED 4

typedef struct tt_atomic {
    FILE *f;     /* write here; owned by the tt_atomic (never fclose it yourself) */
    char *path;  /* final name (malloc'ed, owned) */
    char *tmp;   /* temporary name (malloc'ed, owned) */
    int fd;      /* the temporary file's descriptor (for fsync) */
    void *gz;    /* zlib state with TT_ATOMIC_GZIP */
    void *buf;   /* the stream's buffer (malloc'ed, owned; NULL: stdio's own) */
    int flags;
} tt_atomic;

/* Opens a temporary file for `path` (plain, no compression). Errors: TT_EIO (folder missing or not writable;
 * err->path is the path), TT_ENOMEM. On failure *a is left zeroed. */
int tt_atomic_open(tt_atomic *a, const char *path, tt_error *err);
/* The same with flags (TT_ATOMIC_GZIP or 0). */
int tt_atomic_open_flags(tt_atomic *a, const char *path, int flags, tt_error *err);
/* Flushes, syncs (TT_ATOMIC_STAGED: starts the write-back), closes and renames onto the final name. Errors: TT_EIO (a write failed earlier, the disk is
 * full, the rename failed; the temporary file is removed). *a is zeroed in every case. */
int tt_atomic_commit(tt_atomic *a, tt_error *err);
/* Starts the write-back of what has been written so far (the FILE * flushed first), without waiting for it: for
 * a long stream in a staging folder, so that tt_install_dir's sync finds little left to write. Best effort: a
 * failure shows at the sync, or at commit. */
void tt_atomic_writeback(tt_atomic *a);
/* Closes and removes the temporary file; *a is zeroed. No-op on a zeroed struct. */
void tt_atomic_abort(tt_atomic *a);

#endif
