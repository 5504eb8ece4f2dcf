/* test_translit.c - the rule files' passes (stages/lib/norm_rules.c) against ICU's own reading of the same files:
 *   - the Uzbek rule set, whose "::uz_Cyrl-uz_Latn;" line the loader takes from lexicons/translit/
 *     uz_Cyrl-uz_Latn.rules (ICU's rules, copied) instead of ICU's registry, gives what ICU gives for uz.rules
 *     (which resolves the line in its registry), character for character: on every string of one to three
 *     characters of an alphabet of Uzbek Cyrillic and Latin, upper and lower case, apostrophes and marks; on
 *     every word of the Uzbek texts of ../shared/corpus made Cyrillic by ICU's uz_Latn-uz_Cyrl; and on every
 *     word of the Russian and Karakalpak Cyrillic texts (a counted SKIP without ../shared);
 *   - the Uzbek rule set really is passes of our own (NFD, rules, NFC, rules): no registry;
 *   - the loader on rule files made for the test: a "::NFD;" line between rules, a file naming another, a cycle,
 *     an ID left to ICU, and a syntax error in a later pass named by its line in the file;
 *   - the passes of literal rules that run as tables (norm_map.c) against ICU's transliterators of the same rules,
 *     and the reader of literal rules on rules made for the test. */
#include "support.h"

#include "../../stages/lib/norm_impl.h"
#include "tt/norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

static tt_normalizer *nz;
static UTransliterator *ref; /* ICU's reading of uz.rules */
static long compared, differ;

/* ICU's transliterator for the rules in file path (NULL, said on stderr, when it cannot be made; called before
 * the suites run). */
static UTransliterator *
icu_rules(const char *path)
{
    size_t n;
    char *text = tt_test_slurp(path, &n);
    UChar *u = text ? malloc(sizeof(UChar) * (n + 1)) : NULL;
    if (!u) {
        fprintf(stderr, "test_translit: cannot read %s\n", path);
        free(text);
        return NULL;
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0;
    u_strFromUTF8(u, (int32_t)n + 1, &ul, text, (int32_t)n, &st);
    UChar id[16];
    u_uastrcpy(id, "ref");
    UParseError pe;
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, u, ul, &pe, &st);
    free(u);
    free(text);
    if (U_FAILURE(st))
        fprintf(stderr, "test_translit: ICU cannot read %s: %s\n", path, u_errorName(st));
    return U_SUCCESS(st) ? t : NULL;
}

/* Both on s[0..n): counts a difference (and prints the first few). */
static void
compare(const UChar *s, int32_t n)
{
    if (n <= 0 || n > 200)
        return;
    UChar want[1024];
    memcpy(want, s, sizeof(UChar) * (size_t)n);
    int32_t wl = n, lim = n;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(ref, want, &wl, 1024, 0, &lim, &st);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_FATAL(nz_ensure(&nz->c, &nz->ccap, n + 1) == 0);
    memcpy(nz->c, s, sizeof(UChar) * (size_t)n);
    int32_t m = n;
    CU_ASSERT_FATAL(nz_translit(nz, RS_UZ, &m, &err) == 0);
    compared++;
    if (m != wl || memcmp(nz->c, want, sizeof(UChar) * (size_t)m) != 0) {
        if (differ++ < 5) {
            char a[600], b[600], c[600];
            st = U_ZERO_ERROR;
            u_strToUTF8(a, sizeof a, NULL, s, n, &st);
            u_strToUTF8(b, sizeof b, NULL, want, wl, &st);
            u_strToUTF8(c, sizeof c, NULL, nz->c, m, &st);
            printf("translit differs: '%s': ICU '%s', passes '%s'\n", a, b, c);
        }
    }
}

static void
test_uz_generated(void)
{
    /* Uzbek Cyrillic both cases, the Latin letters the rules look at (contexts), apostrophes, a mark, space */
    const char *al8 = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЎҚҒҲ"
                      "aeiouAEIOUgsycëĭËĬéʻʼ'\xE2\x80\x90 -1\xCC\x81";
    UChar al[256];
    int32_t na = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(al, 256, &na, al8, -1, &st);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    long before = differ;
    for (int32_t i = 0; i < na; i++) {
        compare(&al[i], 1);
        for (int32_t j = 0; j < na; j++) {
            UChar s[3] = {al[i], al[j], 0};
            compare(s, 2);
            for (int32_t k = 0; k < na; k++) {
                s[2] = al[k];
                compare(s, 3);
            }
        }
    }
    printf("translit: %d-character alphabet, every string of 1-3 characters: %ld differ\n", na, differ - before);
    CU_ASSERT_EQUAL(differ, before);
}

/* every run of letters, marks and apostrophes of text[0..n) (UTF-8) */
static void
words(const char *text, size_t n)
{
    int32_t cap = (int32_t)n + 1, ul = 0;
    UChar *u = malloc(sizeof(UChar) * (size_t)cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, cap, &ul, text, (int32_t)n, 0xFFFD, NULL, &st);
    CU_ASSERT_FATAL(U_SUCCESS(st));
    int32_t s = 0;
    for (int32_t i = 0; i <= ul; i++) {
        UChar c = i < ul ? u[i] : ' ';
        int in = u_isalpha(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK ||
                 c == 0x2BB || c == 0x2BC || c == '\'' || c == 0x2019;
        if (!in) {
            compare(u + s, i - s);
            s = i + 1;
        }
    }
    free(u);
}

static void
each_cyrillic_file(char *text, size_t n, const char *path, void *ctx)
{
    (void)ctx;
    if (strstr(path, ".ru.") || strstr(path, "kaa-cyrl") || strstr(path, "/ud/ru_") || strstr(path, "kz-law"))
        words(text, n);
}

static void
test_uz_shared(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "uz_Cyrl-uz_Latn.rules = ICU's on ../shared: no ../shared folder (set TT_SHARED)");
        return;
    }
    long before = compared, dbefore = differ;
    /* Uzbek Latin made Cyrillic by ICU's uz_Latn-uz_Cyrl */
    const char *uzf[] = {"corpus/ud/uz_ut-ud-test.txt", "corpus/karakalpakstan-constitution/"
                                                        "constitution-karakalpakstan.uz-latn.txt"};
    long uzwords = 0;
    for (size_t f = 0; f < sizeof uzf / sizeof *uzf; f++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", sh, uzf[f]);
        size_t n;
        char *t = tt_test_slurp(path, &n);
        if (!t) {
            tt_test_skip(TT_SKIP_SHARED, "uz_Cyrl-uz_Latn.rules: %s is not in ../shared", uzf[f]);
            continue;
        }
        UErrorCode st = U_ZERO_ERROR;
        UChar id[32];
        u_uastrcpy(id, "uz_Latn-uz_Cyrl");
        UTransliterator *tc = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        CU_ASSERT_FATAL(U_SUCCESS(st));
        int32_t cap = (int32_t)n * 3 + 64, ul = 0;
        UChar *u = malloc(sizeof(UChar) * (size_t)cap);
        CU_ASSERT_PTR_NOT_NULL_FATAL(u);
        u_strFromUTF8WithSub(u, cap, &ul, t, (int32_t)n, 0xFFFD, NULL, &st);
        int32_t lim = ul;
        utrans_transUChars(tc, u, &ul, cap, 0, &lim, &st);
        CU_ASSERT_FATAL(U_SUCCESS(st));
        char *c8 = malloc((size_t)ul * 3 + 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c8);
        int32_t cl = 0;
        u_strToUTF8(c8, ul * 3 + 1, &cl, u, ul, &st);
        long w0 = compared;
        words(c8, (size_t)cl);
        uzwords += compared - w0;
        free(c8);
        free(u);
        free(t);
        utrans_close(tc);
    }
    long files = tt_test_corpus("uz_Cyrl-uz_Latn.rules on Cyrillic texts", each_cyrillic_file, NULL);
    printf("translit: %ld words of ../shared (%ld Uzbek made Cyrillic, the rest from %ld files' Cyrillic texts), "
           "%ld differ\n", compared - before, uzwords, files, differ - dbefore);
    CU_ASSERT(uzwords > 1000);
    CU_ASSERT_EQUAL(differ, dbefore);
}

static void
test_uz_passes(void)
{
    /* NFD, ICU's rules, NFC (uz_Cyrl-uz_Latn.rules), then uz.rules' own folds: no pass is ICU's registry */
    CU_ASSERT_EQUAL_FATAL(nz->npass[RS_UZ], 4);
    UErrorCode st = U_ZERO_ERROR;
    CU_ASSERT(nz->pass[RS_UZ][0].norm == unorm2_getNFDInstance(&st) && !nz->pass[RS_UZ][0].tr);
    CU_ASSERT(nz->pass[RS_UZ][1].tr != NULL);
    CU_ASSERT(nz->pass[RS_UZ][2].norm == unorm2_getNFCInstance(&st) && !nz->pass[RS_UZ][2].tr);
    CU_ASSERT(nz->pass[RS_UZ][3].tr != NULL);
    for (int rs = 0; rs < RS_COUNT; rs++)
        CU_ASSERT(nz->npass[rs] >= 1);
}

/* One pass's table against its ICU transliterator on u[0..n): 1 if the outputs are the same. */
static int
map_same(const nz_pass *ps, const UChar *u, int32_t n)
{
    UChar a[256], b[256];
    int32_t na = nz_map_apply(ps->map, u, n, a, 256);
    memcpy(b, u, sizeof(UChar) * (size_t)n);
    int32_t nb = n, lim = n;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(ps->tr, b, &nb, 256, 0, &lim, &st);
    return U_SUCCESS(st) && na == nb && na <= 256 && memcmp(a, b, sizeof(UChar) * (size_t)na) == 0;
}

/* Every pass read as a table (norm_map.c: only literal rules, run without ICU's process-wide lock) against ICU's
 * transliterator of the same rules (which the loader keeps beside it): on every BMP character alone, on every
 * string of one to four characters of an alphabet of the keys' characters, the outputs' and a few others, and on
 * 300,000 random strings of up to 12 of them. The Kazakh Cyrillic pass (every Cyrillic word of a Kazakh text)
 * must be a table; the passes with context (kk-Latn-2017, -2018, uz) must not. */
static void
test_maps(void)
{
    long tables = 0, strings = 0, bad = 0;
    uint64_t rng = 0x5DEECE66Dull;
    for (int rs = 0; rs < RS_COUNT; rs++)
        for (unsigned i = 0; i < nz->npass[rs]; i++) {
            const nz_pass *ps = &nz->pass[rs][i];
            if (!ps->map)
                continue;
            CU_ASSERT_PTR_NOT_NULL_FATAL(ps->tr);
            tables++;
            UChar u[16];
            for (UChar32 c = 0; c < 0x10000; c++) {
                if (U_IS_SURROGATE(c))
                    continue;
                u[0] = (UChar)c;
                strings++;
                bad += !map_same(ps, u, 1);
            }
            /* the alphabet: the characters ICU says the rules read or write, and a few others */
            USet *set = uset_openEmpty();
            UErrorCode st = U_ZERO_ERROR;
            utrans_getSourceSet(ps->tr, 0, set, &st);
            UChar al[96];
            int32_t nal = 0;
            for (int32_t k = 0; k < uset_size(set) && nal < 80; k++) {
                UChar32 c = uset_charAt(set, k);
                if (c < 0x10000)
                    al[nal++] = (UChar)c;
            }
            uset_close(set);
            static const UChar extra[] = {'a', 'i', 0x0307, 0x0131, 0x0456, ' ', '-', 0x2010, 0x2019, 0x0435, 0x0451};
            for (size_t k = 0; k < sizeof extra / sizeof *extra; k++)
                al[nal++] = extra[k];
            for (int32_t len = 1; len <= 4; len++) {
                long total = 1;
                for (int32_t k = 0; k < len; k++)
                    total *= nal;
                for (long x = 0; x < total && x < 400000; x++) {
                    long y = x;
                    for (int32_t k = 0; k < len; k++, y /= nal)
                        u[k] = al[y % nal];
                    strings++;
                    bad += !map_same(ps, u, len);
                }
            }
            for (int r = 0; r < 300000; r++) {
                int32_t len = 1 + (int32_t)(tt_test_xorshift(&rng) % 12);
                for (int32_t k = 0; k < len; k++)
                    u[k] = al[tt_test_xorshift(&rng) % (uint64_t)nal];
                strings++;
                bad += !map_same(ps, u, len);
            }
        }
    printf("translit: %ld passes read as tables, %ld strings against ICU, %ld differ\n", tables, strings, bad);
    CU_ASSERT(tables >= 4);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(nz->npass[RS_KK_CYRL] >= 1 && nz->pass[RS_KK_CYRL][0].map != NULL);
    for (unsigned i = 0; i < nz->npass[RS_KK_2017]; i++)
        CU_ASSERT(nz->pass[RS_KK_2017][i].map == NULL);
    for (unsigned i = 0; i < nz->npass[RS_UZ]; i++)
        CU_ASSERT(nz->pass[RS_UZ][i].map == NULL);
}

/* The reader of literal rules on rules made for the test: what is a table and what is left to ICU. */
static void
test_map_grammar(void)
{
    static const struct {
        const char *rules;
        int table;
    } cases[] = {
        {"a > b ;", 1},
        {"# comment\n a b > c ; # more\n \\u0307 > ; ", 1},
        {"[\\u2019\\u02BC] > \\' ; x > 'y z' ;", 1},
        {"'' > q ;", 1},
        {"a } b > c ;", 0},
        {"^ a > b ;", 0},
        {"$x = [ab] ; $x > c ;", 0},
        {":: NFD ; a > b ;", 0},
        {"[a-z] > b ;", 0},
        {"[:L:] > b ;", 0},
        {"a < b ;", 0},
        {"a <> b ;", 0},
        {"a > b", 0},
        {"a > | b ;", 0},
        {"\\x{61} > b ;", 0},
        {"", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        UChar u[256];
        int32_t n = 0;
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8(u, 256, &n, cases[k].rules, -1, &st);
        nz_map *m = NULL;
        int r = nz_map_parse(u, n, &m);
        if (r != cases[k].table)
            printf("translit: rules '%s': %d, want %d\n", cases[k].rules, r, cases[k].table);
        CU_ASSERT_EQUAL(r, cases[k].table);
        CU_ASSERT((m != NULL) == (r == 1));
        nz_map_free(m);
    }
}

/* a copy of the data folder's translit/ and homoglyphs.tsv in a new temporary folder (dir: its name) */
static void
data_copy(char *dir)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char cmd[2600];
    snprintf(cmd, sizeof cmd, "cp -r '%s/translit' '%s/homoglyphs.tsv' '%s/'", tt_data_dir(), tt_data_dir(), dir);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
}

static void
put(const char *dir, const char *name, const char *text)
{
    char p[1200];
    snprintf(p, sizeof p, "%s/translit/%s.rules", dir, name);
    FILE *f = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    CU_ASSERT_EQUAL(fclose(f), 0);
}

/* The English rule set of a normalizer made from dir, on UTF-8 s: its output in out (UTF-8). 0 or the error. */
static int
run_en(const char *dir, const char *s, char *out, size_t cap, tt_error *err)
{
    tt_normalizer *t = NULL;
    int rc = tt_normalizer_new(&t, dir, err);
    if (rc)
        return rc;
    UErrorCode st = U_ZERO_ERROR;
    int32_t m = 0;
    CU_ASSERT_FATAL(nz_ensure(&t->c, &t->ccap, 256) == 0);
    u_strFromUTF8(t->c, 256, &m, s, -1, &st);
    rc = nz_translit(t, RS_EN, &m, err);
    u_strToUTF8(out, (int32_t)cap, NULL, t->c, m, &st);
    tt_normalizer_free(t);
    return rc;
}

static void
test_loader(void)
{
    char dir[] = "/tmp/tt-translit-XXXXXX", out[256];
    data_copy(dir);
    tt_error err;
    tt_error_clear(&err);
    /* rules, ::NFD; between them, rules: the second pass sees the decomposed é (e + U+0301) */
    put(dir, "en", "# a test\na > b ;\n  :: NFD ;   # decompose\ne \\u0301 > x ;\n");
    CU_ASSERT_EQUAL(run_en(dir, "a\xC3\xA9", out, sizeof out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "bx");
    /* a file named by another, and rules on both sides */
    put(dir, "t-inner", "b > c ;\n");
    put(dir, "en", "a > b ;\n::t-inner;\nc > d ;\n");
    CU_ASSERT_EQUAL(run_en(dir, "a", out, sizeof out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "d");
    /* an ID that names no file is ICU's (its registry) */
    put(dir, "en", ":: Latin-ASCII ;\n");
    CU_ASSERT_EQUAL(run_en(dir, "\xC3\xA9t\xC3\xA9", out, sizeof out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "ete");
    /* files that name each other: an error naming a file, not a hang */
    put(dir, "t-inner", "::en;\n");
    put(dir, "en", "::t-inner;\n");
    CU_ASSERT_EQUAL(run_en(dir, "a", out, sizeof out, &err), TT_ESYNTAX);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "deep"));
    /* a syntax error in the third pass: the line of the file */
    tt_error_clear(&err);
    put(dir, "en", "a > b ;\n::NFC;\n# two\n\nb > c ;\nc > [ ;\n");
    CU_ASSERT_EQUAL(run_en(dir, "a", out, sizeof out, &err), TT_ESYNTAX);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.path, "en.rules"));
    CU_ASSERT_EQUAL(err.line, 6);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static void
reg(void)
{
    nz = tt_test_normalizer();
    char path[4200];
    snprintf(path, sizeof path, "%s/translit/uz.rules", tt_data_dir());
    ref = icu_rules(path);
    if (!ref)
        exit(1);
    tt_test_suite("translit", "uz: passes of our own, no registry", test_uz_passes,
                  "uz: = ICU's uz.rules on every 1-3 character string", test_uz_generated,
                  "uz: = ICU's uz.rules on the words of ../shared", test_uz_shared,
                  "loader: NFD between rules, files, cycles, ICU's IDs, error lines", test_loader,
                  "passes of literal rules as tables = ICU's transliterators", test_maps,
                  "the literal-rule reader: what is a table", test_map_grammar, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    utrans_close(ref);
    tt_normalizer_free(nz);
    return rc;
}
