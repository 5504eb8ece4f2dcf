/* utf8.c - the one strict UTF-8 validator (the scanner the decoder and detection use, tt_utf8_check over it)
 * and character stepping (see tt/utf8.h). */
#include "tt/utf8.h"

#include <string.h>

/* Returns 1 if the sequence at p[0] (lead byte c >= 0x80) is bad and fills r; 0 if it is valid (*len set) or
 * incomplete (r->status set). The slow path: the common 2- and 3-byte cases are inlined in the caller. */
static int
u8_check_seq(const unsigned char *p, size_t avail, tt_u8_scan *r, size_t *len)
{
    unsigned c = p[0];
    size_t need;
    unsigned lo = 0x80, up = 0xBF;
    const char *why2 = NULL; /* what a second byte outside [lo, up] but in 80..BF means */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c == 0xE0) {
        need = 2, lo = 0xA0, why2 = "overlong UTF-8 sequence";
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        need = 2;
    } else if (c == 0xED) {
        need = 2, up = 0x9F, why2 = "UTF-8 encoded surrogate";
    } else if (c == 0xF0) {
        need = 3, lo = 0x90, why2 = "overlong UTF-8 sequence";
    } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
    } else if (c == 0xF4) {
        need = 3, up = 0x8F, why2 = "UTF-8 sequence above U+10FFFF";
    } else {
        r->status = TT_U8_BAD;
        r->badlen = 1;
        r->why = c < 0xC0   ? "unexpected UTF-8 continuation byte"
                 : c < 0xC2 ? "overlong UTF-8 sequence"
                            : "UTF-8 sequence above U+10FFFF";
        return 1;
    }
    for (size_t k = 1; k <= need; k++) {
        if (k >= avail) {
            r->status = TT_U8_INCOMPLETE;
            return 0;
        }
        unsigned b = p[k];
        unsigned l = k == 1 ? lo : 0x80, u = k == 1 ? up : 0xBF;
        if (b < l || b > u) {
            r->status = TT_U8_BAD;
            r->badlen = k;
            r->why = (k == 1 && b >= 0x80 && b <= 0xBF && why2) ? why2 : "incomplete UTF-8 sequence";
            return 1;
        }
    }
    *len = need + 1;
    return 0;
}

void
tt_u8_scan_run(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r)
{
    const uint64_t hi = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t i = 0;
    r->badlen = 0;
    r->why = NULL;
    r->status = TT_U8_OK;
    if (limit > n)
        limit = n;
    while (i < limit) {
        unsigned c = p[i];
        if (c < 0x80) {
            if (c == 0) {
                r->status = TT_U8_NUL;
                r->pos = i;
                return;
            }
            /* a lone ASCII byte between Cyrillic words is common: try words only for a run */
            if (++i >= limit || p[i] >= 0x80)
                continue;
            while (i + 8 <= n && i < limit) {
                uint64_t v;
                memcpy(&v, p + i, 8);
                if ((v & hi) | ((v - ones) & ~v & hi))
                    break;
                i += 8;
            }
            while (i < limit && p[i] < 0x80) {
                if (p[i] == 0) {
                    r->status = TT_U8_NUL;
                    r->pos = i;
                    return;
                }
                i++;
            }
            continue;
        }
        if (stop_nonascii) {
            r->status = TT_U8_NONASCII;
            break;
        }
        /* the common cases: 2 bytes (Cyrillic), 3 bytes without surrogates or overlongs */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t len;
        if (u8_check_seq(p + i, n - i, r, &len) || r->status != TT_U8_OK)
            break;
        i += len;
    }
    r->pos = i;
}

size_t
tt_utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t at = 0;
    for (;;) {
        tt_u8_scan r;
        tt_u8_scan_run(s + at, n - at, n - at, 0, &r);
        at += r.pos;
        if (r.status != TT_U8_NUL)
            return r.status == TT_U8_OK ? n : at;
        at++; /* NUL is valid UTF-8 here */
    }
}

uint32_t
tt_utf8_step(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    uint32_t c = u[k];
    int len = 1;
    if (c >= 0xF0) {
        len = 4;
        c &= 0x07;
    } else if (c >= 0xE0) {
        len = 3;
        c &= 0x0F;
    } else if (c >= 0xC0) {
        len = 2;
        c &= 0x1F;
    }
    if (len > 1 && k + (size_t)len > n) {
        *i = k + 1;
        return u[k];
    }
    for (int j = 1; j < len; j++) {
        if ((u[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return u[k];
        }
        c = (c << 6) | (u[k + j] & 0x3F);
    }
    *i = k + (size_t)len;
    return c;
}

uint32_t
tt_utf8_last(const char *s, size_t n, size_t *start)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    while (i > 0 && i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t j = i;
    if (start)
        *start = i;
    return n ? tt_utf8_step(s, n, &j) : 0;
}

size_t
tt_utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

size_t
tt_utf8_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}
