/* mm.c - the Matrix Market coordinate writer (see tt/mm.h). */
#include "tt/mm.h"

#include "tt/num.h"

#include <math.h>

int
tt_mm_header(tt_buf *b, tt_mm_field field, tt_mm_symmetry sym, const char *what, uint64_t rows, uint64_t cols,
             uint64_t nnz)
{
    return tt_buf_printf(b, "%%%%MatrixMarket matrix coordinate %s %s\n%% termtrace %s: %s\n%llu %llu %llu\n",
                         field == TT_MM_REAL ? "real" : "integer", sym == TT_MM_SYMMETRIC ? "symmetric" : "general",
                         TT_VERSION, what, (unsigned long long)rows, (unsigned long long)cols,
                         (unsigned long long)nnz)
               ? TT_ENOMEM
               : 0;
}

int
tt_mm_entry_u64(tt_buf *b, uint64_t row, uint64_t col, uint64_t value)
{
    if (tt_buf_put_u64(b, row) || tt_buf_putc(b, ' ') || tt_buf_put_u64(b, col) || tt_buf_putc(b, ' ') ||
        tt_buf_put_u64(b, value) || tt_buf_putc(b, '\n'))
        return TT_ENOMEM;
    return 0;
}

int
tt_mm_value(tt_buf *b, tt_mm_field field, double value)
{
    if (field == TT_MM_REAL)
        return tt_num_put_g(b, value, 10) ? TT_ENOMEM : 0;
    return tt_buf_put_u64(b, (uint64_t)llround(value)) ? TT_ENOMEM : 0;
}

int
tt_mm_entry(tt_buf *b, tt_mm_field field, uint64_t row, uint64_t col, double value)
{
    if (tt_buf_put_u64(b, row) || tt_buf_putc(b, ' ') || tt_buf_put_u64(b, col) || tt_buf_putc(b, ' ') ||
        tt_mm_value(b, field, value) || tt_buf_putc(b, '\n'))
        return TT_ENOMEM;
    return 0;
}
