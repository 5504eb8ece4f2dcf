/* num.c - locale-independent number formatting and parsing (see tt/num.h). */
#include "tt/num.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* printf-style formatting of one double in the C locale (thread-local switch, the thread's locale is put
 * back). */
static int
put_c_locale(tt_buf *b, char conv, int prec, double v)
{
    char tmp[400];
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c)
        return TT_ENOMEM;
    locale_t old = uselocale(c);
    int k = conv == 'f' ? snprintf(tmp, sizeof tmp, "%.*f", prec, v) : snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    uselocale(old);
    freelocale(c);
    if (k < 0 || (size_t)k >= sizeof tmp)
        return TT_ENOMEM;
    return tt_buf_append(b, tmp, (size_t)k);
}

/* The fast path of tt_num_put_fixed for 0 <= v and v * 10^decimals < 2^40: y = v * 10^decimals is within 2^-13
 * of the exact product, so unless y's fraction is within 2^-12 of one half (then 0: printf decides, as it does
 * on an exact tie) the nearest integer to y is the nearest to the exact product, which is what printf rounds
 * to; written as digits with '.' before the last `decimals`. tf.tsv and the groups write a rate per 10,000
 * tokens for every cell (8,000 printf calls of the main thread's merge per 100 MB run). Switch: -DTT_NUM_PLAIN;
 * test_export compares it with tt_num_put_fixed_printf. */
static int
put_fixed_fast(tt_buf *b, double v, int decimals)
{
#ifdef TT_NUM_PLAIN
    (void)b;
    (void)v;
    (void)decimals;
    return -1;
#else
    static const double p10[10] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (!(v >= 0) || decimals < 0 || decimals > 9)
        return -1;
    double y = v * p10[decimals];
    if (!(y < 1099511627776.0)) /* 2^40 */
        return -1;
    double fl = floor(y), f = y - fl;
    if (f > 0.5 - 1.0 / 4096 && f < 0.5 + 1.0 / 4096)
        return -1;
    uint64_t r = (uint64_t)fl + (f > 0.5);
    char tmp[40], *e = tmp + sizeof tmp, *p = e;
    for (int i = 0; i < decimals; i++) {
        *--p = (char)('0' + r % 10);
        r /= 10;
    }
    if (decimals)
        *--p = '.';
    do {
        *--p = (char)('0' + r % 10);
        r /= 10;
    } while (r);
    return tt_buf_append(b, p, (size_t)(e - p));
#endif
}

int
tt_num_put_fixed(tt_buf *b, double v, int decimals)
{
    int rc = put_fixed_fast(b, v, decimals);
    return rc >= 0 ? rc : tt_num_put_fixed_printf(b, v, decimals);
}

int
tt_num_put_fixed_printf(tt_buf *b, double v, int decimals)
{
    if (isnan(v))
        return tt_buf_puts(b, "nan");
    if (isinf(v))
        return tt_buf_puts(b, v < 0 ? "-inf" : "inf");
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (fabs(v) >= 1e300)
        v = v < 0 ? -1e300 : 1e300;
    size_t mark = b->len;
    int rc = put_c_locale(b, 'f', decimals, v);
    /* "-0.0000": a negative value that rounds to zero loses its sign */
    if (!rc && b->data[mark] == '-') {
        int zero = 1;
        for (size_t i = mark + 1; i < b->len; i++)
            if (b->data[i] != '0' && b->data[i] != '.')
                zero = 0;
        if (zero) {
            memmove(b->data + mark, b->data + mark + 1, b->len - mark - 1);
            b->data[--b->len] = 0;
        }
    }
    return rc;
}

int
tt_num_put_exact(tt_buf *b, double v)
{
    char tmp[64];
    if (v == floor(v) && fabs(v) <= 9007199254740992.0) {
        if (v < 0)
            snprintf(tmp, sizeof tmp, "-%llu", (unsigned long long)(-v));
        else
            snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
        return tt_buf_puts(b, tmp);
    }
    return tt_num_put_g(b, v, 17);
}

int
tt_num_put_g(tt_buf *b, double v, int digits)
{
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    return put_c_locale(b, 'g', digits, v);
}

/* Clinger's fast path: s[0..n) of digits with at most one '.' between digits, at most 15 digits in all and 22
 * after the point: the digits as an integer m (exact: m < 2^53) over 10^k (exact for k <= 22), divided once, which
 * IEEE rounds correctly, as strtod does. 1 and *out set, or 0 for anything else (strtod then reads it). A co-
 * occurrence record carries one such number per pair (58,000 per 100 MB run: strtod_l was 30 M instructions of the
 * main thread's merge). Switch: -DTT_NUM_PLAIN; test_export compares both on generated strings. */
static int
parse_simple(const char *s, size_t n, double *out)
{
#ifdef TT_NUM_PLAIN
    (void)s;
    (void)n;
    (void)out;
    return 0;
#else
    static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    size_t digits = 0, dot = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            m = m * 10 + (uint64_t)(c - '0');
            digits++;
        } else if (c == '.' && dot == SIZE_MAX && i > 0 && i + 1 < n) {
            dot = i;
        } else {
            return 0;
        }
    }
    size_t k = dot == SIZE_MAX ? 0 : n - dot - 1;
    if (digits == 0 || digits > 15 || k > 22)
        return 0;
    *out = (double)m / p10[k];
    return 1;
#endif
}

int
tt_num_parse_double(const char *s, size_t n, double *out)
{
    if (parse_simple(s, n, out))
        return 0;
    return tt_num_parse_double_strtod(s, n, out);
}

int
tt_num_parse_double_strtod(const char *s, size_t n, double *out)
{
    char tmp[128];
    if (!n || n >= sizeof tmp)
        return TT_ESYNTAX;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    /* newlocale() for "C" returns glibc's static C locale object: cheap, and strtod_l leaves the thread's locale
     * alone. */
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c)
        return TT_ENOMEM;
    char *end = NULL;
    double v = strtod_l(tmp, &end, c);
    freelocale(c);
    if (end != tmp + n)
        return TT_ESYNTAX;
    *out = v;
    return 0;
}

int
tt_num_parse_u64(const char *s, size_t n, uint64_t *out)
{
    if (!n)
        return TT_ESYNTAX;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return TT_ESYNTAX;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return TT_ESYNTAX;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}
