/* test_norm.c - the normalizer: NFC, match forms per language, every letter of the Kazakh alphabets (Cyrillic
 * and the three Latin ones) folding to one form, Kazakh Latin alphabet detection (also on real 2018-alphabet
 * news vocabulary), homoglyph repair, Uzbek apostrophes, rule-file errors. */
#include "support.h"
#include "tt/norm.h"
#include "tt/utf8.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static tt_normalizer *nz;
static tt_buf out;

static int
init(void)
{
    tt_error err;
    return tt_normalizer_new(&nz, NULL, &err) != 0;
}

static int
fini(void)
{
    tt_normalizer_free(nz);
    tt_buf_free(&out);
    return 0;
}

/* match form of s as a NUL-terminated string in `out` (valid until the next call) */
static const char *
mf(tt_lang l, tt_script sc, const char *s, unsigned *flags)
{
    tt_error err;
    tt_buf_reset(&out);
    int rc = tt_norm_word(nz, l, sc, s, strlen(s), &out, flags, &err);
    CU_ASSERT_EQUAL(rc, 0);
    return out.data ? out.data : "";
}

#define ASSERT_MF(l, sc, in, want)                                                                            \
    do {                                                                                                      \
        const char *g_ = mf(l, sc, in, NULL);                                                                 \
        if (strcmp(g_, want) != 0)                                                                            \
            printf("\n  %s [%s]: got [%s], want [%s]", tt_lang_name(l), in, g_, want);                        \
        CU_ASSERT_STRING_EQUAL(g_, want);                                                                     \
    } while (0)

/* Every letter of the Kazakh Cyrillic alphabet in a word, with the word's spelling in the 2017, 2018 and
 * 2021 Latin alphabets (NULL: the alphabet has no spelling for the letter). All must give the same match
 * form as the Cyrillic word, which must be `canon`. */
static const struct {
    const char *letter, *cyr, *l17, *l18, *l21, *canon;
} kk_letters[] = {
    {"а", "ана", "ana", "ana", "ana", "ana"},
    {"ә", "әке", "a'ke", "áke", "äke", "äke"},
    {"б", "бала", "bala", "bala", "bala", "bala"},
    {"в", "вагон", "vagon", "vagon", "vagon", "vagon"},
    {"г", "гүл", "gu'l", "gúl", "gül", "gül"},
    {"ғ", "ғалым", "g'alym", "ǵalym", "ğalym", "ğalym"},
    {"д", "дала", "dala", "dala", "dala", "dala"},
    {"е", "ел", "el", "el", "el", "el"},
    {"ё", "ёлка", "i'olka", "ıolka", "iolka", "iolka"},
    {"ж", "жер", "jer", "jer", "jer", "jer"},
    {"з", "заң", "zan'", "zań", "zañ", "zañ"},
    {"и", "ине", "i'ne", "ıne", "İne", "ine"},
    {"й", "үй", "u'i'", "úı", "üi", "üi"},
    {"к", "көл", "ko'l", "kól", "köl", "köl"},
    {"қ", "қала", "qala", "qala", "qala", "qala"},
    {"л", "лақ", "laq", "laq", "laq", "laq"},
    {"м", "мал", "mal", "mal", "mal", "mal"},
    {"н", "нан", "nan", "nan", "nan", "nan"},
    {"ң", "таң", "tan'", "tań", "tañ", "tañ"},
    {"о", "от", "ot", "ot", "ot", "ot"},
    {"ө", "өмір", "o'mir", "ómir", "ömır", "ömir"},
    {"п", "пышақ", "pys'aq", "pyshaq", "pyşaq", "pyşaq"},
    {"р", "рух", "ry'h", "rýh", "ruh", "ruh"},
    {"с", "су", "sy'", "sý", "su", "su"},
    {"т", "тау", "tay'", "taý", "tau", "tau"},
    {"у", "ту", "ty'", "tý", "tu", "tu"},
    {"ұ", "ұлт", "ult", "ult", "ūlt", "ūlt"},
    {"ү", "үкімет", "u'kimet", "úkimet", "ükımet", "ükimet"},
    {"ф", "фильм", "fi'lm", "fılm", "film", "film"},
    {"х", "хат", "hat", "hat", "hat", "hat"},
    {"һ", "шаһар", "s'ahar", "shahar", "şahar", "şahar"},
    {"ц", "цирк", "tsi'rk", "tsırk", "cirk", "cirk"},
    {"ч", "чек", "c'ek", "chek", "çek", "çek"},
    {"ш", "шаш", "s'as'", "shash", "şaş", "şaş"},
    {"щ", "щетка", NULL, NULL, "şçetka", "şçetka"},
    {"ъ", "съезд", "sezd", "sezd", "sezd", "sezd"},
    {"ы", "ыдыс", "ydys", "ydys", "ydys", "ydys"},
    {"і", "іс", "is", "is", "ıs", "is"},
    {"ь", "пьеса", "pesa", "pesa", "pesa", "pesa"},
    {"э", "экономика", "ekonomi'ka", "ekonomıka", "ekonomika", "ekonomika"},
    {"ю", "юрист", "i'y'ri'st", "ıýrıst", "iurist", "iurist"},
    {"я", "Азия", "Azi'i'a", "Azııa", "Aziia", "aziia"},
};

static void
test_kk_every_letter(void)
{
    const tt_script sc[3] = {TT_SCRIPT_LATN_2017, TT_SCRIPT_LATN_2018, TT_SCRIPT_LATN_2021};
    for (size_t i = 0; i < sizeof kk_letters / sizeof kk_letters[0]; i++) {
        ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, kk_letters[i].cyr, kk_letters[i].canon);
        const char *lat[3] = {kk_letters[i].l17, kk_letters[i].l18, kk_letters[i].l21};
        for (int a = 0; a < 3; a++) {
            if (!lat[a])
                continue;
            ASSERT_MF(TT_LANG_KK, sc[a], lat[a], kk_letters[i].canon);
        }
        /* capitals: the first letter upper-cased in Cyrillic gives the same */
        char up[64];
        snprintf(up, sizeof up, "%s", kk_letters[i].cyr);
    }
    /* the alphabets disagree on u and y: the declared alphabet decides */
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2018, "ulttyq", "ūlttyq");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2017, "ulttyq", "ūlttyq");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2021, "ulttyq", "ulttyq");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2018, "týraly", "turaly");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "туралы", "turaly");
    /* capitals in every alphabet */
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2018, "ÁKE", "äke");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2017, "A'KE", "äke");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2021, "ÄKE", "äke");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "ӘКЕ", "äke");
    /* 2018: native т+с is not Ц */
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2018, "jetse", "jetse");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "жетсе", "jetse");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2018, "Konstıtýtsııalyq", "konstituciialyq");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "Конституциялық", "konstituciialyq");
    /* the 2017 apostrophe in any of its typed forms */
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2017, "qazaqs\xE2\x80\x99" "a", "qazaqşa");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2017, "qazaqs\xCA\xBC" "a", "qazaqşa");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2017, "qazaqs`a", "qazaqşa");
}

static void
test_kk_kazinform_2018(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: Kazinform check skipped");
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/kazakh-latin-kazinform/kk-latn_vocab_words.tsv", sh);
    size_t n = 0;
    char *text = tt_test_slurp(path, &n);
    if (!text) {
        tt_test_skip(TT_SKIP_SHARED, "Kazinform vocabulary not found: skipped");
        return;
    }
    /* the vocabulary as one text: detection must say 2018, confidently */
    int conf = 0;
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, text, n, &conf), TT_SCRIPT_LATN_2018);
    CU_ASSERT(conf >= 90);
    /* and so must its first 2 KB */
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, text, n < 2048 ? n : 2048, NULL), TT_SCRIPT_LATN_2018);
    /* every qandas-/otandas- form of the vocabulary folds to the stem of the Cyrillic lemma */
    int forms = 0, ok = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        if (tab)
            *tab = 0;
        if (strncmp(line, "qandas", 6) != 0 && strncmp(line, "otandas", 7) != 0)
            continue;
        forms++;
        const char *g = mf(TT_LANG_KK, TT_SCRIPT_LATN_2018, line, NULL);
        if (strncmp(g, "qandas", 6) == 0 || strncmp(g, "otandas", 7) == 0)
            ok++;
        else
            printf("\n  kazinform %s -> %s", line, g);
    }
    printf("\n  kazinform: %d qandas-/otandas- forms, %d fold to the lemma's stem\n", forms, ok);
    CU_ASSERT(forms > 0);
    CU_ASSERT_EQUAL(ok, forms);
    free(text);
    /* the example of the brief, and other frequent words of the file against their Cyrillic spelling */
    static const char *pairs[][2] = {
        {"qandastardyń", "қандастардың"}, {"jáne", "және"},       {"úshin", "үшін"},
        {"týraly", "туралы"},             {"ulttyq", "ұлттық"},   {"deıin", "дейін"},
        {"boıynsha", "бойынша"},          {"jańa", "жаңа"},       {"memlekettik", "мемлекеттік"},
        {"Prezıdenttiń", "Президенттің"}, {"Eýrazııa", "Еуразия"}, {"Mádenıet", "Мәдениет"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char lat[128];
        snprintf(lat, sizeof lat, "%s", mf(TT_LANG_KK, TT_SCRIPT_LATN_2018, pairs[i][0], NULL));
        ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, pairs[i][1], lat);
        /* with the alphabet left to detection (the word's own letters), where the word has evidence */
    }
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN, "qandastardyń", "qandastardyñ");
}

static void
test_kk_detect(void)
{
    const char *t17 = "Qazaqstan Respy'bli'kasy - ta'y'elsiz memleket. Bu'gin qazaqs'a so'ilei'mi'z.";
    const char *t18 = "Qazaqstan Respýblıkasy - táýelsiz memleket. Búgin qazaqsha sóıleımiz.";
    const char *t21 = "Qazaqstan Respublikasy - täuelsız memleket. Bügın qazaqşa söileimız.";
    const char *tc = "Қазақстан Республикасы - тәуелсіз мемлекет.";
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, t17, strlen(t17), NULL), TT_SCRIPT_LATN_2017);
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, t18, strlen(t18), NULL), TT_SCRIPT_LATN_2018);
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, t21, strlen(t21), NULL), TT_SCRIPT_LATN_2021);
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, tc, strlen(tc), NULL), TT_SCRIPT_CYRL);
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_KK, "qandas", 6, NULL), TT_SCRIPT_LATN);
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_RU, "диаспора", strlen("диаспора"), NULL), TT_SCRIPT_CYRL);
    CU_ASSERT_EQUAL(tt_norm_detect_script(nz, TT_LANG_UZ, "vatandosh", 9, NULL), TT_SCRIPT_LATN);
    /* the same sentence in the four spellings gives the same match forms word by word */
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2017, "ta'y'elsiz", "täuelsiz");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2018, "táýelsiz", "täuelsiz");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_LATN_2021, "täuelsız", "täuelsiz");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "тәуелсіз", "täuelsiz");
}

static void
test_homoglyphs(void)
{
    unsigned fl = 0;
    /* 1990s Kazakh: Latin i inside Cyrillic words */
    char a[64];
    snprintf(a, sizeof a, "%s", mf(TT_LANG_KK, TT_SCRIPT_CYRL, "тiл", &fl));
    CU_ASSERT_EQUAL(fl, TT_NORM_HOMOGLYPH);
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "тіл", a);
    /* a word fully in the other script is left alone */
    mf(TT_LANG_KK, TT_SCRIPT_CYRL, "Qazaqstan", &fl);
    CU_ASSERT_EQUAL(fl, 0);
    mf(TT_LANG_RU, TT_SCRIPT_CYRL, "Internet", &fl);
    CU_ASSERT_EQUAL(fl, 0);
    /* Russian: Latin c, a, p, o repaired; Latin i is not a Russian look-alike */
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "диаcпора", "диаспора");
    mf(TT_LANG_RU, TT_SCRIPT_CYRL, "диаcпора", &fl);
    CU_ASSERT_EQUAL(fl, TT_NORM_HOMOGLYPH);
    mf(TT_LANG_RU, TT_SCRIPT_CYRL, "тiл", &fl);
    CU_ASSERT_EQUAL(fl, TT_NORM_MIXED_UNREPAIRED);
    /* minority letter without a look-alike, and a tie: left alone, counted */
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "диаспоrа", "диаспоrа");
    mf(TT_LANG_RU, TT_SCRIPT_CYRL, "диаспоrа", &fl);
    CU_ASSERT_EQUAL(fl, TT_NORM_MIXED_UNREPAIRED);
    mf(TT_LANG_RU, TT_SCRIPT_CYRL, "abвг", &fl);
    CU_ASSERT_EQUAL(fl, TT_NORM_MIXED_UNREPAIRED);
    /* Latin-dominant Uzbek word with a Cyrillic а; Kazakh h -> һ */
    ASSERT_MF(TT_LANG_UZ, TT_SCRIPT_LATN, "vatandoshlаr", "vatandoshlar");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "шаhар", "şahar");
    /* each part of a hyphenated word on its own: COVID-ке is not mixed */
    mf(TT_LANG_KK, TT_SCRIPT_CYRL, "COVID-ке", &fl);
    CU_ASSERT_EQUAL(fl, 0);
}

static void
test_other_languages(void)
{
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "Ёлка", "елка");
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "е\xCC\x88лка", "елка");
    ASSERT_MF(TT_LANG_EN, TT_SCRIPT_LATN, "Compatriot\xE2\x80\x99s", "compatriot's");
    ASSERT_MF(TT_LANG_EN, TT_SCRIPT_LATN, "\xEF\xAC\x81nancial", "financial");
    ASSERT_MF(TT_LANG_OTHER, TT_SCRIPT_ANY, "Stra\xC3\x9F" "e", "strasse");
    /* default-ignorables disappear, the non-breaking hyphen is a hyphen */
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "диас\xC2\xADпо\xE2\x80\x8Bра", "диаспора");
    ASSERT_MF(TT_LANG_KK, TT_SCRIPT_CYRL, "көші\xE2\x80\x91қон", "köşi-qon");
    /* Uzbek: every apostrophe variant is one mark; Cyrillic -> Latin */
    static const char *oz[] = {"O\xCA\xBBzbek", "O'zbek", "O\xE2\x80\x98zbek", "O\xE2\x80\x99zbek",
                               "O\xCA\xBCzbek", "O`zbek", "O\xC2\xB4zbek", "\xD0\x8E\xD0\xB7\xD0\xB1\xD0\xB5\xD0\xBA"};
    for (size_t i = 0; i < sizeof oz / sizeof oz[0]; i++)
        ASSERT_MF(TT_LANG_UZ, TT_SCRIPT_ANY, oz[i], "o\xCA\xBBzbek");
    ASSERT_MF(TT_LANG_UZ, TT_SCRIPT_LATN, "ta'lim", "ta\xCA\xBClim");
    ASSERT_MF(TT_LANG_UZ, TT_SCRIPT_CYRL, "таълим", "ta\xCA\xBClim");
    ASSERT_MF(TT_LANG_UZ, TT_SCRIPT_LATN, "tog'", "tog\xCA\xBB");
    /* an empty token, and a token of ignorables only */
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "", "");
    ASSERT_MF(TT_LANG_RU, TT_SCRIPT_CYRL, "\xC2\xAD", "");
}

static void
test_nfc(void)
{
    tt_error err;
    tt_buf b = {0};
    CU_ASSERT_EQUAL(tt_norm_nfc(nz, "е\xCC\x88лка A\xCC\x88", strlen("е\xCC\x88лка A\xCC\x88"), &b, &err), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "ёлка Ä");
    tt_buf_reset(&b);
    CU_ASSERT_EQUAL(tt_norm_nfc(nz, "plain ascii", 11, &b, &err), 0);
    CU_ASSERT_STRING_EQUAL(b.data, "plain ascii");
    tt_buf_reset(&b);
    /* binary-safe: a NUL inside */
    CU_ASSERT_EQUAL(tt_norm_nfc(nz, "a\0б", 4, &b, &err), 0);
    CU_ASSERT_EQUAL(b.len, 4);
    tt_buf_free(&b);
}

/* ---- tt_norm_nfc = ICU's NFC (its quick check's fast steps are read from ICU's data: this checks they agree) */
static long nfc_compared, nfc_differ;

/* ICU's NFC of valid UTF-8 s[0..n) into out (NUL-terminated). */
static void
icu_nfc(const char *s, size_t n, tt_buf *dst)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    UChar *u = malloc(sizeof(UChar) * (n + 1)), *v = malloc(sizeof(UChar) * (3 * n + 16));
    int32_t ul = 0, vl;
    u_strFromUTF8(u, (int32_t)n + 1, &ul, s, (int32_t)n, &st);
    vl = unorm2_normalize(nfc, u, ul, v, (int32_t)(3 * n + 16), &st);
    tt_buf_reset(dst);
    tt_buf_reserve(dst, 3 * (size_t)vl + 1);
    int32_t bl = 0;
    u_strToUTF8(dst->data, (int32_t)dst->cap, &bl, v, vl, &st);
    dst->len = (size_t)bl;
    free(u);
    free(v);
}

static void
nfc_compare(const char *s, size_t n)
{
    if (tt_utf8_check(s, n) != n)
        return; /* ICU's converter and tt_norm_nfc replace invalid bytes differently: valid text only */
    tt_buf a = {0}, b = {0};
    tt_error err;
    tt_error_clear(&err);
    int rc = tt_norm_nfc(nz, s, n, &a, &err);
    icu_nfc(s, n, &b);
    nfc_compared++;
    if ((rc || a.len != b.len || memcmp(a.data, b.data, a.len)) && nfc_differ++ < 5)
        printf("nfc: %zu bytes: termtrace %zu bytes, ICU %zu\n", n, a.len, b.len);
    tt_buf_free(&a);
    tt_buf_free(&b);
}

/* tt_test_each_file's callback: each line of a file of ../shared/corpus (one invalid byte spoils its line only) */
static void
nfc_file(char *t, size_t n, const char *path, void *ctx)
{
    (void)path;
    (void)ctx;
    for (size_t at = 0; at < n;) {
        const char *nl = memchr(t + at, '\n', n - at);
        size_t e2 = nl ? (size_t)(nl - t) + 1 : n;
        nfc_compare(t + at, e2 - at);
        at = e2;
    }
}

static void
test_nfc_icu(void)
{
    /* generated: Cyrillic, Kazakh and Latin letters, with and without combining marks (U+0301, U+0306, U+0308,
       U+0483..U+0489 after a Cyrillic letter), precomposed letters, ASCII */
    static const char *const pieces[] = {"а", "б", "қ", "ң", "ә", "ү", "ұ", "һ", "ө", "й", "и\xCC\x86", "е\xCC\x88",
                                         "\xD2\x83", "\xD2\x89", "\xD2\x8A", "\xCC\x81", "o\xCA\xBB", "é",
                                         "e\xCC\x81", " ", "abc", "\xCD\xB4", "\xCE\x87", "\xE2\x80\x8B"};
    size_t np = sizeof pieces / sizeof *pieces;
    uint64_t r = 0x9E3779B97F4A7C15ull;
    char buf[256];
    nfc_compared = nfc_differ = 0;
    for (int t = 0; t < 20000; t++) {
        size_t n = 0;
        for (int k = 0; k < 12; k++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            const char *pc = pieces[r % np];
            size_t l = strlen(pc);
            memcpy(buf + n, pc, l);
            n += l;
        }
        nfc_compare(buf, n);
    }
    long gen = nfc_compared;
    const char *sh = tt_test_shared();
    if (sh) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/corpus", sh);
        tt_test_each_file(dir, nfc_file, NULL);
    }
    printf("nfc: %ld generated strings and %ld lines of ../shared/corpus compared with ICU's NFC, %ld differ\n", gen,
           nfc_compared - gen, nfc_differ);
    CU_ASSERT_EQUAL(nfc_differ, 0);
    if (!sh)
        tt_test_skip(TT_SKIP_SHARED, "NFC = ICU's on ../shared/corpus: no ../shared folder (set TT_SHARED)");
}

static void
test_rule_errors(void)
{
    /* a data directory with a broken rule file: TT_ESYNTAX naming the file and line */
    char dir[] = "/tmp/tt-norm-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char p[1200], cmd[2600];
    snprintf(cmd, sizeof cmd, "cp -r '%s/translit' '%s/homoglyphs.tsv' '%s/'", tt_data_dir(), tt_data_dir(), dir);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    snprintf(p, sizeof p, "%s/translit/ru.rules", dir);
    FILE *f = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("# comment\n\xD1\x91 > \xD0\xB5 ;\n\xD1\x91 > [ ;\n", f);
    fclose(f);
    tt_normalizer *bad = NULL;
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_EQUAL(tt_normalizer_new(&bad, dir, &err), TT_ESYNTAX);
    CU_ASSERT_PTR_NULL(bad);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.path, "ru.rules"));
    CU_ASSERT_EQUAL(err.line, 3);
    /* a missing file: TT_EIO */
    remove(p);
    CU_ASSERT_EQUAL(tt_normalizer_new(&bad, dir, &err), TT_EIO);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    tt_normalizer_free(NULL);
}

static void
reg(void)
{
    CU_pSuite s = CU_add_suite("norm", init, fini);
    CU_add_test(s, "kk: every letter, Cyrillic and 2017/2018/2021 Latin, one match form", test_kk_every_letter);
    CU_add_test(s, "kk: Kazinform 2018-alphabet vocabulary detected and folded", test_kk_kazinform_2018);
    CU_add_test(s, "kk: alphabet detection", test_kk_detect);
    CU_add_test(s, "homoglyph repair and mixed-script counting", test_homoglyphs);
    CU_add_test(s, "ru, en, uz, other match forms", test_other_languages);
    CU_add_test(s, "NFC text as written", test_nfc);
    CU_add_test(s, "NFC = ICU's on generated text and ../shared/corpus", test_nfc_icu);
    CU_add_test(s, "rule file errors", test_rule_errors);
}

int
main(void)
{
    return tt_test_main(reg);
}
