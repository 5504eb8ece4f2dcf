/* tt/utf8.h - small UTF-8 helpers: strict validation (one scanner for the whole library) and character
 * stepping. */
#ifndef TT_UTF8_H
#define TT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The strict UTF-8 scanner (the decoder, detection, tt_utf8_check). Scans p[0..n) from the start, stopping at the first
 * character boundary at or after `limit`, or at the first problem. With stop_nonascii it also stops before
 * the first byte >= 0x80. */
enum { TT_U8_OK, TT_U8_NUL, TT_U8_BAD, TT_U8_INCOMPLETE, TT_U8_NONASCII };
typedef struct tt_u8_scan {
    size_t pos;     /* bytes validated (a character boundary) */
    int status;     /* TT_U8_* at pos */
    size_t badlen;  /* TT_U8_BAD: length of the maximal ill-formed subpart at pos (Unicode §3.9, U+FFFD rule) */
    const char *why; /* TT_U8_BAD: "overlong UTF-8 sequence", ... */
} tt_u8_scan;
void tt_u8_scan_run(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r);
/* The same scanner without its fast path (16- or 32-byte blocks of ASCII and 2-byte characters; left out of
 * tt_u8_scan_run too when built with -DTT_UTF8_PLAIN): the reference tt_u8_scan_run is tested against. Both give
 * the same result for any input, limit and flag. */
void tt_u8_scan_plain(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r);
/* The scanner with blocks of at most `steps` bytes: 0 the byte loop (tt_u8_scan_plain), 16 SSE2 blocks, 32
 * AVX2 blocks where the CPU has them (tt_u8_scan_run; else 16). For tests/unit/test_utf8.c, which compares each
 * with tt_u8_scan_plain. */
void tt_u8_scan_steps(const unsigned char *p, size_t n, size_t limit, int stop_nonascii, tt_u8_scan *r, int steps);

/* Returns n if s[0..n) is strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF), else the byte
 * offset of the first invalid sequence. */
size_t tt_utf8_check(const char *s, size_t n);

/* Decodes the code point at s[*i] and advances *i past it. Lenient (for data already checked, or where a bad
 * byte may stand for itself): a byte that does not start a complete sequence reads as its own value, one byte
 * long. */
uint32_t tt_utf8_step(const char *s, size_t n, size_t *i);

/* The code point that ends at s[n] (the last one of s[0..n)), 0 when n is 0; *start (may be NULL) gets its
 * byte offset. */
uint32_t tt_utf8_last(const char *s, size_t n, size_t *start);

/* Number of characters in s[0..n) (valid UTF-8 assumed; continuation bytes are not counted). */
size_t tt_utf8_chars(const char *s, size_t n);

/* Byte offset of the start of the character that contains byte i (moves back over continuation bytes). Inline:
 * the KWIC context steps back a character at a time with it. */
static inline size_t
tt_utf8_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

#endif
