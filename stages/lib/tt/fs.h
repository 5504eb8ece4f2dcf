/* tt/fs.h - filesystem helpers of a run: the atomic installation of a finished output folder, the cleanup of
 * folders killed runs left behind, folder trees, parents and absolute paths. Paths are NUL-terminated strings
 * the caller owns; nothing is kept. */
#ifndef TT_FS_H
#define TT_FS_H

#include "tt/common.h"

/* Swaps a finished temporary folder tmp into place at out: first makes everything in it durable (tt_sync_tree:
 * the files written into it with TT_ATOMIC_STAGED were not synced one by one), then atomically (renameat2
 * RENAME_EXCHANGE) where out exists, then removes the previous output; a plain rename where it does not; then
 * syncs out's parent folder. Returns 0 or TT_EIO naming the file or folder (out unchanged). */
int tt_install_dir(const char *tmp, const char *out, tt_error *err);

/* Makes the staging folder of an output: "<out>.tmp-PID" beside out (out's parent folders created, the stale
 * staging folders of killed runs removed: tt_clean_stale), its name in tmp (n bytes). Returns 0, or TT_EIO naming
 * the folder that could not be made (tmp is then ""). */
int tt_make_staging(const char *out, char *tmp, size_t n, tt_error *err);

/* fsync of every file and folder below dir and of dir itself: the files several at once (up to 4 threads), then the
 * folders, each after what it holds. Returns 0, TT_EIO with err naming the first that failed in the walk's order
 * (err->sys_errno: e.g. ENOSPC, which a delayed write reports here), or TT_ENOMEM. */
int tt_sync_tree(const char *dir, tt_error *err);

/* Removes the temporary folders that killed runs left beside out ("<out>.tmp-PID" whose process is gone).
 * A live run's folder is never touched. */
void tt_clean_stale(const char *out);

/* Removes a folder tree (used for temporary folders). Returns 0 or TT_EIO. */
int tt_rmtree(const char *path);

/* mkdir -p of the parent folders of path (not path itself). Returns 0 or TT_EIO. */
int tt_mkparents(const char *path);

/* Absolute, normalized path of p into out[0..n) (".", ".." and repeated slashes resolved lexically; symbolic
 * links in the part that exists are resolved by realpath). Returns 0 or -1. */
int tt_abspath(const char *p, char *out, size_t n);

#endif
