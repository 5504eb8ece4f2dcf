/* compound.c - the parts of a hyphenated word (see tt/compound.h). */
#include "tt/compound.h"

/* Length of a hyphen at s[i] (U+002D, U+2010, U+2011), or 0. */
static size_t
hyphen_at(const unsigned char *s, size_t i, size_t n)
{
    if (s[i] == '-')
        return 1;
    if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x90 || s[i + 2] == 0x91))
        return 3;
    return 0;
}

/* Length of a default-ignorable character at s[i] (U+00AD, U+200B-U+200F, U+2060-U+2064, U+FEFF),
 * or 0. */
static size_t
ignorable_at(const unsigned char *s, size_t i, size_t n)
{
    if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xAD)
        return 2;
    if (s[i] == 0xE2 && i + 2 < n &&
        ((s[i + 1] == 0x80 && s[i + 2] >= 0x8B && s[i + 2] <= 0x8F) ||
         (s[i + 1] == 0x81 && s[i + 2] >= 0xA0 && s[i + 2] <= 0xA4)))
        return 3;
    if (s[i] == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
        return 3;
    return 0;
}

size_t
tt_hyphen_parts(const char *str, size_t n, size_t a[TT_MAX_PARTS], size_t b[TT_MAX_PARTS])
{
    const unsigned char *s = (const unsigned char *)str;
    size_t k = 0, start = 0, hyphens = 0;
    for (size_t i = 0; i <= n;) {
        size_t h = i < n ? hyphen_at(s, i, n) : 1;
        if (!h) {
            i++;
            continue;
        }
        /* part s[start..i), without default-ignorables at its edges */
        size_t x = start, y = i, l;
        while (x < y && (l = ignorable_at(s, x, y)))
            x += l;
        for (int moved = 1; moved && y > x;) {
            moved = 0;
            for (size_t back = 2; back <= 3 && !moved; back++)
                if (y >= x + back && ignorable_at(s, y - back, y) == back) {
                    y -= back;
                    moved = 1;
                }
        }
        if (x == y || k == TT_MAX_PARTS)
            return 0;
        a[k] = x;
        b[k++] = y;
        if (i == n)
            break;
        hyphens++;
        i += h;
        start = i;
    }
    return hyphens ? k : 0;
}

int
tt_hyphen_part(const char *s, size_t n, uint32_t k, size_t *a, size_t *b)
{
    size_t pa[TT_MAX_PARTS], pb[TT_MAX_PARTS], np = tt_hyphen_parts(s, n, pa, pb);
    if (k < 1 || k > np)
        return 0;
    *a = pa[k - 1];
    *b = pb[k - 1];
    return 1;
}
