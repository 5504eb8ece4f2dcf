/* test_typer.c - the type names the tokenizer hands the matcher (tt_tokenizer_set_typer with tt_matcher_type and
 * tt_matcher_begin_piece, as the worker uses them) change no hit: real texts of ../shared/corpus (the kz-law
 * documents, the constitution in four languages, KazNERD and UzUDT sentences), in 64 KiB pieces, are matched by the
 * default lexicon twice - with a matcher used as the typer and with a second matcher looking every form up itself,
 * in its type cache only (TT_MATCH=plain: no front cache of short forms) - and every hit (tokens, entry, concept,
 * part, name) must be the same. The typer's matcher is then changed between pieces (two matchers taking turns as
 * the typer of one tokenizer and normalizer), which must void the names kept in the normalizer's cache; the hits
 * must still agree. Skipped, counted, without ../shared. */
#include "support.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tt_normalizer *nz;
static tt_tokenizer *tk;
static tt_lexicon *lx;
static tt_matcher *typed[2], *plain;
static long pieces, hits_seen, differ;

/* The same hits; `name` compared as a value, or (two matchers taking turns, each numbering the names it met
 * its own way) as whether the hit has one. */
static int
same_hits(const tt_hit *a, size_t na, const tt_hit *b, size_t nb, int name_value)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].first != b[i].first || a[i].last != b[i].last || a[i].entry != b[i].entry ||
            a[i].concept != b[i].concept || a[i].part != b[i].part ||
            (name_value ? a[i].name != b[i].name : !a[i].name != !b[i].name))
            return 0;
    return 1;
}

/* Tokenizes each piece of text with the typer `who` (0 or 1; -1: no typer) and matches it with that matcher
 * and with the plain one. */
static void
compare_text(const char *text, size_t n, tt_lang lang, int alternate)
{
    tt_tokseq ts;
    tt_tokseq_init(&ts);
    tt_hit *ha = NULL, *hb = NULL;
    size_t na, nb, ca = 0, cb = 0;
    tt_error err;
    for (size_t at = 0, k = 0; at < n; k++) {
        size_t len = n - at < 65536 ? n - at : 65536;
        while (at + len < n && len > 1 && text[at + len] != '\n')
            len--; /* cut at a line end */
        int who = alternate ? (int)(k % 2) : 0;
        tt_matcher *m = typed[who];
        tt_tokenizer_set_typer(tk, tt_matcher_type, tt_matcher_begin_piece, m);
        tt_tokseq_reset(&ts);
        tt_error_clear(&err);
        na = nb = 0;
        int rc = tt_tokenize(tk, nz, lang, TT_SCRIPT_ANY, text + at, len, at, tt_matcher_known, m, &ts, &err);
        int ok = rc == 0 && ts.trec_ok;
        rc = rc || tt_matcher_run(m, lang, &ts, TT_OVERLAP_LONGEST, &ha, &na, &ca, &err);
        rc = rc || tt_matcher_run(plain, lang, &ts, TT_OVERLAP_LONGEST, &hb, &nb, &cb, &err);
        pieces++;
        hits_seen += (long)na;
        if ((rc || !ok || !same_hits(ha, na, hb, nb, !alternate)) && differ++ < 5)
            printf("typer: piece at byte %zu (%zu bytes): rc %d, names %s, %zu hits typed, %zu plain\n", at, len,
                   rc, ok ? "on" : "off", na, nb);
        at += len;
    }
    free(ha);
    free(hb);
    tt_tokseq_free(&ts);
    tt_tokenizer_set_typer(tk, NULL, NULL, NULL);
}

static const struct {
    const char *path;
    tt_lang lang;
} texts[] = {
    {"kz-law/migration-law-2011-ru-2019-01-01.md", TT_LANG_RU},
    {"kz-law/migration-law-2011-ru-2021-06-29.md", TT_LANG_RU},
    {"karakalpakstan-constitution/constitution-karakalpakstan.en.txt", TT_LANG_EN},
    {"karakalpakstan-constitution/constitution-karakalpakstan.ru.txt", TT_LANG_RU},
    {"karakalpakstan-constitution/constitution-karakalpakstan.uz-latn.txt", TT_LANG_UZ},
    {"kaznerd/sentences_valid.txt", TT_LANG_KK},
};

static void
run_all(int alternate)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "typed hits = plain hits on ../shared/corpus: no ../shared folder (set "
                                     "TT_SHARED)");
        return;
    }
    long files = 0;
    pieces = hits_seen = differ = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/%s", sh, texts[i].path);
        size_t n;
        char *t = tt_test_slurp(path, &n);
        if (!t)
            continue;
        compare_text(t, n, texts[i].lang, alternate);
        files++;
        free(t);
    }
    printf("typer%s: %ld files, %ld pieces, %ld hits, %ld pieces differ\n", alternate ? " (two matchers taking turns)"
                                                                                    : "",
           files, pieces, hits_seen, differ);
    CU_ASSERT(files > 0);
    CU_ASSERT(hits_seen > 100);
    CU_ASSERT_EQUAL(differ, 0);
}

static void
test_one_typer(void)
{
    run_all(0);
}

static void
test_two_typers(void)
{
    run_all(1);
}

static void
reg(void)
{
    tt_error err;
    tt_error_clear(&err);
    char lexpath[4096];
    snprintf(lexpath, sizeof lexpath, "%s/diaspora", tt_data_dir());
    if (tt_normalizer_new(&nz, NULL, &err) || tt_tokenizer_new(&tk, NULL, &err) ||
        tt_lexicon_load(&lx, lexpath, NULL, nz, &err) || tt_matcher_new(&typed[0], lx, &err) ||
        tt_matcher_new(&typed[1], lx, &err) || setenv("TT_MATCH", "plain", 1) ||
        tt_matcher_new(&plain, lx, &err) || unsetenv("TT_MATCH")) {
        fprintf(stderr, "test_typer: %s\n", err.msg);
        exit(1);
    }
    tt_test_suite("typer", "typed hits = plain hits on ../shared/corpus", test_one_typer,
                  "... with two matchers taking turns as the typer", test_two_typers, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    tt_matcher_free(typed[0]);
    tt_matcher_free(typed[1]);
    tt_matcher_free(plain);
    tt_lexicon_free(lx);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
    return rc;
}
