/* tt/tsv.h - read the output folder's TSV files (outputs.md) row by row, by column NAME.
 *
 * A tt_tsv reader opens a file written by a run (plain, or gzip: zlib reads both, and a missing
 * "x.tsv" is looked up as "x.tsv.gz"), reads its header row, and then gives one row at a time with
 * every field unescaped
 * (\t, \n, \r, \\ of outputs.md). Columns are found by name (tt_tsv_col), never by position, so
 * files that gain columns (format_version 2 adds some) are read the same way. Memory holds one row.
 *
 * Ownership: tt_tsv_open gives the caller a reader freed with tt_tsv_close (close(NULL) is a
 * no-op). Field strings are borrowed and valid until the next tt_tsv_next or tt_tsv_close.
 *
 * Example:
 *     tt_tsv *t;
 *     if (tt_tsv_open(&t, "out/tf.tsv", &err)) return err.code;
 *     int c = tt_tsv_col(t, "count");
 *     while ((rc = tt_tsv_next(t, &err)) == 1) use(tt_tsv_get(t, c));
 *     tt_tsv_close(t);           // rc == 0 at the end, < 0 on an error
 */
#ifndef TT_TSV_H
#define TT_TSV_H

#include <stddef.h>

#include "tt/common.h"

typedef struct tt_tsv tt_tsv;

/* Opens path (or path.gz when path does not exist) and reads its header. Errors: TT_EIO (cannot
 * open: the path is in err), TT_ESYNTAX (no header row), TT_ENOMEM. On failure *out is NULL. */
int tt_tsv_open(tt_tsv **out, const char *path, tt_error *err);

/* 1 if path or path.gz exists (and is readable). */
int tt_tsv_exists(const char *path);

/* Index of the column named name, or -1 when the file has no such column. */
int tt_tsv_col(const tt_tsv *t, const char *name);

/* Number of columns and the name of column i (borrowed; valid until close). */
size_t tt_tsv_ncols(const tt_tsv *t);
const char *tt_tsv_colname(const tt_tsv *t, size_t i);

/* Reads the next row: returns 1 (a row), 0 (end of file) or a negative TT_E*: TT_EIO (read error),
 * TT_ESYNTAX (a bad escape; err has path and line), TT_ENOMEM. A row with fewer fields than the
 * header gives
 * "" for the missing ones; extra fields are ignored. */
int tt_tsv_next(tt_tsv *t, tt_error *err);

/* Field i of the current row, unescaped and NUL-terminated; "" for i < 0 or a missing field.
 * Borrowed. */
const char *tt_tsv_get(const tt_tsv *t, int i);

/* The same as a number: the field parsed with '.' as decimal point whatever the
 * locale (0 when empty or not a number). */
double tt_tsv_num(const tt_tsv *t, int i);

/* 1-based line number of the current row in the file (the header is line 1). */
size_t tt_tsv_line(const tt_tsv *t);

void tt_tsv_close(tt_tsv *t);

#endif
