/* num.c - locale-independent number formatting and parsing (see tt/num.h). */
#include "tt/num.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    double r = round(fabs(v) * (double)scale);
    char tmp[64];
    int k;
    if (r < 9.0e18) {
        uint64_t q = (uint64_t)r;
        uint64_t ip = q / scale, fp = q % scale;
        const char *sign = (v < 0 && q) ? "-" : "";
        if (decimals)
            k = snprintf(tmp, sizeof tmp, "%s%llu.%0*llu", sign, (unsigned long long)ip, decimals,
                         (unsigned long long)fp);
        else
            k = snprintf(tmp, sizeof tmp, "%s%llu", sign, (unsigned long long)ip);
    } else {
        /* Too large for the integer path: %.0f has no decimal point, so no locale issue. */
        k = snprintf(tmp, sizeof tmp, "%.0f", v);
        if (k > 0 && (size_t)k < sizeof tmp && decimals) {
            tmp[k++] = '.';
            for (int i = 0; i < decimals && (size_t)k + 1 < sizeof tmp; i++)
                tmp[k++] = '0';
            tmp[k] = 0;
        }
    }
    if (k < 0)
        return TT_ENOMEM;
    return tt_buf_append(b, tmp, strlen(tmp));
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
    char tmp[64];
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    /* %g writes the thread's locale radix character: switch this thread to the C locale for the call only. */
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c)
        return TT_ENOMEM;
    locale_t old = uselocale(c);
    snprintf(tmp, sizeof tmp, "%.*g", digits, v);
    uselocale(old);
    freelocale(c);
    return tt_buf_puts(b, tmp);
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
