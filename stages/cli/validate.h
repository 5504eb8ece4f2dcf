/* validate.h - checks of the options that name things in the data (--compare, --group-by, --period)
 * against the manifest (as written or detected), before any document is read, so that a misspelt column or value is an error
 * that lists what exists and suggests the nearest, never an output full of zeros. */
#ifndef TT_CLI_VALIDATE_H
#define TT_CLI_VALIDATE_H

#include "tt/manifest.h"

#include "opts.h"

/* Two passes. With m NULL (before the run): the syntax of --compare, --group-by and --period, and
 * surrounding white space of keys and values removed (c's strings are rewritten; do this before
 * copying c->exp). With m (from tt_run_callbacks.manifest, once the manifest is loaded or detected):
 * the keys and values against the documents [first, last) of m (manifest_name names the manifest
 * or the corpus folder in messages); c is left as it is. Names and values must match exactly (case
 * included: 'kz' is not 'KZ', and the message suggests 'KZ'). Prints the first problem ("prog:
 * error: ...") and returns TT_EXIT_USAGE, or returns 0; TT_EXIT_FAIL when out of memory (printed).
 * (The year-range comment of tt_cli_key_values holds for both passes.) */
int tt_cli_validate(const char *prog, const tt_manifest *m, const char *manifest_name, size_t first,
                    size_t last, tt_cli_opts *c);

/* The names of the values a key takes in documents [first, last) of m, distinct, in byte order,
 * empty values left out ("year" is derived from `date` when the manifest has no year column). *out
 * is malloc'ed (free it; the strings are borrowed from m, except years, which point into a static
 * table of 4-digit strings kept in *store: free *store too). Returns the count, or -1 if key is no
 * column (nor year with a date column). */
long tt_cli_key_values(const tt_manifest *m, size_t first, size_t last, const char *key,
                       const char ***out, char **store);

/* Bytes of the files of documents [first, last) as stored (for the progress line's total and ETA): the sizes the
 * manifest's load saw, a stat for the others. */
uint64_t tt_cli_manifest_bytes(const tt_manifest *m, size_t first, size_t last);

#endif
