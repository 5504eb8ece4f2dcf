/* norm_nfc.c - NFC text as written (tt_norm_nfc, tt_norm_nfc_view, tt/norm.h): a quick check of the UTF-8 that
 * leaves text already in NFC as it is (the common case, no UTF-16 round trip, and with tt_norm_nfc_view no copy
 * either), else ICU's NFC. The check's tables are read from ICU (nz_nfc_init, and by 256-code-point pages on
 * first use). The check has a fast path of 16-byte blocks (SSSE3, chosen at run time; build with -DTT_NFC_PLAIN
 * to leave it out, or set TT_NFC=plain): tests/unit/test_nfc.c compares it with the plain byte loop and with ICU.
 * Text known to be well-formed UTF-8 (the decoder's) has a cheaper check, tt_norm_nfc_view_wf: lead bytes
 * only, 32 bytes a step (AVX2) or 16 (SSSE3, or TT_NFC=ssse3), compared with the same in test_nfc. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "norm_impl.h"

#if !defined(TT_NFC_PLAIN) && (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define NFC_SIMD 1
#include <immintrin.h>
#else
#define NFC_SIMD 0
#endif

/* ---- NFC ---------------------------------------------------------------------------------------------- */

/* Is c NFC_Quick_Check=Yes with canonical combining class 0? A text of such code points is in NFC. */
static void
nfc_fill(tt_normalizer *nz, uint32_t pg)
{
    for (uint32_t k = 0; k < 256; k++) {
        UChar32 x = (UChar32)(pg << 8 | k);
        if (u_getIntPropertyValue(x, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(x) == 0)
            nz->nfc_bits[pg][k >> 5] |= 1u << (k & 31);
    }
    nz->nfc_page[pg] = 1;
}

static inline int
nfc_inert(tt_normalizer *nz, UChar32 c)
{
    if (c > 0xFFFF)
        return u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(c) == 0;
    uint32_t pg = (uint32_t)c >> 8;
    if (!nz->nfc_page[pg])
        nfc_fill(nz, pg);
    return (nz->nfc_bits[pg][(c >> 5) & 7] >> (c & 31)) & 1;
}

/* The characters of b[0..n) that start at i and before lim (lim <= n): the offset after them when each is
 * well-formed UTF-8 and nfc_inert, else (size_t)-1. */
static size_t
nfc_chars(tt_normalizer *nz, const uint8_t *b, size_t n, size_t i, size_t lim)
{
    while (i < lim) {
        uint8_t t = nz->nfc_lead[b[i]];
        if (t == 2 && i + 1 < n && (b[i + 1] & 0xC0) == 0x80) {
            i += 2; /* a two-byte character of a lead whose 64 characters are all inert */
            continue;
        }
        if (t == 1) {
            i++;
            while (i + 8 <= n) { /* a run of ASCII, 8 bytes at a time */
                uint64_t v;
                memcpy(&v, b + i, 8);
                if (v & 0x8080808080808080u)
                    break;
                i += 8;
            }
            continue;
        }
        UChar32 c;
        if (b[i] >= 0xC2 && b[i] < 0xE0 && i + 1 < n && (b[i + 1] & 0xC0) == 0x80) {
            c = (UChar32)((b[i] & 0x1F) << 6 | (b[i + 1] & 0x3F));
            /* pages 0..7 (U+0000..U+07FF) are filled by tt_normalizer_new */
            if (!((nz->nfc_bits[c >> 8][(c >> 5) & 7] >> (c & 31)) & 1))
                return (size_t)-1;
            i += 2;
            continue;
        }
        int32_t k = 0, lim4 = n - i > 4 ? 4 : (int32_t)(n - i);
        U8_NEXT(b + i, k, lim4, c);
        if (c < 0 || !nfc_inert(nz, c))
            return (size_t)-1;
        i += (size_t)k;
    }
    return i;
}

/* 1 if s[0..n) is well-formed UTF-8 made only of nfc_inert code points: it is its own NFC, byte for byte
 * (what the UTF-16 round trip below would give back). The byte loop alone. */
static int
nfc_already_plain(tt_normalizer *nz, const char *s, size_t n)
{
    return nfc_chars(nz, (const uint8_t *)s, n, 0, n) == n;
}

#if NFC_SIMD
/* How many of the 16 bytes at p pass: 16 when they are ASCII and whole 2-byte characters (C2..DF then 80..BF)
 * that are all nfc_inert, the byte after them starting a character; 15 when only the last byte is a lead byte
 * (its character is the next block's); else 0 (the byte loop decides). The lead bytes of nfc_nib's classes
 * (whose 64 characters are not all inert: U+0300.., Hebrew, Arabic, and U+0483..U+0487 among the Cyrillic of
 * lead D2) are looked up one by one in nfc_bits. Bit k of each mask is byte k. */
__attribute__((target("ssse3"))) static inline unsigned
nfc_block(const tt_normalizer *nz, const uint8_t *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    if (!high)
        return 16;
    /* as signed bytes: continuation bytes 80..BF are -128..-65, lead bytes C2..DF are -62..-33 */
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
    unsigned lead = (unsigned)_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
    if ((lead | cont) != high || ((lead << 1) & 0xFFFFu) != cont)
        return 0; /* C0, C1, E0..FF, or a continuation byte out of place */
    /* the class of each byte by its nibbles: nonzero only for a lead byte whose characters need a look */
    __m128i lo = _mm_and_si128(v, _mm_set1_epi8(0x0F));
    __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
    __m128i cls = _mm_and_si128(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)nz->nfc_nib_lo), lo),
                                _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)nz->nfc_nib_hi), hi));
    unsigned look = 0xFFFFu & ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(cls, _mm_setzero_si128()));
    unsigned k = lead & 0x8000u ? 15 : 16;
    look &= (1u << k) - 1;
    while (look) {
        unsigned j = (unsigned)__builtin_ctz(look);
        unsigned c = (p[j] & 0x1Fu) << 6 | (p[j + 1] & 0x3Fu);
        if (!((nz->nfc_bits[c >> 8][(c >> 5) & 7] >> (c & 31)) & 1))
            return 0;
        look &= look - 1;
    }
    return k;
}

__attribute__((target("ssse3"))) static int
nfc_already_fast(tt_normalizer *nz, const char *s, size_t n)
{
    const uint8_t *b = (const uint8_t *)s;
    size_t i = 0;
    while (i + 16 <= n) {
        unsigned k = nfc_block(nz, b + i);
        if (k) {
            i += k;
            continue;
        }
        /* a block the fast path cannot pass: the byte loop on the characters that start in it */
        if ((i = nfc_chars(nz, b, n, i, i + 16)) == (size_t)-1)
            return 0;
    }
    return nfc_chars(nz, b, n, i, n) == n;
}
#endif

/* ---- the check of text known to be well-formed UTF-8 (tt_norm_nfc_view_wf) ------------------------------
 * Every lead byte is followed by its continuation bytes (what tt_decoder_read puts out), so the structure needs no
 * test: only the characters of the lead bytes that nfc_vlo/nfc_vhi flag (C0, C1, the leads C2..DF whose 64
 * characters are not all inert, every lead E0..FF) are looked up; ASCII and continuation bytes pass as they are. */

#if NFC_SIMD
/* The character whose lead byte is b[j] (flagged): 1 if it is nfc_inert, 0 if not (or not strict UTF-8: an
 * overlong, a surrogate, above U+10FFFF, cut short by n; ICU then decides, as for tt_norm_nfc_view). */
static inline int
nfc_look(tt_normalizer *nz, const uint8_t *b, size_t n, size_t j)
{
    unsigned l = b[j];
    if (l < 0xE0) {
        if (l < 0xC2 || j + 1 >= n || (b[j + 1] & 0xC0) != 0x80)
            return 0;
        unsigned c = (l & 0x1Fu) << 6 | (b[j + 1] & 0x3Fu);
        return (nz->nfc_bits[c >> 8][(c >> 5) & 7] >> (c & 31)) & 1;
    }
    UChar32 c;
    int32_t k = 0, lim4 = n - j > 4 ? 4 : (int32_t)(n - j);
    U8_NEXT(b + j, k, lim4, c);
    return c >= 0 && nfc_inert(nz, c);
}

/* The bytes b[i..n) one at a time. */
static int
nfc_wf_bytes(tt_normalizer *nz, const uint8_t *b, size_t i, size_t n)
{
    for (; i < n; i++) {
        unsigned c = b[i];
        if ((nz->nfc_vlo[c & 15] & nz->nfc_vhi[c >> 4]) && !nfc_look(nz, b, n, i))
            return 0;
    }
    return 1;
}

/* 16 bytes a step (SSSE3): the flag of each byte by its nibbles, a look at each flagged one. */
__attribute__((target("ssse3"))) static int
nfc_wf_ssse3(tt_normalizer *nz, const uint8_t *b, size_t n)
{
    const __m128i tlo = _mm_loadu_si128((const __m128i *)(const void *)nz->nfc_vlo),
                  thi = _mm_loadu_si128((const __m128i *)(const void *)nz->nfc_vhi),
                  ttlo = _mm_loadu_si128((const __m128i *)(const void *)nz->nfc_tlo),
                  tthi = _mm_loadu_si128((const __m128i *)(const void *)nz->nfc_thi), m = _mm_set1_epi8(0x0F);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
        if (!_mm_movemask_epi8(v))
            continue; /* ASCII */
        __m128i f = _mm_and_si128(_mm_shuffle_epi8(tlo, _mm_and_si128(v, m)),
                                  _mm_shuffle_epi8(thi, _mm_and_si128(_mm_srli_epi16(v, 4), m)));
        unsigned look = 0xFFFFu & ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(f, _mm_setzero_si128()));
        if (look && i + 17 <= n) { /* a narrow lead's flag stays only when the byte after it is in its box */
            __m128i t = _mm_loadu_si128((const __m128i *)(const void *)(b + i + 1));
            __m128i g = _mm_and_si128(_mm_shuffle_epi8(ttlo, _mm_and_si128(t, m)),
                                      _mm_shuffle_epi8(tthi, _mm_and_si128(_mm_srli_epi16(t, 4), m)));
            look = 0xFFFFu & ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(f, g), _mm_setzero_si128()));
        }
        for (; look; look &= look - 1)
            if (!nfc_look(nz, b, n, i + (unsigned)__builtin_ctz(look)))
                return 0;
    }
    return nfc_wf_bytes(nz, b, i, n);
}

/* The same, 32 bytes a step (AVX2). */
__attribute__((target("avx2"))) static int
nfc_wf_avx2(tt_normalizer *nz, const uint8_t *b, size_t n)
{
    const __m256i tlo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)nz->nfc_vlo)),
                  thi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)nz->nfc_vhi)),
                  ttlo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)nz->nfc_tlo)),
                  tthi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)nz->nfc_thi)),
                  m = _mm256_set1_epi8(0x0F);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(b + i));
        if (!_mm256_movemask_epi8(v))
            continue; /* ASCII */
        __m256i f = _mm256_and_si256(_mm256_shuffle_epi8(tlo, _mm256_and_si256(v, m)),
                                     _mm256_shuffle_epi8(thi, _mm256_and_si256(_mm256_srli_epi16(v, 4), m)));
        unsigned look = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(f, _mm256_setzero_si256()));
        if (look && i + 33 <= n) { /* a narrow lead's flag stays only when the byte after it is in its box */
            __m256i t = _mm256_loadu_si256((const __m256i *)(const void *)(b + i + 1));
            __m256i g = _mm256_and_si256(_mm256_shuffle_epi8(ttlo, _mm256_and_si256(t, m)),
                                         _mm256_shuffle_epi8(tthi, _mm256_and_si256(_mm256_srli_epi16(t, 4), m)));
            look = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(f, g), _mm256_setzero_si256()));
        }
        for (; look; look &= look - 1)
            if (!nfc_look(nz, b, n, i + (unsigned)__builtin_ctz(look)))
                return 0;
    }
    return nfc_wf_bytes(nz, b, i, n);
}
#endif

static int
nfc_already_wf(tt_normalizer *nz, const char *s, size_t n)
{
#if NFC_SIMD
    if (nz->nfc_simd == 2)
        return nfc_wf_avx2(nz, (const uint8_t *)s, n);
    if (nz->nfc_simd)
        return nfc_wf_ssse3(nz, (const uint8_t *)s, n);
    return nfc_wf_bytes(nz, (const uint8_t *)s, 0, n);
#else
    return nfc_already_plain(nz, s, n); /* -DTT_NFC_PLAIN: the byte loop, which checks the structure too */
#endif
}

static int
nfc_already(tt_normalizer *nz, const char *s, size_t n)
{
#if NFC_SIMD
    if (nz->nfc_simd)
        return nfc_already_fast(nz, s, n);
#endif
    return nfc_already_plain(nz, s, n);
}

int
tt_norm_nfc_quick(tt_normalizer *nz, const char *s, size_t n)
{
    return nfc_already(nz, s, n);
}

int
tt_norm_nfc_quick_plain(tt_normalizer *nz, const char *s, size_t n)
{
    return nfc_already_plain(nz, s, n);
}

int
tt_norm_nfc_quick_wf(tt_normalizer *nz, const char *s, size_t n)
{
    return nfc_already_wf(nz, s, n);
}

/* The NFC of s[0..n) (not already NFC by the quick check) appended to out, by ICU. */
static int
nfc_icu(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, tt_error *err)
{
    int32_t len = nz_to16(nz, s, n, err);
    if (len < 0)
        return len;
    UErrorCode st = U_ZERO_ERROR;
    int32_t span = unorm2_spanQuickCheckYes(nz->nfc, nz->a, len, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "NFC: %s", u_errorName(st));
    if (span == len)
        return nz_append8(out, nz->a, len, err);
    if (nz_ensure(&nz->b, &nz->bcap, len + 16))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    int32_t m = unorm2_normalize(nz->nfc, nz->a, len, nz->b, nz->bcap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        if (nz_ensure(&nz->b, &nz->bcap, m + 1))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        m = unorm2_normalize(nz->nfc, nz->a, len, nz->b, nz->bcap, &st);
    }
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "NFC: %s", u_errorName(st));
    return nz_append8(out, nz->b, m, err);
}

int
tt_norm_nfc(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, tt_error *err)
{
    if (nfc_already(nz, s, n)) {
        if (tt_buf_append(out, s, n))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        return 0;
    }
    return nfc_icu(nz, s, n, out, err);
}

static int
nfc_view(tt_normalizer *nz, int already, const char *s, size_t n, tt_buf *out, const char **text, size_t *len,
         tt_error *err)
{
    if (already) {
        *text = s;
        *len = n;
        return 0;
    }
    size_t before = out->len;
    int rc = nfc_icu(nz, s, n, out, err);
    if (rc) {
        *text = "";
        *len = 0;
        return rc;
    }
    *text = out->data ? out->data + before : "";
    *len = out->len - before;
    return 0;
}

int
tt_norm_nfc_view(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, const char **text, size_t *len,
                 tt_error *err)
{
    return nfc_view(nz, nfc_already(nz, s, n), s, n, out, text, len, err);
}

int
tt_norm_nfc_view_wf(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, const char **text, size_t *len,
                    tt_error *err)
{
    return nfc_view(nz, nfc_already_wf(nz, s, n), s, n, out, text, len, err);
}

void
nz_nfc_init(tt_normalizer *nz)
{
    for (uint32_t pg = 0; pg < 8; pg++)
        nfc_fill(nz, pg); /* the 2-byte UTF-8 range, read without a check by nfc_already */
    for (unsigned b = 0; b < 0x80; b++)
        nz->nfc_lead[b] = 1;
    for (unsigned b = 0xC2; b < 0xE0; b++) {
        int all = 1;
        for (unsigned k = 0; k < 64 && all; k++) {
            UChar32 c = (UChar32)((b & 0x1F) << 6 | k);
            all = (nz->nfc_bits[c >> 8][(c >> 5) & 7] >> (c & 31)) & 1;
        }
        nz->nfc_lead[b] = all ? 2 : 0;
        if (!all) /* nfc_block's classes: bit 0 leads Cx, bit 1 leads Dx */
            nz->nfc_nib_lo[b & 0x0F] |= (uint8_t)(b < 0xD0 ? 1 : 2);
    }
    nz->nfc_nib_hi[0x0C] = 1;
    nz->nfc_nib_hi[0x0D] = 2;
    /* the flags of tt_norm_nfc_view_wf: those of the leads Cx and Dx above, C0 and C1 (overlong), every Ex, Fx;
     * a lead Cx (Dx) whose characters that are not inert have their second byte in a box of at most 8 (high
     * nibbles x low nibbles: D2, whose U+0483..U+0487 are 83..87) gets bit 3 (4) instead of bit 0 (1), and the
     * box goes into nfc_tlo/nfc_thi, the flags of the byte after a lead (bits 0..2 there for any byte) */
    for (unsigned k = 0; k < 16; k++) {
        nz->nfc_vlo[k] = (uint8_t)((k < 2 ? 1 : 0) | 4);
        nz->nfc_tlo[k] = nz->nfc_thi[k] = 7;
    }
    nz->nfc_vhi[0x0C] = 1 | 8;
    nz->nfc_vhi[0x0D] = 2 | 16;
    nz->nfc_vhi[0x0E] = nz->nfc_vhi[0x0F] = 4;
    for (unsigned b = 0xC2; b < 0xE0; b++) {
        if (nz->nfc_lead[b])
            continue; /* all 64 inert */
        unsigned his = 0, los = 0; /* the nibbles of the bad second bytes */
        for (unsigned k = 0; k < 64; k++) {
            UChar32 c = (UChar32)((b & 0x1F) << 6 | k);
            if (!((nz->nfc_bits[c >> 8][(c >> 5) & 7] >> (c & 31)) & 1))
                his |= 1u << ((0x80 | k) >> 4), los |= 1u << (k & 15);
        }
        int narrow = __builtin_popcount(his) * __builtin_popcount(los) <= 8;
        unsigned bit = b < 0xD0 ? (narrow ? 8 : 1) : (narrow ? 16 : 2);
        nz->nfc_vlo[b & 15] |= (uint8_t)bit;
        for (unsigned x = 0; narrow && x < 16; x++) {
            if (his >> x & 1)
                nz->nfc_thi[x] |= (uint8_t)bit;
            if (los >> x & 1)
                nz->nfc_tlo[x] |= (uint8_t)bit;
        }
    }
    nz->nfc_simd = 0;
#if NFC_SIMD
    /* TT_NFC=plain: the byte loops alone; TT_NFC=ssse3: not the AVX2 steps (the switch test_nfc uses) */
    const char *env = getenv("TT_NFC");
    unsigned cpu = tt_cpu_simd();
    nz->nfc_simd = cpu & TT_CPU_AVX2 ? 2 : (cpu & TT_CPU_SSSE3) != 0;
    if (env && !strcmp(env, "plain"))
        nz->nfc_simd = 0;
    else if (env && !strcmp(env, "ssse3") && nz->nfc_simd > 1)
        nz->nfc_simd = 1;
#endif
}
