/* test_decode.c - the decode module: aliases, detection (BOM, UTF-16 heuristic, strict UTF-8, scored single-byte
 * choice) on real texts re-encoded with iconv(3) and gzipped with zlib, declared encodings, binary and broken
 * inputs (exact code and offset), streaming in bounded memory, degraded-encoding table. */
#include "support.h"
#include "tt/decode.h"
#include "tt/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unistd.h>
#include <zlib.h>

/* ---- helpers --------------------------------------------------------------------------------------------- */

/* Decodes p[0..n) with opts into out (reset first); chunk boundaries are checked to fall between characters. */
static int
dec_mem(const void *p, size_t n, const tt_decode_opts *o, tt_buf *out, tt_decode_info *info, tt_error *err)
{
    tt_decoder *d;
    tt_buf_reset(out);
    int rc = tt_decoder_open_mem(&d, p, n, "mem", o, err);
    if (rc < 0)
        return rc;
    size_t chunk = o && o->chunk_size ? o->chunk_size : 1 << 20;
    for (;;) {
        size_t before = out->len;
        rc = tt_decoder_read(d, out, err);
        if (rc <= 0)
            break;
        CU_ASSERT(out->len > before);
        CU_ASSERT(out->len - before <= (chunk < 64 ? 64 : chunk) + 16);
        /* a chunk ends on a character boundary: the next byte never is a continuation byte */
        CU_ASSERT(((unsigned char)out->data[before] & 0xC0) != 0x80);
    }
    if (rc == 0 && info)
        *info = *tt_decoder_info(d);
    tt_decoder_free(d);
    return rc;
}

/* iconv(3) from UTF-8 to `to`; NULL if some character does not convert. Caller frees. */
static char *
enc_iconv(const char *to, const char *s, size_t n, size_t *outn)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = 4 * n + 16, ol = cap, il = n;
    char *buf = malloc(cap), *op = buf, *ip = (char *)s;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    if (r == (size_t)-1 || r > 0) { /* r > 0: irreversible (approximated) conversions */
        free(buf);
        return NULL;
    }
    *outn = cap - ol;
    return buf;
}

static unsigned char *
gzip_bytes(const void *p, size_t n, size_t *outn)
{
    z_stream z = {0};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, n) + 64;
    unsigned char *buf = malloc(cap);
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)n;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    CU_ASSERT_EQUAL(deflate(&z, Z_FINISH), Z_STREAM_END);
    *outn = z.total_out;
    deflateEnd(&z);
    return buf;
}

/* The lines of the UTF-8 text that `enc` can carry (at most `max` bytes), so that the round trip is exact. */
static char *
lines_for(const char *text, size_t n, const char *enc, size_t max, size_t *outn, size_t *dropped)
{
    char *keep = malloc(n + 1);
    size_t k = 0;
    *dropped = 0;
    for (size_t i = 0; i < n && k < max;) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (text + i)) + 1 : n - i;
        size_t en;
        char *e = enc_iconv(enc, text + i, len, &en);
        if (e) {
            memcpy(keep + k, text + i, len);
            k += len;
            free(e);
        } else {
            (*dropped)++;
        }
        i += len;
    }
    keep[k] = '\0';
    *outn = k;
    return keep;
}

static char *
shared_text(const char *rel, size_t *n)
{
    const char *sh = tt_test_shared();
    if (!sh)
        return NULL;
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", sh, rel);
    return tt_test_slurp(path, n);
}

static int
contains(const tt_error *e, const char *s)
{
    char buf[2048];
    tt_error_format(e, buf, sizeof buf);
    return strstr(buf, s) != NULL;
}

/* Decodes bytes and checks the exact error code and the byte offset (in err and in the formatted message). */
static void
expect_error(const void *p, size_t n, const char *enc, int code, long long offset, const char *needle)
{
    tt_decode_opts o = {0};
    o.encoding = enc;
    tt_buf out = {0};
    tt_error e;
    int rc = dec_mem(p, n, &o, &out, NULL, &e);
    CU_ASSERT_EQUAL(rc, code);
    CU_ASSERT_EQUAL(e.code, code);
    if (offset >= 0) {
        char s[64];
        snprintf(s, sizeof s, "byte %lld:", offset);
        CU_ASSERT(e.has_offset);
        CU_ASSERT_EQUAL(e.offset, (uint64_t)offset);
        CU_ASSERT(contains(&e, s));
    }
    if (needle)
        CU_ASSERT(contains(&e, needle));
    if (rc != code || (offset >= 0 && e.offset != (uint64_t)offset) || (needle && !contains(&e, needle))) {
        char buf[2048];
        printf("\n  expected %d at %lld, got %d: %s\n", code, offset, rc, tt_error_format(&e, buf, sizeof buf));
    }
    CU_ASSERT_STRING_EQUAL(e.path, "mem");
    tt_buf_free(&out);
}

/* ---- names, aliases, degraded table ---------------------------------------------------------------------- */
static void
test_aliases(void)
{
    const char *rk[] = {"KZ-1048", "STRK1048-2002", "csKZ1048", "rk1048", "kz_1048"};
    for (size_t i = 0; i < sizeof rk / sizeof rk[0]; i++)
        CU_ASSERT_STRING_EQUAL(tt_encoding_canonical(rk[i]), "RK1048");
    const char *pt[] = {"PTCP154", "CP154", "csPTCP154", "Cyrillic-Asian", "pt154"};
    for (size_t i = 0; i < sizeof pt / sizeof pt[0]; i++)
        CU_ASSERT_STRING_EQUAL(tt_encoding_canonical(pt[i]), "PT154");
    CU_ASSERT_STRING_EQUAL(tt_encoding_canonical("windows-1251"), "CP1251");
    CU_ASSERT_STRING_EQUAL(tt_encoding_canonical("cp1251"), "CP1251");
    CU_ASSERT_STRING_EQUAL(tt_encoding_canonical("utf8"), "UTF-8");
    CU_ASSERT_STRING_EQUAL(tt_encoding_canonical("UTF-8"), "UTF-8");
    CU_ASSERT_STRING_EQUAL(tt_encoding_canonical("utf-16le"), "UTF-16LE");
    CU_ASSERT_STRING_EQUAL(tt_encoding_canonical("IBM866"), "CP866");
    CU_ASSERT_PTR_NULL(tt_encoding_canonical("klingon-8"));
    CU_ASSERT_PTR_NULL(tt_encoding_canonical(""));
}

static void
test_degraded(void)
{
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "CP1251"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "windows-1251"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "KOI8-R"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "KOI8-U"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "CP866"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "ISO-8859-5"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_KK, "MAC-CYRILLIC"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_KK, "RK1048"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_KK, "KZ-1048"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_KK, "PT154"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_KK, "UTF-8"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_UZ, "RK1048"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_UZ, "KOI8-R"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_UZ, "CP866"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_UZ, "ISO-8859-5"));
    CU_ASSERT_TRUE(tt_decode_degraded(TT_LANG_UZ, "CP1251"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_UZ, "PT154"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_UZ, "UTF-16LE"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_RU, "KOI8-R"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_RU, "CP1251"));
    CU_ASSERT_FALSE(tt_decode_degraded(TT_LANG_EN, "CP1251"));
}

/* The `lacks` rows of encodings.tsv are what glibc iconv really does: every listed letter fails to encode and
 * every other special letter of the language encodes. */
static void
test_lacks_rows_match_iconv(void)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/encodings.tsv", tt_data_dir());
    char *t = tt_test_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    int rows = 0;
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
        char enc[64], lang[8], letters[512];
        if (sscanf(line, "lacks\t%63[^\t]\t%7[^\t]\t%511s", enc, lang, letters) != 3)
            continue;
        rows++;
        const char *special = strcmp(lang, "kk") == 0 ? "ӘәҒғҚқҢңӨөҰұҮүҺһІі" : "ЎўҚқҒғҲҳ";
        for (const char *c = special; *c; c += 2) { /* all these letters are 2 bytes in UTF-8 */
            size_t n;
            char *e = enc_iconv(enc, c, 2, &n);
            int listed = strstr(letters, (char[3]){c[0], c[1], 0}) != NULL;
            CU_ASSERT_EQUAL(e == NULL, listed);
            if ((e == NULL) != listed)
                printf("\n  %s %s: letter %.2s listed=%d iconv=%s\n", enc, lang, c, listed, e ? "ok" : "fails");
            free(e);
        }
        CU_ASSERT_TRUE(tt_decode_degraded(tt_lang_parse(lang, strlen(lang)), enc));
    }
    CU_ASSERT(rows >= 15);
    free(t);
}

/* ---- SHA-256 --------------------------------------------------------------------------------------------- */
static void
sha_hex(const void *p, size_t n, char hex[65])
{
    tt_sha256 s;
    tt_sha256_init(&s);
    tt_sha256_update(&s, p, n);
    tt_sha256_hex(&s, hex);
}

static void
test_sha256_in_decoder(void)
{
    const char *txt = "Қазақстан осы өңірдегі бейбітшілікті қолдайды.\n";
    size_t gn;
    unsigned char *gz = gzip_bytes(txt, strlen(txt), &gn);
    tt_buf out = {0};
    tt_decode_info info;
    tt_error e;
    char hex[65];
    CU_ASSERT_EQUAL(dec_mem(gz, gn, NULL, &out, &info, &e), 0);
    sha_hex(gz, gn, hex);
    CU_ASSERT_STRING_EQUAL(info.sha256, hex); /* of the raw (compressed) bytes */
    CU_ASSERT_EQUAL(info.raw_bytes, gn);
    CU_ASSERT_EQUAL(info.in_bytes, strlen(txt));
    CU_ASSERT_EQUAL(info.out_bytes, strlen(txt));
    CU_ASSERT_TRUE(info.gzip);
    CU_ASSERT_STRING_EQUAL(out.data, txt);
    free(gz);
    tt_buf_free(&out);
}

/* ---- detection and round trips on real text -------------------------------------------------------------- */
struct variant {
    const char *iconv;   /* how the test encodes (iconv name) */
    const char *prefix;  /* bytes put in front (a BOM), or NULL */
    size_t prefix_n;
    const char *expect;  /* encoding the decoder must report */
    const char *method;  /* detection method it must report */
};

static void
roundtrip(const char *label, const char *text, size_t n, const struct variant *v)
{
    size_t en, dropped = 0, kn;
    char *kept = lines_for(text, n, v->iconv, 200000, &kn, &dropped);
    CU_ASSERT(kn > 20000);
    char *e = enc_iconv(v->iconv, kept, kn, &en);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    unsigned char *bytes = malloc(en + v->prefix_n);
    memcpy(bytes, v->prefix ? v->prefix : "", v->prefix_n);
    memcpy(bytes + v->prefix_n, e, en);
    en += v->prefix_n;
    size_t gn;
    unsigned char *gz = gzip_bytes(bytes, en, &gn);
    for (int pass = 0; pass < 4; pass++) {
        int gzp = pass & 1, declared = pass >> 1;
        tt_decode_opts o = {0};
        o.encoding = declared ? v->expect : NULL;
        o.chunk_size = 4096 + 7; /* many chunks, odd size */
        tt_buf out = {0};
        tt_decode_info info;
        tt_error err;
        int rc = dec_mem(gzp ? gz : bytes, gzp ? gn : en, &o, &out, &info, &err);
        CU_ASSERT_EQUAL(rc, 0);
        int same = rc == 0 && out.len == kn && memcmp(out.data, kept, kn) == 0;
        CU_ASSERT_TRUE(same);
        CU_ASSERT_STRING_EQUAL(info.encoding, v->expect);
        CU_ASSERT_STRING_EQUAL(info.method, declared ? "declared" : v->method);
        CU_ASSERT_EQUAL(info.detected, !declared);
        CU_ASSERT_EQUAL(info.gzip, gzp);
        CU_ASSERT_EQUAL(info.out_bytes, kn);
        CU_ASSERT_EQUAL(info.in_bytes, en);
        CU_ASSERT_EQUAL(info.bom, v->prefix_n > 0);
        if (!same || strcmp(info.encoding, v->expect) != 0 || rc != 0) {
            char buf[2048];
            printf("\n  %s %s gz=%d declared=%d: rc=%d enc=%s method=%s score=%ld runner-up=%s (%ld) %s\n", label,
                   v->iconv, gzp, declared, rc, info.encoding, info.method, info.score, info.runner_up,
                   info.runner_up_score, rc ? tt_error_format(&err, buf, sizeof buf) : "");
        }
        if (!declared && strcmp(v->method, "score") == 0)
            CU_ASSERT(info.confidence > 0 && info.runner_up[0] && info.score > info.runner_up_score);
        tt_buf_free(&out);
    }
    free(gz);
    free(bytes);
    free(e);
    free(kept);
}

static void
test_kazakh_roundtrips(void)
{
    size_t n;
    char *kk = shared_text("corpus/ud/kk_ktb-ud-test.txt", &n);
    if (!kk) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: Kazakh round trips skipped");
        return;
    }
    const struct variant vs[] = {
        {"UTF-8", NULL, 0, "UTF-8", "utf8"},
        {"UTF-8", "\xEF\xBB\xBF", 3, "UTF-8", "bom"},
        {"RK1048", NULL, 0, "RK1048", "score"},
        {"PT154", NULL, 0, "PT154", "score"},
        {"UTF-16LE", "\xFF\xFE", 2, "UTF-16LE", "bom"},
        {"UTF-16BE", "\xFE\xFF", 2, "UTF-16BE", "bom"},
        {"UTF-16LE", NULL, 0, "UTF-16LE", "utf16-heuristic"},
        {"UTF-16BE", NULL, 0, "UTF-16BE", "utf16-heuristic"},
        {"UTF-32LE", "\xFF\xFE\0\0", 4, "UTF-32LE", "bom"},
    };
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++)
        roundtrip("kk", kk, n, &vs[i]);
    free(kk);
}

static void
test_russian_roundtrips(void)
{
    size_t n;
    char *ru = shared_text("corpus/ud/ru_pud-ud-test.txt", &n);
    if (!ru) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: Russian round trips skipped");
        return;
    }
    const struct variant vs[] = {
        {"CP1251", NULL, 0, "CP1251", "score"},     {"KOI8-R", NULL, 0, "KOI8-R", "score"},
        {"CP866", NULL, 0, "CP866", "score"},       {"ISO-8859-5", NULL, 0, "ISO-8859-5", "score"},
        {"MAC-CYRILLIC", NULL, 0, "MAC-CYRILLIC", "score"},
    };
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++)
        roundtrip("ru", ru, n, &vs[i]);
    free(ru);
}

/* Uzbek Cyrillic is not in the shared corpus: ICU's uz_Latn-uz_Cyrl makes some from the Uzbek Latin text. */
static char *
uzbek_cyrillic(size_t *outn)
{
    size_t n;
    char *uz = shared_text("corpus/ud/uz_ut-ud-test.txt", &n);
    if (!uz)
        return NULL;
    if (n > 6000) {
        n = 6000;
        while (n && uz[n - 1] != '\n')
            n--;
    }
    UErrorCode ec = U_ZERO_ERROR;
    UChar id[32];
    u_uastrcpy(id, "uz_Latn-uz_Cyrl");
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
    int32_t ulen = 0, cap = (int32_t)n * 3 + 64;
    UChar *u = malloc((size_t)cap * sizeof *u);
    u_strFromUTF8(u, cap, &ulen, uz, (int32_t)n, &ec);
    int32_t limit = ulen;
    utrans_transUChars(tr, u, &ulen, cap, 0, &limit, &ec);
    char *out = malloc((size_t)ulen * 4 + 1);
    int32_t olen = 0;
    u_strToUTF8(out, ulen * 4 + 1, &olen, u, ulen, &ec);
    utrans_close(tr);
    free(u);
    free(uz);
    if (U_FAILURE(ec)) {
        free(out);
        return NULL;
    }
    *outn = (size_t)olen;
    return out;
}

static void
test_uzbek_pt154_detected(void)
{
    size_t n, kn, dropped, en;
    char *uz = uzbek_cyrillic(&n);
    if (!uz) {
        tt_test_skip(TT_SKIP_SHARED, "../shared or ICU uz_Latn-uz_Cyrl not available: Uzbek detection skipped");
        return;
    }
    CU_ASSERT(strstr(uz, "Ў") || strstr(uz, "ў"));
    CU_ASSERT(strstr(uz, "Қ") || strstr(uz, "қ"));
    char *kept = lines_for(uz, n, "PT154", n, &kn, &dropped);
    char *e = enc_iconv("PT154", kept, kn, &en);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    tt_buf out = {0};
    tt_decode_info info;
    tt_error err;
    CU_ASSERT_EQUAL(dec_mem(e, en, NULL, &out, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.encoding, "PT154");
    CU_ASSERT_STRING_EQUAL(info.method, "score");
    CU_ASSERT(out.len == kn && memcmp(out.data, kept, kn) == 0);
    if (strcmp(info.encoding, "PT154") != 0)
        printf("\n  uz: got %s (score %ld), runner-up %s (%ld)\n", info.encoding, info.score, info.runner_up,
               info.runner_up_score);
    tt_buf_free(&out);
    free(e);
    free(kept);
    free(uz);
}

/* ---- small inputs ---------------------------------------------------------------------------------------- */
static void
test_empty_ascii_multimember(void)
{
    tt_buf out = {0};
    tt_decode_info info;
    tt_error e;
    CU_ASSERT_EQUAL(dec_mem("", 0, NULL, &out, &info, &e), 0);
    CU_ASSERT_EQUAL(info.out_bytes, 0);
    CU_ASSERT_EQUAL(out.len, 0);
    CU_ASSERT_STRING_EQUAL(info.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CU_ASSERT_EQUAL(dec_mem(" \n\t\r\n  ", 7, NULL, &out, &info, &e), 0);
    CU_ASSERT_EQUAL(info.out_bytes, 7);
    CU_ASSERT_STRING_EQUAL(info.method, "ascii");
    CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-8");
    /* BOM only */
    CU_ASSERT_EQUAL(dec_mem("\xEF\xBB\xBF", 3, NULL, &out, &info, &e), 0);
    CU_ASSERT_EQUAL(info.out_bytes, 0);
    CU_ASSERT_TRUE(info.bom);
    /* two gzip members and zero padding read as one text */
    size_t n1, n2;
    unsigned char *a = gzip_bytes("first part, ", 12, &n1), *b = gzip_bytes("екінші бөлім\n", 24, &n2);
    unsigned char *ab = malloc(n1 + n2 + 10);
    memcpy(ab, a, n1);
    memcpy(ab + n1, b, n2);
    memset(ab + n1 + n2, 0, 10);
    CU_ASSERT_EQUAL(dec_mem(ab, n1 + n2 + 10, NULL, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "first part, екінші бөлім\n");
    CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-8");
    /* a long ASCII prefix, then CP1251: detection waits for the first non-ASCII byte */
    size_t big = 200000;
    char *s = malloc(big + 64);
    memset(s, 'x', big);
    memcpy(s + big, " \xCF\xF0\xE8\xE2\xE5\xF2 \xEC\xE8\xF0\n", 12);
    CU_ASSERT_EQUAL(dec_mem(s, big + 12, NULL, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(info.encoding, "CP1251");
    CU_ASSERT(out.len == big + 21 && memcmp(out.data + big, " Привет мир\n", 21) == 0);
    free(s);
    free(a);
    free(b);
    free(ab);
    tt_buf_free(&out);
}

static void
test_replace_invalid(void)
{
    tt_decode_opts o = {0};
    o.replace_invalid = 1;
    o.encoding = "UTF-8";
    tt_buf out = {0};
    tt_decode_info info;
    tt_error e;
    /* C0 AF = 2 subparts (C0 is never valid), ED A0 80 = 3, F0 9F 98 = 1 (truncated at EOF) */
    CU_ASSERT_EQUAL(dec_mem("a\xC0\xAF" "b\xED\xA0\x80" "c\xF0\x9F\x98", 11, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                                     "c\xEF\xBF\xBD");
    CU_ASSERT_EQUAL(info.replaced, 6);
    o.encoding = "CP1251";
    CU_ASSERT_EQUAL(dec_mem("\xCF\x98\xF0", 3, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "П\xEF\xBF\xBDр");
    CU_ASSERT_EQUAL(info.replaced, 1);
    o.encoding = "UTF-16LE";
    CU_ASSERT_EQUAL(dec_mem("a\0\x00\xDC" "b\0", 6, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "a\xEF\xBF\xBD" "b");
    CU_ASSERT_EQUAL(info.replaced, 1);
    tt_buf_free(&out);
}

/* "UTF-16" declared: the BOM decides the byte order, else the heuristic; "UTF-8" declared strips its BOM. */
static void
test_declared_unicode(void)
{
    tt_decode_opts o = {0};
    tt_buf out = {0};
    tt_decode_info info;
    tt_error e;
    o.encoding = "UTF-16";
    CU_ASSERT_EQUAL(dec_mem("\xFE\xFF\x04\x1A\x00" "a", 6, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "Кa");
    CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-16BE");
    CU_ASSERT_TRUE(info.bom);
    CU_ASSERT_EQUAL(dec_mem("\x1A\x04" "a\0" "b\0", 6, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "Кab");
    CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-16LE");
    CU_ASSERT_FALSE(info.bom);
    o.encoding = "utf-8";
    CU_ASSERT_EQUAL(dec_mem("\xEF\xBB\xBFok", 5, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "ok");
    CU_ASSERT_STRING_EQUAL(info.method, "declared");
    /* a second BOM inside the text is a character (U+FEFF), kept for the normalize stage */
    CU_ASSERT_EQUAL(dec_mem("\xEF\xBB\xBF" "a\xEF\xBB\xBF", 7, &o, &out, &info, &e), 0);
    CU_ASSERT_STRING_EQUAL(out.data, "a\xEF\xBB\xBF");
    tt_buf_free(&out);
}

/* ---- bad inputs: exact code and offset ------------------------------------------------------------------- */
static void
test_binary_inputs(void)
{
    expect_error("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL, TT_EBINARY, 0, "PNG image");
    /* a PDF or zip start goes to the document readers (tt/read.h): these truncated ones do not open */
    expect_error("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15, NULL, TT_EFORMAT, -1, "PDF that poppler cannot open");
    expect_error("\x7f" "ELF\x02\x01\x01\0\0\0", 10, NULL, TT_EBINARY, 0, "ELF");
    expect_error("PK\x03\x04\x14\0\0\0", 8, NULL, TT_EFORMAT, -1, "broken zip archive");
    expect_error("GIF89a\x01\0", 8, NULL, TT_EBINARY, 0, "GIF");
    expect_error("\xFF\xD8\xFF\xE0\0\x10JFIF", 10, NULL, TT_EBINARY, 0, "JPEG");
    expect_error("hello\0world", 11, NULL, TT_EBINARY, 5, "NUL");
    expect_error("hello\0world", 11, "CP1251", TT_EBINARY, 5, "NUL");
    expect_error("a\0b\0\0\0c\0", 8, "UTF-16LE", TT_EBINARY, 4, "NUL");
    /* a NUL far beyond the detection window is still found, at its offset */
    size_t n = 300000;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = "Kazakh text \n"[i % 13];
    s[250001] = '\0';
    expect_error(s, n, NULL, TT_EBINARY, 250001, "NUL");
    /* mostly control characters */
    char ctl[200];
    for (size_t i = 0; i < sizeof ctl; i++)
        ctl[i] = (char)(i % 3 ? 'a' : 1 + i % 7);
    expect_error(ctl, sizeof ctl, NULL, TT_EBINARY, 0, "control characters");
    free(s);
    /* a gzipped PNG is still a PNG */
    size_t gn;
    unsigned char *gz = gzip_bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, &gn);
    expect_error(gz, gn, NULL, TT_EBINARY, 0, "PNG");
    free(gz);
}

static void
test_bad_utf8(void)
{
    expect_error("ab\xC0\xAF" "cd", 6, "UTF-8", TT_EENCODING, 2, "overlong");
    expect_error("abc\xE0\x80\xAF", 6, "utf8", TT_EENCODING, 3, "overlong");
    expect_error("x\xED\xA0\x80y", 5, "UTF-8", TT_EENCODING, 1, "surrogate");
    expect_error("x\xF4\x90\x80\x80", 5, "UTF-8", TT_EENCODING, 1, "U+10FFFF");
    expect_error("abc\xD0", 4, "UTF-8", TT_EENCODING, 3, "truncated UTF-8");
    expect_error("\x80", 1, "UTF-8", TT_EENCODING, 0, "continuation");
    /* undeclared: many valid Cyrillic UTF-8 characters with one bad sequence is broken UTF-8, not CP1251 */
    const char *ok = "Қазақстан осы өңірдегі бейбітшілікті қолдайды. ";
    char buf[512];
    size_t k = (size_t)snprintf(buf, sizeof buf, "%s%s", ok, ok);
    memcpy(buf + k, "\xED\xA0\x80", 3);
    expect_error(buf, k + 3, NULL, TT_EENCODING, (long long)k, "surrogate");
    memcpy(buf + k, "\xD2", 1);
    expect_error(buf, k + 1, NULL, TT_EENCODING, (long long)k, "truncated UTF-8");
    /* the same bad byte beyond the first chunk and window, with small chunks */
    size_t n = 150000;
    char *s = malloc(n + 8);
    size_t okn = strlen(ok), i = 0;
    while (i + okn <= n)
        memcpy(s + i, ok, okn), i += okn;
    memcpy(s + i, "\xC1\xBF", 2);
    expect_error(s, i + 2, NULL, TT_EENCODING, (long long)i, "overlong");
    free(s);
}

static void
test_bad_gzip(void)
{
    size_t n;
    char *kk = shared_text("corpus/ud/kk_ktb-ud-test.txt", &n);
    if (!kk) {
        kk = malloc(100000);
        n = 100000;
        for (size_t i = 0; i < n; i++)
            kk[i] = (char)('a' + (i * 7919 + i / 13) % 26);
    }
    size_t gn;
    unsigned char *gz = gzip_bytes(kk, n, &gn);
    tt_decode_opts o = {0};
    tt_buf out = {0};
    tt_error e;
    int rc = dec_mem(gz, gn / 2, &o, &out, NULL, &e);
    CU_ASSERT_EQUAL(rc, TT_EENCODING);
    CU_ASSERT(contains(&e, "truncated gzip stream"));
    CU_ASSERT(e.has_offset && e.offset > 0 && e.offset < n);
    char want[64];
    snprintf(want, sizeof want, "ends after %zu bytes", gn / 2);
    CU_ASSERT(contains(&e, want));
    /* a gzip header only */
    rc = dec_mem(gz, 10, &o, &out, NULL, &e);
    CU_ASSERT_EQUAL(rc, TT_EENCODING);
    CU_ASSERT(contains(&e, "truncated gzip stream"));
    /* corrupt deflate data */
    unsigned char *bad = malloc(gn);
    memcpy(bad, gz, gn);
    memset(bad + 30, 0xFF, 40);
    rc = dec_mem(bad, gn, &o, &out, NULL, &e);
    CU_ASSERT(rc == TT_EENCODING && contains(&e, "gzip"));
    /* garbage after the gzip stream */
    memcpy(bad, gz, gn);
    bad[gn - 1] = bad[gn - 1];
    unsigned char *tail = malloc(gn + 4);
    memcpy(tail, gz, gn);
    memcpy(tail + gn, "junk", 4);
    rc = dec_mem(tail, gn + 4, &o, &out, NULL, &e);
    CU_ASSERT_EQUAL(rc, TT_EENCODING);
    CU_ASSERT(contains(&e, "trailing garbage"));
    free(tail);
    free(bad);
    free(gz);
    free(kk);
    /* a gzip bomb: 4 MB of one letter inflate ~1000x; with the limit at 50x it is refused */
    size_t bn = 4 << 20;
    char *bomb = malloc(bn);
    memset(bomb, 'a', bn);
    gz = gzip_bytes(bomb, bn, &gn);
    o.max_gunzip_ratio = 50;
    rc = dec_mem(gz, gn, &o, &out, NULL, &e);
    CU_ASSERT_EQUAL(rc, TT_ELIMIT);
    CU_ASSERT(contains(&e, "--max-gzip-ratio"));
    CU_ASSERT(contains(&e, "50 times"));
    CU_ASSERT(e.has_offset);
    o.max_gunzip_ratio = 5000;
    CU_ASSERT_EQUAL(dec_mem(gz, gn, &o, &out, NULL, &e), 0);
    CU_ASSERT_EQUAL(out.len, bn);
    free(gz);
    free(bomb);
    tt_buf_free(&out);
}

static void
test_declared_errors(void)
{
    /* 0x98 is the one byte CP1251 leaves undefined */
    expect_error("\xCF\xF0\xE8\x98", 4, "windows-1251", TT_EENCODING, 3, "0x98");
    /* UTF-8 text declared ASCII */
    expect_error("abc \xD0\x9F", 6, "ASCII", TT_EENCODING, 4, "0xD0");
    /* a lone low surrogate in UTF-16LE, and an odd byte at the end */
    expect_error("a\0b\0\x00\xDC", 6, "UTF-16LE", TT_EENCODING, 4, "UTF-16LE");
    expect_error("a\0b\0c", 5, "UTF-16LE", TT_EENCODING, 4, "truncated");
    /* unknown name */
    expect_error("abc", 3, "klingon-8", TT_EUSAGE, -1, "unknown encoding 'klingon-8'");
    /* limit on the decoded size */
    tt_decode_opts o = {0};
    o.max_bytes = 1000;
    tt_buf out = {0};
    tt_error e;
    char s[5000];
    memset(s, 'z', sizeof s);
    CU_ASSERT_EQUAL(dec_mem(s, sizeof s, &o, &out, NULL, &e), TT_ELIMIT);
    CU_ASSERT(contains(&e, "document larger than 1000 bytes (--max-doc-bytes)"));
    CU_ASSERT_EQUAL(dec_mem(s, 1000, &o, &out, NULL, &e), 0);
    tt_buf_free(&out);
    /* files */
    tt_decode_info info;
    CU_ASSERT_EQUAL(tt_decode_file("/nonexistent/x.txt", NULL, &out, &info, &e), TT_EIO);
    CU_ASSERT_STRING_EQUAL(e.path, "/nonexistent/x.txt");
    CU_ASSERT_EQUAL(tt_decode_file("/", NULL, &out, &info, &e), TT_EIO);
    tt_buf_free(&out);
}

/* ---- streaming a big file in bounded memory --------------------------------------------------------------- */
static long
maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void
test_big_file_streams(void)
{
    char path[] = "/tmp/tt-test-decode-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    const char *line = "Қазақстан Республикасы өзін демократиялық, зайырлы, құқықтық және әлеуметтік мемлекет "
                       "ретінде орнықтырады.\n";
    size_t ln = strlen(line), total = 0, target = 50u << 20;
    char *block = malloc(1 << 20);
    size_t bl = 0;
    while (bl + ln <= (1u << 20))
        memcpy(block + bl, line, ln), bl += ln;
    tt_sha256 sha;
    tt_sha256_init(&sha);
    while (total < target) {
        fwrite(block, 1, bl, fp);
        tt_sha256_update(&sha, block, bl);
        total += bl;
    }
    CU_ASSERT_EQUAL(fclose(fp), 0);
    char want[65];
    tt_sha256_hex(&sha, want);
    long rss0 = maxrss_kb();
    tt_decoder *d;
    tt_error e;
    tt_decode_opts o = {0};
    CU_ASSERT_EQUAL_FATAL(tt_decoder_open(&d, path, &o, &e), 0);
    tt_buf out = {0};
    uint64_t got = 0;
    size_t chunks = 0, off = 0;
    int rc, same = 1;
    while ((rc = tt_decoder_read(d, &out, &e)) > 0) {
        chunks++;
        CU_ASSERT(out.len <= (1u << 20) + 8);
        /* the text repeats block: compare in place */
        for (size_t i = 0; i < out.len && same; i += 4093) {
            size_t k = (off + i) % bl;
            same = out.data[i] == block[k];
        }
        off += out.len;
        got += out.len;
        tt_buf_reset(&out);
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_TRUE(same);
    CU_ASSERT_EQUAL(got, total);
    CU_ASSERT(chunks >= 50);
    const tt_decode_info *info = tt_decoder_info(d);
    CU_ASSERT_EQUAL(info->out_bytes, total);
    CU_ASSERT_EQUAL(info->raw_bytes, total);
    CU_ASSERT_STRING_EQUAL(info->sha256, want);
    CU_ASSERT_STRING_EQUAL(info->encoding, "UTF-8");
    tt_decoder_free(d);
    tt_buf_free(&out);
    long grown = maxrss_kb() - rss0;
#if !defined(__SANITIZE_ADDRESS__)
    CU_ASSERT(grown < 16 * 1024); /* a 50 MB file decodes in a few MB */
#endif
    if (grown >= 16 * 1024)
        printf("\n  max RSS grew by %ld KB while decoding %zu bytes\n", grown, total);
    /* tt_sha256_file agrees with sha256sum(1) */
    char hex[65], cmd[256], sum[128] = "";
    CU_ASSERT_EQUAL(tt_sha256_file(path, hex, &e), 0);
    CU_ASSERT_STRING_EQUAL(hex, want);
    snprintf(cmd, sizeof cmd, "sha256sum %s 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    if (p && fgets(sum, sizeof sum, p) && strlen(sum) > 64) {
        sum[64] = '\0';
        CU_ASSERT_STRING_EQUAL(hex, sum);
    } else {
        tt_test_skip(TT_SKIP_OTHER, "sha256sum(1) not available");
    }
    if (p)
        pclose(p);
    unlink(path);
    free(block);
}

/* A declared UTF-8 document: the decoder trusts the window its mismatch check validated, and its chunks must still
 * end where the scanner alone ends them (an ASCII run that passes a chunk's end is cut where the scanner's word
 * steps from the start of that run lead). The first chunk, for many sizes around the window's end and the
 * bytes in memory then (chunk + 64), against tt_u8_scan_plain; the whole text must come back too. */
static void
test_declared_utf8_chunks(void)
{
    tt_buf doc = {0}, out = {0};
    static const char *const cyr[] = {"жер", "Қазақстан", "закон", "тіл", "республика"};
    tt_buf_append(&doc, "abc ", 4);
    unsigned across = 0;
    for (unsigned k = 0; doc.len < 200000; k++) {
        tt_buf_append(&doc, cyr[k % 5], strlen(cyr[k % 5]));
        tt_buf_putc(&doc, ' ');
        if (k % 7 == 3) /* ASCII runs of 9 to 300 bytes */
            for (unsigned j = 0; j < 1 + k % 31; j++)
                tt_buf_append(&doc, "latin run ", 9 + (j % 2));
        if (doc.len >= 65300 && !across) /* and one across the window's end (65536) */
            for (unsigned j = across = 1; j < 60; j++)
                tt_buf_append(&doc, "latin run ", 9 + (j % 2));
    }
    tt_decode_opts o = {.encoding = "UTF-8"};
    tt_error err;
    long checked = 0, wrong = 0;
    for (size_t chunk = 65536 - 40; chunk < 65536 + 400; chunk++) {
        o.chunk_size = chunk;
        tt_decoder *d;
        tt_buf_reset(&out);
        if (tt_decoder_open_mem(&d, doc.data, doc.len, "mem", &o, &err) < 0) {
            printf("open: %s\n", err.msg);
            CU_FAIL("open");
            break;
        }
        int rc = tt_decoder_read(d, &out, &err);
        tt_u8_scan r;
        size_t inmem = chunk + 64 < doc.len ? chunk + 64 : doc.len;
        tt_u8_scan_plain((const unsigned char *)doc.data, inmem, chunk, 0, &r);
        checked++;
        wrong += rc != 1 || out.len != r.pos;
        while (rc > 0)
            rc = tt_decoder_read(d, &out, &err);
        wrong += rc != 0 || out.len != doc.len || memcmp(out.data, doc.data, doc.len) != 0;
        tt_decoder_free(d);
    }
    printf("decode: %ld chunk sizes, %ld wrong\n", checked, wrong);
    CU_ASSERT_EQUAL(wrong, 0);
    tt_buf_free(&doc);
    tt_buf_free(&out);
}

/* A memory source whose hash the caller gives (the run's cache): the decoder reports that hash and does not
 * compute its own (a made-up one shows which), and computes it when none is given. */
static void
test_mem_sha256_given(void)
{
    const char *text = "Қазақстан Республикасы\n";
    tt_decode_opts o = {.encoding = "UTF-8"};
    tt_buf out = {0};
    tt_decode_info info;
    tt_error err;
    char want[65];
    tt_sha256 h;
    tt_sha256_init(&h);
    tt_sha256_update(&h, text, strlen(text));
    tt_sha256_hex(&h, want);
    CU_ASSERT_EQUAL(dec_mem(text, strlen(text), &o, &out, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.sha256, want);
    o.mem_sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    CU_ASSERT_EQUAL(dec_mem(text, strlen(text), &o, &out, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.sha256, o.mem_sha256);
    CU_ASSERT_EQUAL(out.len, strlen(text));
    tt_buf_free(&out);
}

static void
reg(void)
{
    tt_test_suite("decode", "aliases map to glibc names, unknown names to NULL", test_aliases,
                  "degraded table: Kazakh/Uzbek letters lost by legacy encodings", test_degraded,
                  "lacks rows of encodings.tsv agree with glibc iconv", test_lacks_rows_match_iconv,
                  "SHA-256 in the decoder is of the raw gzip bytes", test_sha256_in_decoder,
                  "Kazakh text in 9 encodings (+gzip, declared) decodes byte-identically", test_kazakh_roundtrips,
                  "Russian text in 5 legacy encodings (+gzip, declared) decodes byte-identically",
                  test_russian_roundtrips, "Uzbek Cyrillic in PT154 is detected", test_uzbek_pt154_detected,
                  "empty, whitespace, BOM-only, multi-member gzip, long ASCII prefix", test_empty_ascii_multimember,
                  "--replace-invalid writes U+FFFD per maximal subpart and counts", test_replace_invalid,
                  "declared UTF-16 / UTF-8 and their BOMs", test_declared_unicode,
                  "binary inputs are TT_EBINARY at their offset", test_binary_inputs,
                  "bad UTF-8 is TT_EENCODING at its offset", test_bad_utf8,
                  "truncated, corrupt and bomb gzip", test_bad_gzip,
                  "declared encodings: EILSEQ offsets, unknown names, size limit, files", test_declared_errors,
                  "a 50 MB file streams in chunks in bounded memory, sha256 = sha256sum", test_big_file_streams,
                  "declared UTF-8: chunks end where the scanner ends them", test_declared_utf8_chunks,
                  "a memory source's SHA-256 given by the caller is not computed again", test_mem_sha256_given,
                  NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
