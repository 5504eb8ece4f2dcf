/* decode_detect.c - what a byte stream is (normalization.md §1.3): binary magic numbers, BOMs, UTF-16 without
 * BOM, strict UTF-8, and the scored choice among single-byte Cyrillic encodings. Also builds the byte ->
 * code point tables of single-byte encodings from glibc iconv, which the decoder then uses instead of iconv. */
#include "decode_impl.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

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

int
tt_sbcs_build(tt_sbcs *t, const char *iconv_name)
{
    iconv_t cd = iconv_open("UTF-32LE", iconv_name);
    if (cd == (iconv_t)-1)
        return TT_EUSAGE;
    int single = 1;
    for (int b = 0; b < 256 && single; b++) {
        char in = (char)b, outb[32];
        char *ip = &in, *op = outb;
        size_t il = 1, ol = sizeof outb;
        iconv(cd, NULL, NULL, NULL, NULL);
        t->cp[b] = TT_SBCS_UNDEF;
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno != EILSEQ)
                single = 0;
            continue;
        }
        if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1 || il != 0 || sizeof outb - ol != 4) {
            single = 0;
            continue;
        }
        const unsigned char *u = (const unsigned char *)outb;
        uint32_t cp = (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
        if (cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF))
            t->cp[b] = cp;
    }
    iconv_close(cd);
    if (!single)
        return 0;
    t->ascii_identity = 1;
    for (int b = 0; b < 256; b++) {
        uint32_t c = t->cp[b];
        unsigned char *o = t->u8[b];
        if (b < 0x80 && c != (uint32_t)b)
            t->ascii_identity = 0;
        if (c == TT_SBCS_UNDEF) {
            t->u8len[b] = 0;
        } else if (c < 0x80) {
            o[0] = (unsigned char)c, t->u8len[b] = 1;
        } else if (c < 0x800) {
            o[0] = (unsigned char)(0xC0 | c >> 6), o[1] = (unsigned char)(0x80 | (c & 0x3F));
            t->u8len[b] = 2;
        } else if (c < 0x10000) {
            o[0] = (unsigned char)(0xE0 | c >> 12), o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            o[2] = (unsigned char)(0x80 | (c & 0x3F));
            t->u8len[b] = 3;
        } else {
            o[0] = (unsigned char)(0xF0 | c >> 18), o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)), o[3] = (unsigned char)(0x80 | (c & 0x3F));
            t->u8len[b] = 4;
        }
    }
    return 1;
}

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

int
tt_dec_prepare_detect(tt_enc_table *t)
{
    for (size_t c = 0; c < t->ndetect; c++) {
        if (tt_sbcs_build(&t->detect_sbcs[c], t->detect[c]) != 1) {
            snprintf(t->msg, sizeof t->msg, "detect encoding '%s' is not a single-byte encoding of this iconv",
                     t->detect[c]);
            return -1;
        }
        for (int b = 0; b < 256; b++) {
            uint32_t cp = t->detect_sbcs[c].cp[b];
            UChar32 u = cp == TT_SBCS_UNDEF ? 0xFFFD : (UChar32)cp;
            t->detect_wt[c][b] = tt_enc_weight(t, (uint32_t)u);
            t->detect_cls[c][b] = u_islower(u) ? 1 : u_isupper(u) ? 2 : 0;
        }
    }
    return 0;
}

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
                char *found, size_t foundn, char *why, size_t whyn)
{
    tt_dec_guess g;
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
