/* decode_detect.c - what a byte stream is (normalization.md §1.3): binary magic numbers, BOMs, UTF-16 without
 * BOM, strict UTF-8 (tt/utf8.h's scanner), and the scored choice among single-byte Cyrillic encodings (with the
 * candidates' tables of decode_table.c). */
#include "decode_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* File formats that are certainly not text, by their first bytes. */
static const struct {
    const char *magic;
    size_t n;
    const char *what;
} magics[] = {
    {"\x89PNG\r\n\x1a\n", 8, "PNG image"},
    {"%PDF-", 5, "PDF document"},
    {"\x7f" "ELF", 4, "ELF executable"},
    {"PK\x03\x04", 4, "ZIP archive (or DOCX/XLSX/ODT document)"},
    {"PK\x05\x06", 4, "ZIP archive"},
    {"GIF87a", 6, "GIF image"},
    {"GIF89a", 6, "GIF image"},
    {"\xff\xd8\xff", 3, "JPEG image"},
    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "Microsoft Office 97-2003 document (OLE2)"},
    {"\x1f\x8b", 2, "gzip data inside a gzip file"},
    {"\xfd" "7zXZ\x00", 6, "xz archive"},
    {"\x28\xb5\x2f\xfd", 4, "zstd archive"},
    {"7z\xbc\xaf\x27\x1c", 6, "7-Zip archive"},
    {"Rar!\x1a\x07", 6, "RAR archive"},
};

const char *
tt_dec_magic(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
        if (n >= magics[i].n && memcmp(p, magics[i].magic, magics[i].n) == 0)
            return magics[i].what;
    if (n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9' && memcmp(p + 4, "1AY&SY", 6) == 0)
        return "bzip2 archive";
    return NULL;
}

/* Bit c: byte c (< 0x20) is a control that text does not use (all but \t \n \f \r). */
#define CTL_MASK 0xFFFFC9FFu

size_t
tt_dec_controls_plain(const unsigned char *p, size_t n, size_t *first)
{
    size_t c = 0;
    *first = n;
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 && ((CTL_MASK >> p[i]) & 1)) {
            if (!c++)
                *first = i;
        }
    return c;
}

#if !defined(TT_DECODE_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>

/* 16 bytes at a time: most blocks of a text hold no byte below 0x20, and most of the rest only line breaks. */
static size_t
controls_sse2(const unsigned char *p, size_t n, size_t *first)
{
    size_t c = 0, i = 0;
    *first = n;
    const __m128i x1f = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, x1f), v)); /* bytes < 0x20 */
        if (!m)
            continue;
        __m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\f')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
        m &= ~(unsigned)_mm_movemask_epi8(ok);
        if (!m)
            continue;
        if (!c)
            *first = i + (size_t)__builtin_ctz(m);
        c += (size_t)__builtin_popcount(m);
    }
    size_t f, t = tt_dec_controls_plain(p + i, n - i, &f);
    if (t && !c)
        *first = i + f;
    return c + t;
}

#if defined(__GNUC__) || defined(__clang__)
#include <immintrin.h>
#define CONTROLS_AVX2 1
/* 32 bytes at a time (AVX2, chosen at run time): each byte's class by its two nibbles from two 16-byte tables
 * made from CTL_MASK (low nibble: bit 0 when byte 0x0? is a control text does not use, bit 1 when 0x1? is; high
 * nibble 0 -> bit 0, 1 -> bit 1, others none), so that a line break costs nothing. */
__attribute__((target("avx2"))) static size_t
controls_avx2(const unsigned char *p, size_t n, size_t *first)
{
    unsigned char lo[16], hi[16] = {1, 2};
    for (unsigned k = 0; k < 16; k++)
        lo[k] = (unsigned char)(((CTL_MASK >> k) & 1) | ((CTL_MASK >> (16 + k)) & 1) << 1);
    const __m256i tlo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)lo)),
                  thi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)hi)),
                  m = _mm256_set1_epi8(0x0F);
    size_t c = 0, i = 0;
    *first = n;
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        __m256i cls = _mm256_and_si256(_mm256_shuffle_epi8(tlo, _mm256_and_si256(v, m)),
                                       _mm256_shuffle_epi8(thi, _mm256_and_si256(_mm256_srli_epi16(v, 4), m)));
        unsigned bad = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(cls, _mm256_setzero_si256()));
        if (!bad)
            continue;
        if (!c)
            *first = i + (size_t)__builtin_ctz(bad);
        c += (size_t)__builtin_popcount(bad);
    }
    size_t f, t = controls_sse2(p + i, n - i, &f);
    if (t && !c)
        *first = i + f;
    return c + t;
}
#else
#define CONTROLS_AVX2 0
#endif

size_t
tt_dec_controls_steps(const unsigned char *p, size_t n, size_t *first, int steps)
{
#if CONTROLS_AVX2
    if (steps >= 32 && (tt_cpu_simd() & TT_CPU_AVX2))
        return controls_avx2(p, n, first);
#endif
    return steps >= 16 ? controls_sse2(p, n, first) : tt_dec_controls_plain(p, n, first);
}
#else
size_t
tt_dec_controls_steps(const unsigned char *p, size_t n, size_t *first, int steps)
{
    (void)steps;
    return tt_dec_controls_plain(p, n, first);
}
#endif

size_t
tt_dec_controls(const unsigned char *p, size_t n, size_t *first)
{
    return tt_dec_controls_steps(p, n, first, 32);
}

size_t
tt_dec_bom(const unsigned char *p, size_t n, const char **enc)
{
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return *enc = "UTF-8", 3;
    if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0)
        return *enc = "UTF-32LE", 4;
    if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)
        return *enc = "UTF-32BE", 4;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return *enc = "UTF-16LE", 2;
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return *enc = "UTF-16BE", 2;
    *enc = NULL;
    return 0;
}

/* 1 if the UTF-16 units (low byte at p[lo]) have no unpaired surrogate (one cut at the end is fine). */
static int
utf16_pairs_ok(const unsigned char *p, size_t units, int lo)
{
    for (size_t i = 0; i < units; i++) {
        unsigned u = p[2 * i + (size_t)lo] | (unsigned)p[2 * i + (size_t)(1 - lo)] << 8;
        if (u >= 0xDC00 && u <= 0xDFFF)
            return 0;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 == units)
                return 1;
            unsigned v = p[2 * i + 2 + (size_t)lo] | (unsigned)p[2 * i + 2 + (size_t)(1 - lo)] << 8;
            if (v < 0xDC00 || v > 0xDFFF)
                return 0;
            i++;
        }
    }
    return 1;
}

const char *
tt_dec_utf16_guess(const unsigned char *p, size_t n)
{
    size_t units = (n < 4096 ? n : 4096) / 2;
    if (units < 2)
        return NULL;
    size_t odd = 0, even = 0;
    for (size_t i = 0; i < units; i++) {
        even += p[2 * i] == 0 || p[2 * i] == 4;
        odd += p[2 * i + 1] == 0 || p[2 * i + 1] == 4;
    }
    if (odd * 100 >= 70 * units && even * 100 < 5 * units)
        return utf16_pairs_ok(p, units, 0) ? "UTF-16LE" : NULL;
    if (even * 100 >= 70 * units && odd * 100 < 5 * units)
        return utf16_pairs_ok(p, units, 1) ? "UTF-16BE" : NULL;
    return NULL;
}

/* Penalty for a lowercase -> uppercase switch inside a word (§1.3 step 5: separates KOI8-R from CP1251). */
#define CASE_SWITCH_PENALTY 3

static long
score_window(const tt_enc_table *t, size_t c, const unsigned char *p, size_t n)
{
    const int *wt = t->detect_wt[c];
    const unsigned char *cls = t->detect_cls[c];
    long sc = 0, switches = 0;
    unsigned prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned k = cls[p[i]];
        sc += wt[p[i]];
        switches += (prev & (k >> 1)); /* prev lowercase (1), this uppercase (2) */
        prev = k;
    }
    return sc - CASE_SWITCH_PENALTY * switches;
}

int
tt_dec_guess_8bit(const tt_enc_table *t, const unsigned char *p, size_t n, int at_end, tt_dec_guess *g,
                  tt_error *err)
{
    (void)err;
    memset(g, 0, sizeof *g);
    /* Step 4: strict UTF-8. A window of many valid multi-byte sequences with a few bad ones is broken UTF-8,
     * not a legacy encoding: decoding it as CP1251 would produce silent mojibake. */
    tt_u8_scan r;
    tt_u8_scan_run(p, n, n, 0, &r);
    if (r.status == TT_U8_OK || (r.status == TT_U8_INCOMPLETE && !at_end) || r.status == TT_U8_NUL) {
        g->valid_prefix = r.pos;
        g->encoding = "UTF-8";
        g->method = "utf8";
        g->confidence = 100;
        return 0;
    }
    size_t i = 0, mb = 0, bad = 0;
    while (i < n) {
        tt_u8_scan_run(p + i, n - i, n - i, 0, &r);
        for (size_t k = i; k < i + r.pos; k++)
            mb += p[k] >= 0xC0;
        i += r.pos;
        if (r.status == TT_U8_OK)
            break;
        if (r.status == TT_U8_NUL) {
            i++;
        } else if (r.status == TT_U8_BAD) {
            bad++;
            i += r.badlen;
            if (bad >= 64 && bad * 20 > mb)
                break; /* clearly not UTF-8: no need to scan on */
        } else {
            bad += at_end;
            break;
        }
    }
    if (bad == 0 || (mb >= 8 && bad * 20 <= mb)) {
        g->encoding = "UTF-8";
        g->method = "utf8";
        g->confidence = mb + bad ? (int)(100 * mb / (mb + bad)) : 100;
        return 0;
    }
    /* Step 5: score each single-byte candidate on the window. */
    long sc[TT_ENC_MAX_DETECT] = {0};
    unsigned char present[256] = {0};
    for (size_t k = 0; k < n; k++)
        present[p[k]] = 1;
    size_t best = 0;
    for (size_t c = 0; c < t->ndetect; c++) {
        sc[c] = score_window(t, c, p, n);
        if (sc[c] > sc[best])
            best = c;
    }
    size_t ru = SIZE_MAX;
    for (size_t c = 0; c < t->ndetect; c++) {
        if (c == best)
            continue;
        int differs = 0;
        for (int b = 0; b < 256 && !differs; b++)
            differs = present[b] && t->detect_sbcs[c].cp[b] != t->detect_sbcs[best].cp[b];
        if (differs && (ru == SIZE_MAX || sc[c] > sc[ru]))
            ru = c;
    }
    g->encoding = t->detect[best];
    g->method = "score";
    g->score = sc[best];
    g->confidence = 100;
    if (ru != SIZE_MAX) {
        long margin = sc[best] - sc[ru], base = labs(sc[best]);
        g->runner_up = t->detect[ru];
        g->runner_up_score = sc[ru];
        g->confidence = sc[best] <= 0 ? 0 : (int)(margin * 100 / base > 100 ? 100 : margin * 100 / base);
        g->ambiguous = margin * 100 <= 2 * base;
    }
    return 0;
}

int
tt_dec_mismatch(const tt_enc_table *t, const char *decl, const unsigned char *p, size_t n, int at_end,
                char *found, size_t foundn, char *why, size_t whyn, size_t *valid)
{
    tt_dec_guess g;
    *valid = 0;
    if (!strcmp(decl, "UTF-8")) {
        /* The strict UTF-8 test of tt_dec_guess_8bit first: a window it passes is "utf8" whatever the count of
         * bytes >= 0x80 below, so the common case (valid UTF-8 declared as such) needs neither that count nor
         * a second scan, and the decoder may trust the prefix (*valid) instead of validating it again. */
        tt_u8_scan r;
        tt_u8_scan_run(p, n, n, 0, &r);
        if (r.status == TT_U8_OK || (r.status == TT_U8_INCOMPLETE && !at_end) || r.status == TT_U8_NUL) {
            *valid = r.pos;
            return 0;
        }
    }
    size_t high = 0; /* a few stray bytes are no evidence of anything */
    for (size_t k = 0; k < n; k++)
        high += p[k] >= 0x80;
    if (high < 8)
        return 0;
    if (!strcmp(decl, "UTF-8")) {
        if (tt_dec_guess_8bit(t, p, n, at_end, &g, NULL) < 0 || strcmp(g.method, "score") != 0 || g.ambiguous)
            return 0;
        snprintf(found, foundn, "%s", g.encoding);
        snprintf(why, whyn, "not valid UTF-8; letter score %ld as %s", g.score, g.encoding);
        return 1;
    }
    if (!strncmp(decl, "UTF-", 4))
        return 0; /* UTF-16/32 declared: the NUL and binary checks already catch what goes wrong */
    /* a legacy encoding declared for bytes that are valid UTF-8 with several multi-byte characters: no
     * Cyrillic legacy text is that by chance */
    tt_u8_scan r;
    tt_u8_scan_run(p, n, n, 0, &r);
    size_t mb = 0;
    for (size_t k = 0; k < r.pos; k++)
        mb += p[k] >= 0xC0;
    if ((r.status == TT_U8_OK || (r.status == TT_U8_INCOMPLETE && !at_end)) && mb >= 3) {
        snprintf(found, foundn, "UTF-8");
        snprintf(why, whyn, "valid UTF-8: %zu multi-byte characters, none invalid, in the first %zu bytes", mb,
                 r.pos);
        return 1;
    }
    size_t di = SIZE_MAX;
    for (size_t c = 0; c < t->ndetect; c++)
        if (!strcmp(t->detect[c], decl))
            di = c;
    if (di == SIZE_MAX || tt_dec_guess_8bit(t, p, n, at_end, &g, NULL) < 0 || strcmp(g.method, "score") != 0 ||
        !strcmp(g.encoding, decl))
        return 0;
    size_t bi = 0;
    for (size_t c = 0; c < t->ndetect; c++)
        if (!strcmp(t->detect[c], g.encoding))
            bi = c;
    unsigned char present[256] = {0};
    for (size_t k = 0; k < n; k++)
        present[p[k]] = 1;
    int differs = 0;
    for (int b = 0; b < 256 && !differs; b++)
        differs = present[b] && t->detect_sbcs[di].cp[b] != t->detect_sbcs[bi].cp[b];
    long sd = score_window(t, di, p, n);
    /* clearly worse: more than a tenth of the winner's score below it (the detector itself calls 2 % a tie) */
    if (!differs || g.score <= 0 || (g.score - sd) * 10 <= g.score)
        return 0;
    snprintf(found, foundn, "%s", g.encoding);
    snprintf(why, whyn, "letter score %ld as %s against %ld as declared", g.score, g.encoding, sd);
    return 1;
}
