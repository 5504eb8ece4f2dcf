/* tt/manifest.h - a corpus manifest (DIR/manifest.tsv, outputs.md "What a run reads").
 *
 * UTF-8, tab-separated, one header row. Required columns doc_id, path, lang (kk uz ru en); optional country,
 * script (Cyrl, Latn, Latn-2017, Latn-2018, Latn-2021, empty = detect), date (YYYY or YYYY-MM-DD), doc_type, title,
 * source, encoding (any name the decoder knows, empty = detect), format (txt html docx odt pdf md, empty = detect
 * from the bytes), html_select (an XPath 1.0 expression that picks the document out of an HTML page); other
 * columns are kept. Values are taken as
 * written (no quoting; the TSV escapes \t \n \\ are decoded).
 *
 * Everything that can be checked without reading a document is checked at load, so that a bad manifest stops
 * a run before any document is read (TT_ESYNTAX with path:line:column): invalid UTF-8, a missing required
 * column, a row with the wrong number of fields, an empty or duplicate doc_id, an unknown lang (`und`, written by
 * language detection for a language it does not know, is read as TT_LANG_OTHER: no lexicon entry applies) or script, a bad
 * date, an unknown encoding name or format, an XPath that does not compile, a path that is absolute, contains "..", or (through a symbolic link) resolves
 * outside the corpus folder unless allow_outside.
 *
 * Documents are kept sorted by doc_id (byte order): that is the matrix row order, whatever the order of the
 * manifest's rows.
 */
#ifndef TT_MANIFEST_H
#define TT_MANIFEST_H

#include "tt/common.h"

typedef struct tt_mdoc {
    const char *doc_id;
    const char *path;     /* as written in the manifest */
    const char *fullpath; /* corpus_dir/path */
    tt_lang lang;
    tt_script script;     /* TT_SCRIPT_ANY = detect */
    const char *encoding; /* "" = detect */
    const char *date;     /* "" if none */
    int year;             /* from date, 0 if none */
    uint64_t line;        /* line in the manifest */
    const char *const *values; /* one per column, in manifest column order */
    int format;               /* tt_format (tt/read.h) of the `format` column: TT_FMT_AUTO (0) if empty/absent */
    const char *html_select;  /* the `html_select` column (an XPath for an HTML page), "" if none */
    int64_t size;             /* the file's size in bytes when the load saw it (the check that a path stays in the
                                 corpus folder stats each file: free), -1 if not (--allow-outside, a symbolic link,
                                 a missing file): a hint for scheduling and progress, read when the manifest is */
} tt_mdoc;

typedef struct tt_manifest tt_manifest;

/* Loads corpus_dir/manifest.tsv (or `manifest_path` if not NULL, with paths relative to corpus_dir).
 * Caller owns *out. */
int tt_manifest_load(tt_manifest **out, const char *corpus_dir, const char *manifest_path, int allow_outside,
                     tt_error *err);
/* The same from memory (for tests and fuzzing); files are not checked for existence. */
int tt_manifest_parse(tt_manifest **out, const char *corpus_dir, const char *name, const char *text,
                      size_t n, int allow_outside, tt_error *err);
void tt_manifest_free(tt_manifest *m);

size_t tt_manifest_ncols(const tt_manifest *m);
const char *tt_manifest_col(const tt_manifest *m, size_t j); /* borrowed */
long tt_manifest_colindex(const tt_manifest *m, const char *name); /* -1 if absent */
size_t tt_manifest_ndocs(const tt_manifest *m);
const tt_mdoc *tt_manifest_doc(const tt_manifest *m, size_t i); /* borrowed; sorted by doc_id */
const char *tt_manifest_sha256(const tt_manifest *m);           /* hex SHA-256 of the manifest bytes */

/* Documents of shard i of k (0 <= i < k): a contiguous block of the doc_id order, [*first, *last). */
void tt_manifest_shard(const tt_manifest *m, unsigned i, unsigned k, size_t *first, size_t *last);

#endif
