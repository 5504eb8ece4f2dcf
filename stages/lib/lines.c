/* lines.c - the data files' line reader (see tt/lines.h). */
#include "tt/lines.h"

#include "tt/utf8.h"

#include <string.h>

void
tt_lines_init(tt_lines *r, const char *s, size_t n)
{
    r->s = s;
    r->n = n;
    r->i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    r->lineno = 0;
}

int
tt_lines_next(tt_lines *r, const char **ls, const char **le, const char **bad)
{
    if (r->i >= r->n)
        return 0;
    size_t b = r->i, e = b;
    while (e < r->n && r->s[e] != '\n')
        e++;
    r->i = e < r->n ? e + 1 : e;
    r->lineno++;
    *ls = r->s + b;
    *le = r->s + e;
    size_t ok = tt_utf8_check(*ls, e - b);
    const char *nul = memchr(*ls, 0, ok);
    *bad = nul ? nul : *ls + ok;
    return 1;
}

