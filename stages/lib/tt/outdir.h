/* tt/outdir.h - which folders a run may replace or write into: the output-folder and cache-folder guard.
 *
 * A run, `pipeline merge` and tt-export replace their output folder as a whole (a new folder is built beside it
 * and swapped in). So that a mistyped --out can never delete a user's files, the folder is replaced only when it
 * is absent, empty, or holds the marker file TT_OUTPUT_MARKER that every run writes into its output. A cache
 * folder (--cache) is only written into, never replaced, but gets the same treatment with its own marker
 * TT_CACHE_MARKER. Anything else is refused before any document is read, and so is a folder that is, contains or
 * lies inside one of the run's inputs (corpus, manifest, lexicon, data folder) or the other folder (cache for an
 * output, output for a cache). Paths are compared after resolving symbolic links (realpath of the part that
 * exists, tt_abspath in tt/fs.h).
 *
 * The markers are small text files whose first line is "termtrace-output 1" / "termtrace-cache 1".
 */
#ifndef TT_OUTDIR_H
#define TT_OUTDIR_H

#include "tt/common.h"

#define TT_OUTPUT_MARKER ".termtrace-output"
#define TT_CACHE_MARKER ".termtrace-cache"

typedef enum tt_dir_kind {
    TT_DIR_OUTPUT = 0, /* replaced as a whole: absent, empty, or marked by a previous run */
    TT_DIR_CACHE = 1,  /* written into: absent, empty, or marked as a cache (or an unmarked cache of an older
                          version: only two-hex-digit folders of *.docres files) */
} tt_dir_kind;

/* A path the folder must not be, contain or lie inside; `what` names it in the message ("corpus folder",
 * "lexicon", ...). A NULL or empty path is ignored. Both borrowed. */
typedef struct tt_dir_guard {
    const char *path;
    const char *what;
} tt_dir_guard;

/* Checks that `dir` may be used as a folder of this kind (see above); `opt` is the option that named it
 * ("--out", "--cache"), used in the message to say how to proceed. Returns 0, or TT_EUSAGE with err naming the
 * folder (err->path), what is wrong and what to do; TT_EIO when the folder cannot be read (err->sys_errno);
 * TT_ENOMEM. Reads only the folder's listing and its marker; changes nothing. */
int tt_dir_check(const char *dir, tt_dir_kind kind, const char *opt, const tt_dir_guard *guards, size_t nguards,
                 tt_error *err);

/* Writes the marker of this kind into the existing folder dir (atomically). An output folder is marked while it
 * is a staging folder: its marker is synced by tt_install_dir (TT_ATOMIC_STAGED). Returns 0 or
 * TT_EIO/TT_ENOMEM. */
int tt_dir_mark(const char *dir, tt_dir_kind kind, tt_error *err);

#endif
