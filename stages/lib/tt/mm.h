/* tt/mm.h - the one Matrix Market writer (coordinate format), used by every .mtx output (tf.mtx, vocab.mtx,
 * cooc.<ctx>.mtx and any new matrix output).
 *
 * A file is the header of tt_mm_header followed by one tt_mm_entry line per stored entry, written by the caller
 * in the order its format promises (outputs.md: sorted by row then column). Rows and columns are 1-based.
 * Integer values are printed as decimal integers (a real accumulator is rounded to the nearest integer), real
 * values with 10 significant digits, '.' as decimal point whatever the locale (tt/num.h).
 *
 * Ownership: the functions append to a caller-owned buffer. Errors: 0, or TT_ENOMEM (the buffer then holds a
 * prefix of what was to be written).
 */
#ifndef TT_MM_H
#define TT_MM_H

#include "tt/common.h"

typedef enum tt_mm_field { TT_MM_INTEGER, TT_MM_REAL } tt_mm_field;
typedef enum tt_mm_symmetry { TT_MM_GENERAL, TT_MM_SYMMETRIC } tt_mm_symmetry;

/* Appends the three header lines:
 *   %%MatrixMarket matrix coordinate <integer|real> <general|symmetric>
 *   % termtrace <version>: <what>
 *   <rows> <cols> <nnz>
 * `what` says what the rows and columns are (e.g. "rows = docs.tsv, columns = concepts.tsv"). A symmetric
 * matrix stores its lower triangle only (row >= column). */
int tt_mm_header(tt_buf *b, tt_mm_field field, tt_mm_symmetry sym, const char *what, uint64_t rows, uint64_t cols,
                 uint64_t nnz);

/* Appends one entry line "row col value\n" (row, col 1-based). */
int tt_mm_entry_u64(tt_buf *b, uint64_t row, uint64_t col, uint64_t value);

/* Appends one entry line; value printed as an integer (TT_MM_INTEGER: llround) or with 10 significant digits
 * (TT_MM_REAL). */
int tt_mm_entry(tt_buf *b, tt_mm_field field, uint64_t row, uint64_t col, double value);

/* Appends a value alone, formatted as tt_mm_entry formats it (for TSV columns that must agree with a .mtx). */
int tt_mm_value(tt_buf *b, tt_mm_field field, double value);

#endif
