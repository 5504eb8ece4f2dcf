/* norm.c - the normalizer (matching.md "Two forms of every text", normalization.md §2-§4): loading its rules
 * (<data>/translit/<name>.rules, compiled by norm_rules.c) and homoglyph tables, the Kazakh Latin
 * alphabet detector, the pre-break fixes and the homoglyph repair. The match form of a token and its cache are
 * norm_word.c; NFC text as written is norm_nfc.c; the layout the three share is norm_impl.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "norm_impl.h"
#include "tt/bigmem.h"
#include "tt/common.h"
#include "tt/norm.h"

const char *const nz_rs_file[RS_COUNT] = {"other", "en", "ru", "uz", "kk-Cyrl", "kk-Latn-2017", "kk-Latn-2018",
                                          "kk-Latn-2021"};

static int is_latin(UChar32 c);
static int is_cyrillic(UChar32 c);

/* SC_E18 / SC_E21: a Latin letter of the Kazakh 2018 / 2021 alphabet that the detector counts */
enum { SC_LATIN = 1, SC_CYRILLIC = 2, SC_E18 = 4, SC_E21 = 8 };

static int
kk_latin_mark(UChar32 c)
{
    switch (c) {
    case 0xE1: case 0xC1: case 0x1F5: case 0x1F4: case 0x144: case 0x143: case 0xF3: case 0xD3:
    case 0xFA: case 0xDA: case 0xFD: case 0xDD:
        return SC_E18; /* á ǵ ń ó ú ý */
    case 0xE4: case 0xC4: case 0x11F: case 0x11E: case 0xF1: case 0xD1: case 0xF6: case 0xD6:
    case 0x16B: case 0x16A: case 0xFC: case 0xDC: case 0x15F: case 0x15E: case 0xE7: case 0xC7:
    case 0x14B: case 0x14A:
        return SC_E21; /* ä ğ ñ ö ū ü ş ç ŋ */
    default:
        return 0;
    }
}

static int
sclass_full(UChar32 c)
{
    return is_latin(c) ? SC_LATIN | kk_latin_mark(c) : is_cyrillic(c) ? SC_CYRILLIC : 0;
}

/* SC_LATIN (with SC_E18/SC_E21) if is_latin(c), else SC_CYRILLIC if is_cyrillic(c), else 0; a table lookup
 * below U+0530. */
static inline int
sclass_of(const tt_normalizer *nz, UChar32 c)
{
    if (nz && c >= 0 && c < 0x530)
        return nz->sclass[c];
    return sclass_full(c);
}

/* ---- loading ------------------------------------------------------------------------------------------ */

int
nz_ensure(UChar **p, int32_t *cap, int32_t need)
{
    if (need <= *cap)
        return 0;
    int32_t nc = *cap ? *cap : 64;
    while (nc < need) {
        if (nc > INT32_MAX / 2)
            return TT_ENOMEM;
        nc *= 2;
    }
    UChar *np = realloc(*p, sizeof(UChar) * (size_t)nc);
    if (!np)
        return TT_ENOMEM;
    *p = np;
    *cap = nc;
    return 0;
}

/* "*", "-", or a comma list of language names -> bit mask over tt_lang */
static unsigned
lang_mask(const char *s, size_t n)
{
    if (n == 1 && s[0] == '*')
        return (1u << TT_LANG_COUNT) - 1;
    if (n == 1 && s[0] == '-')
        return 0;
    unsigned m = 0;
    while (n > 0) {
        size_t k = 0;
        while (k < n && s[k] != ',')
            k++;
        if (k == 5 && memcmp(s, "other", 5) == 0)
            m |= 1u << TT_LANG_OTHER;
        else if (tt_lang_known(s, k))
            m |= 1u << tt_lang_parse(s, k);
        else
            return ~0u;
        s += k;
        n -= k;
        if (n > 0) {
            s++;
            n--;
        }
    }
    return m;
}

static int
load_homoglyphs(tt_normalizer *nz, const char *dir, tt_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/homoglyphs.tsv", dir);
    size_t n = 0;
    char *text = tt_file_read(path, &n);
    if (!text) {
        tt_error_set(err, TT_EIO, "cannot read homoglyph table");
        return tt_error_at(err, path, 0, 0);
    }
    uint64_t lineno = 0;
    char *p = text, *end = text + n;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        lineno++;
        if (le > p && le[-1] == '\r')
            le--;
        if (le > p && *p != '#') {
            const char *f[4];
            size_t fl[4];
            int nf = 0;
            char *q = p;
            while (nf < 4) {
                char *t = memchr(q, '\t', (size_t)(le - q));
                f[nf] = q;
                fl[nf] = (size_t)((t ? t : le) - q);
                nf++;
                if (!t)
                    break;
                q = t + 1;
            }
            UChar32 lc = -1, cc = -1;
            int32_t i = 0;
            if (nf == 4) {
                U8_NEXT((const uint8_t *)f[0], i, (int32_t)fl[0], lc);
                if (i != (int32_t)fl[0])
                    lc = -1;
                i = 0;
                U8_NEXT((const uint8_t *)f[1], i, (int32_t)fl[1], cc);
                if (i != (int32_t)fl[1])
                    cc = -1;
            }
            unsigned m1 = nf == 4 ? lang_mask(f[2], fl[2]) : ~0u;
            unsigned m2 = nf == 4 ? lang_mask(f[3], fl[3]) : ~0u;
            if (lc < 0 || lc >= 0x80 || cc < 0x400 || cc > 0x4FF || m1 == ~0u || m2 == ~0u) {
                free(text);
                tt_error_set(err, TT_ESYNTAX,
                             "expected: latin <TAB> cyrillic <TAB> languages <TAB> languages (ASCII letter, "
                             "Cyrillic letter, * - or kk,uz,ru,en,other)");
                return tt_error_at(err, path, lineno, 0);
            }
            for (int l = 0; l < TT_LANG_COUNT; l++) {
                if (m1 & (1u << l))
                    nz->l2c[l][lc] = (UChar)cc;
                if (m2 & (1u << l))
                    nz->c2l[l][cc - 0x400] = (UChar)lc;
            }
        }
        p = nl ? nl + 1 : end;
    }
    free(text);
    return 0;
}

int
tt_normalizer_new(tt_normalizer **out, const char *data_dir, tt_error *err)
{
    *out = NULL;
    if (!data_dir)
        data_dir = tt_data_dir();
    tt_normalizer *nz = calloc(1, sizeof *nz);
    if (!nz)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    UErrorCode st = U_ZERO_ERROR;
    nz->nfc = unorm2_getNFCInstance(&st);
    nz->nfkccf = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) {
        free(nz);
        return tt_error_set(err, TT_EICU, "cannot get ICU normalizers: %s", u_errorName(st));
    }
    for (UChar32 c = 0; c < 0x530; c++)
        nz->sclass[c] = (uint8_t)sclass_full(c);
    nz_nfc_init(nz);
    const char *tl = getenv("TT_TRANSLIT"); /* TT_TRANSLIT=icu: every pass through ICU (to compare) */
    nz->translit_maps = !(tl && strcmp(tl, "icu") == 0);
    int rc = 0;
    for (int rs = 0; rs < RS_COUNT && rc == 0; rs++)
        rc = nz_rules_load(nz, rs, data_dir, err);
    if (rc == 0)
        rc = load_homoglyphs(nz, data_dir, err);
    if (rc == 0) {
        nz->nslots = CACHE_SLOTS_MIN;
        nz->slots = tt_big_alloc(nz->nslots * sizeof *nz->slots);
        nz->arena_cap = CACHE_ARENA_MIN;
        nz->arena = tt_big_arena(nz->arena_cap + CACHE_ARENA_PAD);
        nz->cache_gen = 1;
        if (!nz->slots || !nz->arena)
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (rc != 0) {
        tt_normalizer_free(nz);
        return rc;
    }
    *out = nz;
    return 0;
}

void
tt_normalizer_free(tt_normalizer *nz)
{
    if (!nz)
        return;
    nz_rules_free(nz);
    free(nz->a);
    free(nz->b);
    free(nz->c);
    tt_big_free(nz->slots, nz->nslots * sizeof *nz->slots);
    tt_big_free(nz->arena, nz->arena_cap + CACHE_ARENA_PAD);
    free(nz);
}

/* ---- UTF-8 <-> UTF-16 helpers ------------------------------------------------------------------------- */

/* s[0..n) UTF-8 -> nz->a (invalid bytes -> U+FFFD). Returns length or negative TT_E*. */
int32_t
nz_to16(tt_normalizer *nz, const char *s, size_t n, tt_error *err)
{
    if (n >= INT32_MAX / 2)
        return tt_error_set(err, TT_ELIMIT, "text too long for one call (%zu bytes)", n);
    if (nz_ensure(&nz->a, &nz->acap, (int32_t)n + 1))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8WithSub(nz->a, nz->acap, &len, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "UTF-8 to UTF-16: %s", u_errorName(st));
    return len;
}

int
nz_append8(tt_buf *out, const UChar *u, int32_t n, tt_error *err)
{
    /* fast path: ASCII */
    int32_t i = 0;
    while (i < n && u[i] < 0x80)
        i++;
    if (tt_buf_reserve(out, (size_t)n * 3))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    char *d = out->data + out->len;
    if (i == n) {
        for (int32_t k = 0; k < n; k++)
            d[k] = (char)u[k];
        out->len += (size_t)n;
        out->data[out->len] = 0;
        return 0;
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8WithSub(d, (int32_t)(out->cap - out->len - 1), &len, u, n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return tt_error_set(err, TT_EICU, "UTF-16 to UTF-8: %s", u_errorName(st));
    out->len += (size_t)len;
    out->data[out->len] = 0;
    return 0;
}

/* ---- script detection --------------------------------------------------------------------------------- */

static int
is_latin(UChar32 c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c < 0x250)
        return c >= 0xC0 && c != 0xD7 && c != 0xF7;
    return u_isalpha(c) && uscript_getScript(c, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_LATIN;
}

static int
is_cyrillic(UChar32 c)
{
    if (c >= 0x400 && c <= 0x52F)
        return u_isalpha(c);
    if (c < 0x250)
        return 0;
    return u_isalpha(c) && uscript_getScript(c, &(UErrorCode){U_ZERO_ERROR}) == USCRIPT_CYRILLIC;
}

int
tt_norm_is_apostrophe(UChar32 c)
{
    /* normalization.md §3: U+02BB U+02BC U+2018 U+2019 U+0027 U+0060 U+00B4 U+02B9 U+02BD, and U+2032 prime */
    switch (c) {
    case 0x02BB: case 0x02BC: case 0x2018: case 0x2019: case 0x0027: case 0x0060: case 0x00B4: case 0x02B9:
    case 0x02BD: case 0x2032:
        return 1;
    default:
        return 0;
    }
}

/* Kazakh 2017 letters that take an apostrophe (a' g' n' o' u' y' s' c' i') */
static int
is_kk2017_base(UChar32 c)
{
    switch (c | 0x20) {
    case 'a': case 'g': case 'n': case 'o': case 'u': case 'y': case 's': case 'c': case 'i':
        return c < 0x80;
    default:
        return 0;
    }
}

tt_script
tt_norm_detect_script(tt_normalizer *nz, tt_lang lang, const char *s, size_t n, int *confidence)
{
    uint64_t lat = 0, cyr = 0, e17 = 0, e18 = 0, e21 = 0;
    UChar32 prev = 0;
    for (size_t i = 0; i < n;) {
        UChar32 c;
        unsigned char b0 = (unsigned char)s[i];
        if (b0 < 0x80) {
            c = b0;
            i++;
        } else if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            c = (UChar32)((b0 & 0x1F) << 6 | ((unsigned char)s[i + 1] & 0x3F)); /* as U8_NEXT would */
            i += 2;
        } else {
            int32_t k = 0;
            int32_t lim = n - i > 8 ? 8 : (int32_t)(n - i);
            U8_NEXT((const uint8_t *)s + i, k, lim, c);
            i += (size_t)k;
        }
        int sc = sclass_of(nz, c);
        lat += (unsigned)sc & SC_LATIN;
        cyr += ((unsigned)sc & SC_CYRILLIC) >> 1;
        e18 += ((unsigned)sc & SC_E18) >> 2;
        e21 += ((unsigned)sc & SC_E21) >> 3;
        if (sc & (SC_LATIN | SC_CYRILLIC)) {
            /* counted */
        } else if (lang == TT_LANG_KK && tt_norm_is_apostrophe(c) && is_kk2017_base(prev) && i < n &&
                   (unsigned char)s[i] < 0x80 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) {
            e17++; /* letter ' letter inside a word: qazaqs'a ... */
        }
        prev = c;
    }
    int conf = 0;
    tt_script res;
    if (cyr == 0 && lat == 0) {
        res = TT_SCRIPT_ANY;
    } else if (cyr > lat) {
        res = TT_SCRIPT_CYRL;
        conf = (int)(100 * cyr / (cyr + lat));
    } else if (lang != TT_LANG_KK) {
        res = TT_SCRIPT_LATN;
        conf = (int)(100 * lat / (cyr + lat));
    } else {
        uint64_t tot = e17 + e18 + e21, best = e21;
        res = TT_SCRIPT_LATN_2021;
        if (e18 > best) {
            best = e18;
            res = TT_SCRIPT_LATN_2018;
        }
        if (e17 > best) {
            best = e17;
            res = TT_SCRIPT_LATN_2017;
        }
        if (tot == 0) {
            res = TT_SCRIPT_LATN;
        } else {
            conf = (int)(100 * best / tot);
            if (best < 5)
                conf = conf * (int)best / 5;
        }
    }
    if (confidence)
        *confidence = conf;
    return res;
}

/* ---- pre-break fixes ---------------------------------------------------------------------------------- */

int
tt_norm_prebreak_apos(tt_lang lang, tt_script script)
{
    return lang == TT_LANG_UZ || (lang == TT_LANG_KK && script == TT_SCRIPT_LATN_2017);
}

/* The pre-break fix of unit i of s[0..n) (see tt_norm_prebreak16): 1 if it changed. */
static inline int
prebreak_unit(int uz, int kk17, UChar *s, int32_t i, int32_t n)
{
    UChar c = s[i];
    if (c == 0x200B) {
        s[i] = 0x2060;
        return 1;
    }
    if (!(uz || kk17) || i == 0 || !tt_norm_is_apostrophe(c) || c == 0x02BB)
        return 0;
    UChar p = s[i - 1];
    if (U16_IS_SURROGATE(p) || !u_isalpha(p) || tt_norm_is_apostrophe(p))
        return 0;
    UChar nx = i + 1 < n ? s[i + 1] : 0;
    int next_letter = nx && !U16_IS_SURROGATE(nx) && u_isalpha(nx) && !tt_norm_is_apostrophe(nx);
    UChar r = c;
    if (uz) {
        if (p == 'o' || p == 'O' || p == 'g' || p == 'G')
            r = 0x02BB;
        else if (next_letter)
            r = 0x02BC;
    } else if (is_kk2017_base(p)) {
        r = 0x02BC;
    }
    s[i] = r;
    return r != c;
}

size_t
tt_norm_prebreak16_plain(tt_lang lang, tt_script script, UChar *s, int32_t n)
{
    size_t changed = 0;
    int uz = lang == TT_LANG_UZ, kk17 = lang == TT_LANG_KK && script == TT_SCRIPT_LATN_2017; /* see _apos */
    for (int32_t i = 0; i < n; i++)
        changed += (size_t)prebreak_unit(uz, kk17, s, i, n);
    return changed;
}

size_t
tt_norm_prebreak16(tt_lang lang, tt_script script, UChar *s, int32_t n)
{
#if !defined(TT_NORM_PLAIN) && defined(__SSE2__)
    /* Only U+0027, U+0060 and units from U+00B4 up (U+200B, the other apostrophes) can change: blocks of eight
       units with none of them are skipped (switch: -DTT_NORM_PLAIN; tests/unit/test_normfast.c compares the two) */
    size_t changed = 0;
    int uz = lang == TT_LANG_UZ, kk17 = lang == TT_LANG_KK && script == TT_SCRIPT_LATN_2017;
    const __m128i q = _mm_set1_epi16(0x27), g = _mm_set1_epi16(0x60), hi = _mm_set1_epi16(0xB3),
                  z = _mm_setzero_si128();
    int32_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, q), _mm_cmpeq_epi16(v, g)),
                                     _mm_andnot_si128(_mm_cmpeq_epi16(_mm_subs_epu16(v, hi), z), _mm_set1_epi16(-1)));
            if (!_mm_movemask_epi8(m)) {
                i += 8;
                continue;
            }
            for (int32_t e = i + 8; i < e; i++)
                changed += (size_t)prebreak_unit(uz, kk17, s, i, n);
            continue;
        }
        changed += (size_t)prebreak_unit(uz, kk17, s, i, n);
        i++;
    }
    return changed;
#else
    return tt_norm_prebreak16_plain(lang, script, s, n);
#endif
}

/* ---- homoglyphs --------------------------------------------------------------------------------------- */

/* Repairs s[0..n) in place, one part between hyphens at a time. Returns TT_NORM_* flags. */
static unsigned
homoglyph_part(tt_normalizer *nz, tt_lang lang, UChar *s, int32_t n)
{
    int32_t lat = 0, cyr = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        int sc = sclass_of(nz, c);
        if (sc & SC_LATIN)
            lat++;
        else if (sc & SC_CYRILLIC)
            cyr++;
    }
    if (lat == 0 || cyr == 0)
        return 0;
    if (lat == cyr)
        return TT_NORM_MIXED_UNREPAIRED;
    int to_cyr = cyr > lat;
    /* first check every minority letter has a look-alike, then repair */
    for (int pass = 0; pass < 2; pass++) {
        for (int32_t i = 0; i < n; i++) {
            UChar c = s[i], r = 0;
            if (to_cyr) {
                if (c < 0x80 && is_latin(c))
                    r = nz->l2c[lang][c];
                else if (c >= 0x80 && !U16_IS_SURROGATE(c) && is_latin(c))
                    r = 0; /* non-ASCII Latin: no look-alike */
                else
                    continue;
            } else {
                if (c >= 0x400 && c <= 0x4FF && is_cyrillic(c))
                    r = nz->c2l[lang][c - 0x400];
                else if (c > 0x4FF && !U16_IS_SURROGATE(c) && is_cyrillic(c))
                    r = 0;
                else
                    continue;
            }
            if (!r)
                return TT_NORM_MIXED_UNREPAIRED;
            if (pass == 1)
                s[i] = r;
        }
    }
    return TT_NORM_HOMOGLYPH;
}

unsigned
nz_homoglyph_repair(tt_normalizer *nz, tt_lang lang, UChar *s, int32_t n)
{
    unsigned fl = 0;
    int32_t st = 0;
    for (int32_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '-' || s[i] == 0x2010 || s[i] == 0x2011) {
            fl |= homoglyph_part(nz, lang, s + st, i - st);
            st = i + 1;
        }
    }
    return fl;
}

