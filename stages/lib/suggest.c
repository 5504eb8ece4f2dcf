/* suggest.c - nearest name by edit distance for "did you mean" hints (see tt/suggest.h). */
#include "tt/suggest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCH 256

/* Decodes UTF-8 into code points (ASCII folded to lower case); an invalid byte is one unit. Returns
 * the count, or (size_t)-1 when longer than MAXCH. */
static size_t
units(const char *s, size_t n, uint32_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (k == MAXCH)
            return (size_t)-1;
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (len > n - i)
            len = 1;
        if (len > 1) {
            cp = c & (0x3F >> (len - 1));
            for (size_t j = 1; j < len; j++) {
                unsigned char d = (unsigned char)s[i + j];
                if ((d & 0xC0) != 0x80) {
                    len = 1;
                    cp = c;
                    break;
                }
                cp = (cp << 6) | (d & 0x3F);
            }
        }
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        out[k++] = cp;
        i += len;
    }
    return k;
}

size_t
tt_edit_distance(const char *a, size_t an, const char *b, size_t bn)
{
    uint32_t x[MAXCH], y[MAXCH];
    size_t m = units(a, an, x), n = units(b, bn, y);
    if (m == (size_t)-1 || n == (size_t)-1)
        return (size_t)-1;
    /* three rows of the dynamic programme: i-2, i-1, i */
    size_t *r = malloc(3 * (n + 1) * sizeof *r);
    if (!r)
        return (size_t)-1;
    size_t *pp = r, *p = r + n + 1, *c = r + 2 * (n + 1);
    for (size_t j = 0; j <= n; j++)
        p[j] = j;
    for (size_t i = 1; i <= m; i++) {
        c[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t cost = x[i - 1] != y[j - 1];
            size_t v = p[j - 1] + cost;
            if (p[j] + 1 < v)
                v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
        }
        size_t *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    size_t d = p[n];
    free(r);
    return d;
}

const char *
tt_suggest(const char *word, const char *const *names, size_t n)
{
    size_t wl = strlen(word), chars = 0;
    for (size_t i = 0; i < wl; i++)
        chars += ((unsigned char)word[i] & 0xC0) != 0x80;
    size_t limit = chars < 3 ? 0 : chars / 3 > 1 ? chars / 3 : 1, best = (size_t)-1;
    const char *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!names[i] || !strcmp(names[i], word))
            continue;
        size_t d = tt_edit_distance(word, wl, names[i], strlen(names[i]));
        if (d <= limit && d < best) {
            best = d;
            pick = names[i];
        }
    }
    return pick;
}

char *
tt_suggest_list(char *buf, size_t bufsize, const char *const *names, size_t n, size_t max)
{
    size_t k = 0, shown = 0;
    if (!bufsize)
        return buf;
    buf[0] = 0;
    for (size_t i = 0; i < n && k < bufsize; i++) {
        if (!names[i])
            continue;
        if (shown == max) {
            size_t rest = 0;
            for (size_t j = i; j < n; j++)
                rest += names[j] != NULL;
            snprintf(buf + k, bufsize - k, ", ... (%zu more)", rest);
            return buf;
        }
        int w = snprintf(buf + k, bufsize - k, "%s%s", shown ? ", " : "", names[i]);
        if (w < 0)
            break;
        k += (size_t)w;
        shown++;
    }
    return buf;
}
