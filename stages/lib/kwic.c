/* kwic.c - the KWIC context of a hit (see tt/kwic.h). */
#include "tt/kwic.h"

#include "tt/utf8.h"

int
tt_kwic(const char *s, size_t n, size_t start, size_t end, size_t chars, tt_buf *left, tt_buf *right)
{
    size_t a = start, k = 0;
    while (a > 0 && k < chars) {
        a = tt_utf8_floor(s, a - 1);
        k++;
    }
    size_t b = end;
    k = 0;
    while (b < n && k < chars) {
        b++;
        while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80)
            b++;
        k++;
    }
    const char *p[2] = {s + a, s + end};
    size_t len[2] = {start - a, b - end};
    tt_buf *o[2] = {left, right};
    for (int j = 0; j < 2; j++) {
        if (tt_buf_reserve(o[j], len[j]))
            return TT_ENOMEM;
        for (size_t i = 0; i < len[j]; i++) {
            char c = p[j][i];
            o[j]->data[o[j]->len++] = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        }
        o[j]->data[o[j]->len] = 0;
    }
    return 0;
}

