/* tt/corpuswalk.h - the documents of a corpus folder that has no manifest: every file below it.
 *
 * The walk is deterministic: each folder's entries in byte order of their names, depth first.
 * Skipped: names that begin with '.' (hidden files and folders), symbolic links to folders (no
 * loops), anything that is not a regular file (sockets, fifos), and names that are not UTF-8 (a
 * manifest is UTF-8) - each skip except hidden names is reported through the warning callback, so
 * nothing is dropped silently. doc_id = the relative path without its extension (and without `.gz`
 * before it), made safe: ASCII other than letters, digits, `.`, `_`, `-` and `/` becomes `_`; made
 * unique: a doc_id already taken gets `~2`, `~3` ... in walk order (`a.txt` and `a.html` give `a`
 * and `a~2`).
 */
#ifndef TT_CORPUSWALK_H
#define TT_CORPUSWALK_H

#include "tt/common.h"

typedef struct tt_walk_file {
    char *path;   /* relative to the folder, '/'-separated (owned by the list) */
    char *doc_id; /* (owned by the list) */
} tt_walk_file;

/* Warning callback: a file was skipped (err names it and says why). */
typedef void (*tt_walk_warn_fn)(void *ctx, const tt_error *w);

/* Lists the files below dir into *files (caller frees with tt_corpus_walk_free), *n of them (0 is
 * not an error here). Errors: TT_EIO (dir cannot be opened or read; path in err), TT_ENOMEM. */
int tt_corpus_walk(const char *dir, tt_walk_file **files, size_t *n, tt_walk_warn_fn warn,
                   void *ctx, tt_error *err);
void tt_corpus_walk_free(tt_walk_file *files, size_t n);

/* The doc_id for a relative path (before making it unique), appended to out. Returns 0 or
 * TT_ENOMEM. */
int tt_corpus_doc_id(const char *path, tt_buf *out);

#endif
