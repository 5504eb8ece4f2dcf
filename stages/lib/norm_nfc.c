/* norm_nfc.c - NFC text as written (tt_norm_nfc, tt/norm.h): a quick check of the UTF-8 that leaves text already
 * in NFC as it is (the common case, no UTF-16 round trip), else ICU's NFC. The check's tables are read from ICU
 * (nz_nfc_init, and by 256-code-point pages on first use). */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "norm_impl.h"

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

/* 1 if s[0..n) is well-formed UTF-8 made only of nfc_inert code points: it is its own NFC, byte for byte
 * (what the UTF-16 round trip below would give back). */
static int
nfc_already(tt_normalizer *nz, const char *s, size_t n)
{
    const uint8_t *b = (const uint8_t *)s;
    size_t i = 0;
    while (i < n) {
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
                return 0;
            i += 2;
            continue;
        }
        int32_t k = 0, lim = n - i > 4 ? 4 : (int32_t)(n - i);
        U8_NEXT(b + i, k, lim, c);
        if (c < 0 || !nfc_inert(nz, c))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

int
tt_norm_nfc(tt_normalizer *nz, const char *s, size_t n, tt_buf *out, tt_error *err)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n || nfc_already(nz, s + i, n - i)) {
        if (tt_buf_append(out, s, n))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        return 0;
    }
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
    }
}
