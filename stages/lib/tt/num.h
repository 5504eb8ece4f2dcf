/* tt/num.h - numbers in output files and docres records, the same whatever the locale.
 *
 * outputs.md requires '.' as decimal point under every locale; printf("%f") would write ',' under a comma
 * locale (de_DE, ru_RU, kk_KZ ...). These helpers never depend on the process or thread locale.
 */
#ifndef TT_NUM_H
#define TT_NUM_H

#include "tt/common.h"

/* Appends v with exactly `decimals` digits after '.', rounded as printf("%.*f") rounds (from the exact binary value: 12.34565 -> "12.3456").
 * decimals 0..9. A value that rounds to zero is written without a minus sign. Infinities are written "inf" /
 * "-inf" and NaN "nan" (the writers in export.c avoid producing them). Returns 0 or TT_ENOMEM. */
int tt_num_put_fixed(tt_buf *b, double v, int decimals);
/* The same, always through printf (tt_num_put_fixed writes most values itself: test_export compares). */
int tt_num_put_fixed_printf(tt_buf *b, double v, int decimals);

/* Appends v so that it parses back to the same double (C "%.17g" with '.' as decimal point). Integral values up
 * to 2^53 are written as plain integers ("3"). Returns 0 or TT_ENOMEM. */
int tt_num_put_exact(tt_buf *b, double v);

/* Appends v as C "%.<digits>g" (digits 1..17) with '.' as decimal point: "0.000123457", "1.5e-20". */
int tt_num_put_g(tt_buf *b, double v, int digits);

/* Parses a whole decimal number s[0..n) ("3", "-0.25", "1e-3") with '.' as decimal point. Returns 0, or
 * TT_ESYNTAX when s is empty, has trailing bytes or is not a number. */
int tt_num_parse_double(const char *s, size_t n, double *out);
/* The same, always through strtod (tt_num_parse_double reads plain decimals itself: test_export compares). */
int tt_num_parse_double_strtod(const char *s, size_t n, double *out);

/* Parses a whole unsigned decimal integer s[0..n) (digits only, no sign, fits in 64 bits). Returns 0 or
 * TT_ESYNTAX. */
int tt_num_parse_u64(const char *s, size_t n, uint64_t *out);

#endif
