/* kwic.c - the KWIC context of a hit (see tt/kwic.h). */
#include "tt/kwic.h"

#include <string.h>

#include "tt/utf8.h"

/* Copies n bytes of p to d, each line break or tab ('\n', '\r', '\t') as a space: eight bytes at a time, byte
 * by byte only in a word that holds one of them. */
static void
copy_flat(char *d, const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        /* a byte below 0x0E (every one of the three is) makes this nonzero; others can too: checked below */
        if (((x - ones * 0x0E) & ~x & high) == 0) {
            memcpy(d + i, &x, 8);
            continue;
        }
        for (size_t k = i; k < i + 8; k++) {
            char c = p[k];
            d[k] = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        }
    }
    for (; i < n; i++) {
        char c = p[i];
        d[i] = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
}

/* How many of the eight bytes at p start a character (are no continuation byte 10xxxxxx). */
static size_t
leads8(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ull) >> 7; /* 1 per continuation byte */
    return 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
}

int
tt_kwic(const char *s, size_t n, size_t start, size_t end, size_t chars, tt_buf *left, tt_buf *right)
{
    /* Back: each step goes to the previous character start (or 0), as tt_utf8_floor(s, a - 1) does; k counts
       the starts in [a, start). Eight bytes are stepped over at once while they hold fewer starts than are
       still wanted (never byte 0, which counts as a start whatever it is): the steps from a byte inside a
       character count that character once, at its start. */
    size_t a = start, k = 0;
    while (a > 8 && k < chars) {
        size_t l = leads8(s + a - 8);
        if (k + l >= chars)
            break;
        a -= 8;
        k += l;
    }
    while (a > 0 && k < chars) {
        a--;
        while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80)
            a--;
        k++;
    }
    /* Forward: each step goes to the next character start after b (or n), counted the same way. */
    size_t b = end;
    k = 0;
    while (b + 8 < n && k < chars) {
        size_t l = leads8(s + b + 1);
        if (k + l >= chars)
            break;
        b += 8;
        k += l;
    }
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
        copy_flat(o[j]->data + o[j]->len, p[j], len[j]);
        o[j]->len += len[j];
        o[j]->data[o[j]->len] = 0;
    }
    return 0;
}
