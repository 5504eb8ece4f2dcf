/* test_stoplist.c - the stop lists (tt/stoplist.h, lexicons/stopwords/<lang>.txt): each language's
 * list loads; a Kazakh Cyrillic word stops its Latin spelling too; the Uzbek list's Cyrillic half
 * gives the same match forms as its Latin half; a replacement file (--stop FILE) stops its words in
 * every language and nothing else; bad files are refused with file and line. With ../shared, the
 * Kazakh list is compared with the 97-word list of pg-kazsearch (read in place, not copied): how
 * many of its words ours has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt/norm.h"
#include "tt/stoplist.h"

#include "support.h"

static tt_normalizer *nz;

static int
stops(const tt_stoplist *sl, tt_lang lang, tt_script sc, const char *w)
{
    tt_buf b = {0};
    tt_error e;
    tt_error_clear(&e);
    int r = tt_norm_word(nz, lang, sc, w, strlen(w), &b, NULL, &e) == 0 &&
            tt_stoplist_has(sl, lang, b.data ? b.data : "", b.len);
    tt_buf_free(&b);
    return r;
}

static void
test_default_lists(void)
{
    tt_error e;
    tt_error_clear(&e);
    tt_stoplist *sl = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_stoplist_new(&sl, NULL, NULL, nz, &e), 0);
    CU_ASSERT(tt_stoplist_size(sl, TT_LANG_KK) >= 150);
    CU_ASSERT(tt_stoplist_size(sl, TT_LANG_UZ) >= 120);
    CU_ASSERT(tt_stoplist_size(sl, TT_LANG_RU) >= 250);
    CU_ASSERT(tt_stoplist_size(sl, TT_LANG_EN) >= 150);
    CU_ASSERT(stops(sl, TT_LANG_KK, TT_SCRIPT_CYRL, "және"));
    CU_ASSERT(
        stops(sl, TT_LANG_KK, TT_SCRIPT_LATN_2021, "jäne")); /* the Cyrillic list, a Latin text */
    CU_ASSERT(stops(sl, TT_LANG_KK, TT_SCRIPT_LATN_2018, "jáne"));
    CU_ASSERT(stops(sl, TT_LANG_KK, TT_SCRIPT_CYRL, "Сондай-ақ"));
    CU_ASSERT(!stops(sl, TT_LANG_KK, TT_SCRIPT_CYRL, "отандас"));
    CU_ASSERT(!stops(sl, TT_LANG_KK, TT_SCRIPT_CYRL, "қандастар"));
    CU_ASSERT(stops(sl, TT_LANG_UZ, TT_SCRIPT_LATN, "o‘z")); /* any apostrophe */
    CU_ASSERT(stops(sl, TT_LANG_UZ, TT_SCRIPT_CYRL, "ўз"));
    CU_ASSERT(!stops(sl, TT_LANG_UZ, TT_SCRIPT_LATN, "vatandosh"));
    CU_ASSERT(stops(sl, TT_LANG_RU, TT_SCRIPT_CYRL, "Её")); /* ё read as е, case folded */
    CU_ASSERT(!stops(sl, TT_LANG_RU, TT_SCRIPT_CYRL, "соотечественник"));
    CU_ASSERT(stops(sl, TT_LANG_EN, TT_SCRIPT_LATN, "The"));
    CU_ASSERT(!stops(sl, TT_LANG_EN, TT_SCRIPT_LATN, "diaspora"));
    CU_ASSERT(!stops(sl, TT_LANG_EN, TT_SCRIPT_CYRL, "және")); /* per language */
    tt_stoplist_free(sl);
}

/* Every word of uz.txt's Cyrillic half normalizes to a match form of its Latin half. */
static void
test_uzbek_halves_agree(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/stopwords/uz.txt", tt_data_dir());
    char *text = tt_test_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    char *cyr = strstr(text, "# ---- Cyrillic");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cyr);
    *cyr = 0;
    char lat[4096] = "/tmp/tt-stop-lat.XXXXXX";
    int fd = mkstemp(lat);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    tt_error e;
    tt_error_clear(&e);
    tt_stoplist *sl = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_stoplist_new(&sl, NULL, lat, nz, &e), 0);
    size_t n = 0, missing = 0;
    char *body = strchr(cyr + 1, '\n'); /* after the marker line */
    CU_ASSERT_PTR_NOT_NULL_FATAL(body);
    for (char *line = strtok(body + 1, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || strchr(line, '-') == line)
            continue;
        for (char *w = strtok_r(line, " ", &line); w; w = strtok_r(NULL, " ", &line)) {
            n++;
            if (!stops(sl, TT_LANG_UZ, TT_SCRIPT_CYRL, w)) {
                printf("\n  Cyrillic '%s' has no Latin twin in uz.txt", w);
                missing++;
            }
        }
    }
    CU_ASSERT(n >= 100);
    CU_ASSERT_EQUAL(missing, 0);
    tt_stoplist_free(sl);
    remove(lat);
    free(text);
}

static void
test_replacement_and_errors(void)
{
    char p[] = "/tmp/tt-stop.XXXXXX";
    int fd = mkstemp(p);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# one list for all\nзакон law  # two words\n", f);
    fclose(f);
    tt_error e;
    tt_error_clear(&e);
    tt_stoplist *sl = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_stoplist_new(&sl, NULL, p, nz, &e), 0);
    CU_ASSERT(stops(sl, TT_LANG_RU, TT_SCRIPT_CYRL, "Закон"));
    CU_ASSERT(stops(sl, TT_LANG_EN, TT_SCRIPT_LATN, "law"));
    CU_ASSERT(stops(sl, TT_LANG_KK, TT_SCRIPT_LATN, "law"));
    CU_ASSERT(!stops(sl, TT_LANG_EN, TT_SCRIPT_LATN, "the")); /* the default lists are replaced */
    tt_stoplist_free(sl);
    f = fopen(p, "w");
    fputs("ok\n\xe2\x80\x8b\n", f); /* a zero-width space only: an empty match form */
    fclose(f);
    CU_ASSERT_EQUAL(tt_stoplist_new(&sl, NULL, p, nz, &e), TT_ESYNTAX);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_PTR_NULL(sl);
    remove(p);
    tt_error_clear(&e);
    CU_ASSERT_EQUAL(tt_stoplist_new(&sl, NULL, p, nz, &e), TT_EIO);
    CU_ASSERT_STRING_EQUAL(e.path, p);
    CU_ASSERT(!tt_stoplist_has(NULL, TT_LANG_EN, "the", 3));
}

/* How much of pg-kazsearch's Kazakh stop list ours covers (printed; a floor keeps it from
 * shrinking). */
static void
test_kazakh_against_pg_kazsearch(void)
{
    const char *sh = tt_test_shared();
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/kazakh-stems-pg-kazsearch/kaz_stopwords.stop",
             sh ? sh : "");
    char *text = sh ? tt_test_slurp(path, NULL) : NULL;
    if (!text) {
        tt_test_skip(TT_SKIP_SHARED, "%s not found: no comparison with pg-kazsearch's stop list", path);
        return;
    }
    tt_error e;
    tt_error_clear(&e);
    tt_stoplist *sl = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_stoplist_new(&sl, NULL, NULL, nz, &e), 0);
    size_t n = 0, have = 0;
    for (char *w = strtok(text, "\n\r "); w; w = strtok(NULL, "\n\r ")) {
        n++;
        int s = stops(sl, TT_LANG_KK, TT_SCRIPT_CYRL, w);
        have += (size_t)s;
        if (!s && getenv("TT_STOP_SHOW"))
            printf(" %s", w);
    }
    printf("\n  pg-kazsearch kaz_stopwords.stop: %zu words, %zu in lexicons/stopwords/kk.txt\n", n,
           have);
    CU_ASSERT(n >= 90);
    CU_ASSERT(have >= 78); /* measured: 78 of 97 (the rest: interjections, rare forms) */
    tt_stoplist_free(sl);
    free(text);
}

static void
reg(void)
{
    tt_error e;
    tt_error_clear(&e);
    if (tt_normalizer_new(&nz, NULL, &e))
        return;
    tt_test_suite(
        "stoplist", "the four lists load; a Cyrillic Kazakh word stops its Latin spellings",
        test_default_lists, "the Uzbek list's Cyrillic half matches its Latin half",
        test_uzbek_halves_agree, "--stop FILE replaces the lists in every language; bad files",
        test_replacement_and_errors, "coverage of pg-kazsearch's Kazakh stop list (read in place)",
        test_kazakh_against_pg_kazsearch, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_normalizer_free(nz);
    return rc;
}
