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

int
tt_num_put_fixed(tt_buf *b, double v, int decimals)
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

int
tt_num_parse_double(const char *s, size_t n, double *out)
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
