/* utf8.c - the one strict UTF-8 validator (the scanner the decoder and detection use, tt_utf8_check over it)
 * and character stepping (see tt/utf8.h). */
#include "tt/utf8.h"

#include "tt/common.h"

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

/* The fast path (switch: build with -DTT_UTF8_PLAIN to leave it out; tests/unit/test_utf8.c compares it with
 * tt_u8_scan_plain). SSE2, which every x86-64 has, and 32-byte blocks with AVX2 where the CPU has it (chosen at
 * run time); elsewhere the byte loop alone. */
#if !defined(TT_UTF8_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#define FAST_PATH 1

/* How many of the 16 bytes at p are ASCII without NUL and whole 2-byte characters (C2..DF then 80..BF), the
 * byte after them starting a character: 16; 15 when only the last byte is a lead byte (its character goes on
 * past the block); else 0 (the byte loop decides). Kazakh and Russian text is 2-byte letters between ASCII
 * spaces and punctuation, so most blocks of it pass in some 20 instructions instead of a branch or more a byte.
 * Bit k of each mask is byte k. */
static unsigned
block_ascii_2byte(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())))
        return 0; /* NUL */
    if (!high)
        return 16;
    /* as signed bytes: continuation bytes 80..BF are -128..-65, lead bytes C2..DF are -62..-33 */
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
    unsigned lead = (unsigned)_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
    if ((lead | cont) != high)
        return 0; /* C0, C1 (overlong) or E0..FF */
    /* each lead byte followed by a continuation byte, each continuation byte preceded by a lead byte */
    if (((lead << 1) & 0xFFFFu) != cont)
        return 0;
    return lead & 0x8000u ? 15 : 16;
}

/* Whole blocks of p[i..limit) while they pass: the offset after them. */
static size_t
blocks16(const unsigned char *p, size_t i, size_t limit)
{
    unsigned k;
    while (i + 16 <= limit && (k = block_ascii_2byte(p + i)) != 0)
        i += k;
    return i;
}

/* Whole 16-byte blocks of ASCII without NUL from p[i], while they stay before limit: the offset after them. */
static size_t
ascii16(const unsigned char *p, size_t i, size_t limit)
{
    for (; i + 16 <= limit; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        if (_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_setzero_si128())) != 0xFFFF)
            break;
    }
    return i;
}

#if defined(__GNUC__) || defined(__clang__)
#include <immintrin.h>
#define AVX2_PATH 1
/* ascii16 with 32-byte blocks first. */
__attribute__((target("avx2"))) static size_t
ascii32(const unsigned char *p, size_t i, size_t limit)
{
    for (; i + 32 <= limit; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        if ((unsigned)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_setzero_si256())) != 0xFFFFFFFFu)
            return i;
    }
    return ascii16(p, i, limit);
}
/* block_ascii_2byte for 32 bytes (AVX2, chosen at run time): 32, 31 when only the last byte is a lead byte, or
 * 0. */
__attribute__((target("avx2"))) static inline unsigned
block32_ascii_2byte(const unsigned char *p)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
    /* as signed bytes: ASCII without NUL is 1..127, continuation bytes 80..BF are -128..-65, leads C2..DF -62..-33 */
    unsigned ascii = (unsigned)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_setzero_si256()));
    if (ascii == 0xFFFFFFFFu)
        return 32;
    unsigned cont = (unsigned)_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8(-64), v));
    unsigned lead = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(
        _mm256_cmpgt_epi8(v, _mm256_set1_epi8(-63)), _mm256_cmpgt_epi8(_mm256_set1_epi8(-32), v)));
    if ((ascii | cont | lead) != 0xFFFFFFFFu || (lead << 1) != cont)
        return 0; /* NUL, C0, C1, E0..FF, or a continuation byte out of place */
    return lead >> 31 ? 31 : 32;
}

/* blocks16 with 32-byte blocks: after a block that fails, at once (the byte loop goes on from there); near
 * limit, 16-byte blocks as far as they go (so that the blocks stop short of limit only by less than 16 bytes, as
 * blocks16 does). */
__attribute__((target("avx2"))) static size_t
blocks32(const unsigned char *p, size_t i, size_t limit)
{
    unsigned k;
    while (i + 32 <= limit && (k = block32_ascii_2byte(p + i)) != 0)
        i += k;
    return i + 32 > limit ? blocks16(p, i, limit) : i;
}
#else
#define AVX2_PATH 0
#endif
#else
#define FAST_PATH 0
#define AVX2_PATH 0
static size_t
blocks16(const unsigned char *p, size_t i, size_t limit)
{
    (void)p;
    (void)limit;
    return i;
}
static size_t
ascii16(const unsigned char *p, size_t i, size_t limit)
{
    (void)p;
    (void)limit;
    return i;
}
#endif

/* fast: 0 the byte loop alone, 16 with blocks of 16 bytes, 32 with blocks of 32 bytes first. */
static void
scan(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r, int fast)
{
    const uint64_t hi = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t i = 0;
    r->badlen = 0;
    r->why = NULL;
    r->status = TT_U8_OK;
    if (limit > n)
        limit = n;
    size_t noblk = 0; /* the byte loop alone before this offset: the end of the last block that failed */
    while (i < limit) {
        unsigned c = p[i];
        if (fast && i >= noblk && !stop_nonascii) {
            /* Whole blocks while they stay before limit; at the first block that fails the byte loop below
             * goes on, over that block's bytes (a block tried again a character further on would fail again
             * until the byte loop is past what failed it). The byte loop cuts an ASCII run that passes limit at
             * a place that depends on where it entered the run (its word steps), so when the blocks stop short
             * of limit inside an ASCII run, it goes on from the start of that run, as it would have without the
             * blocks, and without them from there (it is near limit). The blocks start where the byte loop would
             * enter an ASCII run (it takes each run whole), never inside one, so that start is not before
             * `from`. A block that fails before limit ends any ASCII run before limit: no such care. */
            size_t from = i;
#if AVX2_PATH
            i = fast == 32 ? blocks32(p, i, limit) : blocks16(p, i, limit);
#else
            i = blocks16(p, i, limit);
#endif
            if (i + 16 > limit && limit < n) {
                while (i > from && p[i - 1] < 0x80)
                    i--;
                fast = 0;
            } else {
                noblk = i + (size_t)fast;
            }
            if (i != from)
                continue;
        }
        if (c < 0x80) {
            if (c == 0) {
                r->status = TT_U8_NUL;
                r->pos = i;
                return;
            }
            /* a lone ASCII byte between Cyrillic words is common: try words only for a run */
            if (++i >= limit || p[i] >= 0x80)
                continue;
            if (fast && i + 16 <= limit) {
                /* the run in whole blocks while they stay before limit (English text after a curly quote): they
                 * step 16 or 32 bytes, multiples of the words' 8, so the words go on from a place they would have
                 * reached themselves, and stop where they would have stopped in a run that passes limit */
#if AVX2_PATH
                i = fast == 32 ? ascii32(p, i, limit) : ascii16(p, i, limit);
#else
                i = ascii16(p, i, limit);
#endif
            }
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

/* The widest blocks this CPU has: 32 with AVX2, else 16 (SSE2), 0 without the fast path. */
static inline int
best_steps(void)
{
#if AVX2_PATH
    if (tt_cpu_simd() & TT_CPU_AVX2)
        return 32;
#endif
    return FAST_PATH ? 16 : 0;
}

void
tt_u8_scan_run(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r)
{
    scan(p, n, limit, stop_nonascii, r, best_steps());
}

void
tt_u8_scan_steps(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r, int steps)
{
    int best = best_steps();
    scan(p, n, limit, stop_nonascii, r, steps >= 32 ? best : steps >= 16 && best ? 16 : 0);
}

void
tt_u8_scan_plain(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r)
{
    scan(p, n, limit, stop_nonascii, r, 0);
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
