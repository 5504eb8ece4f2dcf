/* tokenize_to16.c - the tokenizer's UTF-16 copy of a piece (tk_to16): UTF-8 -> UTF-16 with the byte offset of
 * each unit, invalid bytes -> U+FFFD as ICU's U8_NEXT takes them, U+200B -> U+2060 (the pre-break fix of every
 * language).
 *
 * Fast paths (switch: -DTT_TOKENIZE_PLAIN leaves them out; tests/unit/test_to16.c compares tk_to16 with ICU's own
 * decoding, U8_NEXT a character at a time and u_strFromUTF8, unit by unit and offset by offset, on
 * ../shared/corpus, its damaged copies and generated strings): sixteen ASCII bytes widened at once (SSE2); runs
 * of two-byte characters four at a time in a 64-bit word; and, where the CPU has SSSE3 (chosen at run time), any
 * eight bytes of ASCII and whole two-byte characters (Cyrillic words with their spaces and punctuation) at once:
 * the pattern of where characters start picks, from a table made when the tokenizer is made (512 entries), the
 * byte shuffle that puts each character's bytes in its unit's lane and the offsets of the characters. */
#include "tokenize_priv.h"

#include "norm_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

/* One entry of the block table: key = the positions where characters start in eight bytes, with a bit at the
 * number of bytes taken (7 or 8: a lead byte in the last place is left for the next block). */
struct tk_u8blk {
    uint8_t shuf[16]; /* unit k's lane: its last byte low, its lead byte high (0x80: zero) */
    uint8_t pos[8];   /* the offset of character k in the block */
    uint8_t n;        /* characters (units) */
    uint8_t pad[7];
};

int
tk_to16_init(tt_tokenizer *tk)
{
    tk->u8tab = NULL;
#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
    if (!(tt_cpu_simd() & TT_CPU_SSSE3))
        return 0;
    struct tk_u8blk *t = calloc(512, sizeof *t);
    if (!t)
        return TT_ENOMEM;
    for (unsigned key = 0; key < 512; key++) {
        unsigned nbytes = key >= 256 ? 8 : 7;
        if (key < 128 || !(key & 1))
            continue; /* no end mark at 7 or 8, or no character at 0: never asked */
        unsigned starts = key & ((1u << nbytes) - 1), k = 0, ok = 1;
        memset(t[key].shuf, 0x80, sizeof t[key].shuf);
        for (unsigned s = 0; s < nbytes; s++) {
            if (!(starts >> s & 1))
                continue;
            unsigned e = s + 1;
            while (e < nbytes && !(starts >> e & 1))
                e++;
            if (e - s > 2) {
                ok = 0;
                break;
            }
            t[key].shuf[2 * k] = (uint8_t)(e - 1);           /* ASCII: the byte; two bytes: the continuation */
            t[key].shuf[2 * k + 1] = e - s == 2 ? (uint8_t)s : 0x80; /* the lead byte, or zero */
            t[key].pos[k++] = (uint8_t)s;
        }
        t[key].n = ok ? (uint8_t)k : 0;
    }
    tk->u8tab = t;
#endif
    return 0;
}

void
tk_to16_free(tt_tokenizer *tk)
{
    free(tk->u8tab);
    tk->u8tab = NULL;
}

#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
/* Eight bytes at p (offset i in the piece) of ASCII and whole two-byte characters (C2..DF + continuation; a lead
 * in the last place is left out): their units to u, offsets to b8 (eight of each written, the first n meaningful),
 * *used = the bytes taken. Returns n, or 0 when the bytes are not such (three- and four-byte characters,
 * invalid bytes: the loop's other paths). */
__attribute__((target("ssse3"))) static inline int
block8(const struct tk_u8blk *tab, const uint8_t *p, int32_t i, UChar *u, int32_t *b8, int32_t *used)
{
    __m128i v = _mm_loadl_epi64((const __m128i *)(const void *)p);
    unsigned a = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(-1))) & 0xFF;        /* 00..7F */
    unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0))) & 0xFF; /* 80..BF */
    unsigned l = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xC1)),
                                                           _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xE0)))) &
                 0xFF; /* C2..DF */
    if ((a | c | l) != 0xFF || c != ((l << 1) & 0xFF))
        return 0;
    unsigned nbytes = 8 - (l >> 7), key = ((a | l) & ((1u << nbytes) - 1)) | 1u << nbytes;
    const struct tk_u8blk *e = &tab[key];
    __m128i w = _mm_shuffle_epi8(v, _mm_loadu_si128((const __m128i *)(const void *)e->shuf));
    __m128i hi = _mm_srli_epi16(w, 8), lo = _mm_and_si128(w, _mm_set1_epi16(0xFF));
    __m128i two = _mm_cmpgt_epi16(hi, _mm_setzero_si128());
    __m128i low_mask = _mm_or_si128(_mm_set1_epi16(0x3F), _mm_andnot_si128(two, _mm_set1_epi16(0x40)));
    __m128i unit = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(hi, _mm_set1_epi16(0x1F)), 6),
                                _mm_and_si128(lo, low_mask));
    _mm_storeu_si128((__m128i *)(void *)u, unit);
    __m128i z = _mm_setzero_si128(), o = _mm_set1_epi32(i);
    __m128i p16 = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(const void *)e->pos), z);
    _mm_storeu_si128((__m128i *)(void *)b8, _mm_add_epi32(_mm_unpacklo_epi16(p16, z), o));
    _mm_storeu_si128((__m128i *)(void *)(b8 + 4), _mm_add_epi32(_mm_unpackhi_epi16(p16, z), o));
    *used = (int32_t)nbytes;
    return e->n;
}
#endif

/* The conversion loop (see tk_to16); with mixed != 0 (only inside to16_ssse3) blocks of eight bytes of ASCII and
 * two-byte characters go through block8. Returns the number of units. */
static inline __attribute__((always_inline)) int32_t
to16_loop(const struct tk_u8blk *tab, const uint8_t *b, int32_t nn, UChar *u, int32_t *b8, int mixed)
{
    int32_t i = 0, j = 0;
    while (i < nn) {
#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
        if (mixed && i + 8 <= nn) {
            uint64_t y;
            memcpy(&y, b + i, 8);
            if (y & 0x8080808080808080ull) { /* not all ASCII: ASCII and two-byte characters at once, if that */
                int32_t used;
                int k = block8(tab, b + i, i, u + j, b8 + j, &used);
                if (k) {
                    i += used;
                    j += k;
                    continue;
                }
            }
        }
#endif
        if (b[i] < 0x80) {
            uint64_t x;
            if (i + 1 < nn && b[i + 1] >= 0x80) { /* one ASCII byte between non-ASCII characters (a space) */
                b8[j] = i;
                u[j++] = b[i++];
                continue;
            }
#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
            if (i + 16 <= nn) { /* sixteen ASCII bytes: widened to units, and their offsets, by SSE2 */
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
                if (!_mm_movemask_epi8(v)) {
                    __m128i z = _mm_setzero_si128(), o = _mm_add_epi32(_mm_set1_epi32(i), _mm_set_epi32(3, 2, 1, 0));
                    _mm_storeu_si128((__m128i *)(void *)(u + j), _mm_unpacklo_epi8(v, z));
                    _mm_storeu_si128((__m128i *)(void *)(u + j + 8), _mm_unpackhi_epi8(v, z));
                    for (int k = 0; k < 16; k += 4, o = _mm_add_epi32(o, _mm_set1_epi32(4)))
                        _mm_storeu_si128((__m128i *)(void *)(b8 + j + k), o);
                    i += 16;
                    j += 16;
                    continue;
                }
            }
#endif
            if (i + 8 <= nn && (memcpy(&x, b + i, 8), !(x & 0x8080808080808080ull))) {
                for (int k = 0; k < 8; k++) { /* eight ASCII bytes at once (the compiler widens this loop) */
                    b8[j + k] = i + k;
                    u[j + k] = b[i + k];
                }
                i += 8;
                j += 8;
                continue;
            }
            b8[j] = i;
            u[j++] = b[i++];
            continue;
        }
        if (b[i] >= 0xC2 && b[i] < 0xE0 && i + 1 < nn && (b[i + 1] & 0xC0) == 0x80) {
#if !defined(TT_TOKENIZE_PLAIN) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* a run of two-byte characters (Cyrillic, Latin with marks): four at a time in a 64-bit word while
               every 16-bit lane is a lead 110xxxxx (not C0/C1: some of its bits 1-4 set) and a continuation */
            uint64_t x;
            while (i + 8 <= nn && (memcpy(&x, b + i, 8), (x & 0xC0E0C0E0C0E0C0E0ull) == 0x80C080C080C080C0ull)) {
                uint64_t t = x & 0x001E001E001E001Eull;
                if ((t - 0x0001000100010001ull) & ~t & 0x8000800080008000ull)
                    break; /* an overlong lead (C0, C1): the character-at-a-time path */
                uint64_t w = (x & 0x001F001F001F001Full) << 6 | (x >> 8 & 0x003F003F003F003Full);
                memcpy(u + j, &w, 8); /* little-endian lanes: unit k in bits 16k.. */
                b8[j] = i;
                b8[j + 1] = i + 2;
                b8[j + 2] = i + 4;
                b8[j + 3] = i + 6;
                i += 8;
                j += 4;
            }
#endif
            /* the rest of the run a character at a time */
            while (i + 1 < nn && b[i] >= 0xC2 && b[i] < 0xE0 && (b[i + 1] & 0xC0) == 0x80) {
                b8[j] = i;
                u[j++] = (UChar)((b[i] & 0x1F) << 6 | (b[i + 1] & 0x3F)); /* as U8_NEXT would */
                i += 2;
            }
            continue;
        }
        UChar32 c;
        int32_t i0 = i;
        U8_NEXT(b, i, nn, c);
        if (c < 0)
            c = 0xFFFD;
        else if (c == 0x200B)
            c = 0x2060; /* the pre-break fix of every language (tt_norm_prebreak16) */
        b8[j] = i0;
        if (c > 0xFFFF)
            b8[j + 1] = i; /* the second unit of a pair: the offset after the character */
        U16_APPEND_UNSAFE(u, j, c);
    }
    b8[j] = nn;
    return j;
}


/* The loop without the SSSE3 blocks. */
static int32_t
to16_plain(const uint8_t *b, int32_t nn, UChar *u, int32_t *b8)
{
    return to16_loop(NULL, b, nn, u, b8, 0);
}

#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
/* The loop with them. */
__attribute__((target("ssse3"))) static int32_t
to16_ssse3(const struct tk_u8blk *tab, const uint8_t *b, int32_t nn, UChar *u, int32_t *b8)
{
    return to16_loop(tab, b, nn, u, b8, 1);
}
#endif

int32_t
tk_to16(tt_tokenizer *tk, const char *s, size_t n, tt_error *err)
{
    if (n >= (size_t)INT32_MAX - 64) /* room for the units, the padding and block8's overhang */
        return tt_error_set(err, TT_ELIMIT, "piece of %zu bytes exceeds INT32_MAX UTF-16 units: feed smaller "
                                            "pieces", n);
    /* + 8: block8 writes eight units and offsets where fewer may be meaningful */
    if (tk_grow16(&tk->u, &tk->ucap, (int32_t)n + 9 + TT_NORM_PAD16) ||
        tt_grow((void **)&tk->b8, &tk->capb8, n + 9, sizeof *tk->b8))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    const uint8_t *b = (const uint8_t *)s;
    int32_t j;
#if !defined(TT_TOKENIZE_PLAIN) && defined(__SSE2__)
    if (tk->u8tab)
        j = to16_ssse3(tk->u8tab, b, (int32_t)n, tk->u, tk->b8);
    else
#endif
        j = to16_plain(b, (int32_t)n, tk->u, tk->b8);
    memset(tk->u + j, 0, sizeof(UChar) * TT_NORM_PAD16); /* tt_norm_key16 and _word16k read whole blocks */
    return j;
}
