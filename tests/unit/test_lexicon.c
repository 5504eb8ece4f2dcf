/* test_lexicon.c - the lexicon parsers (.lex, YAML, LIWC): every error case with file:line:column, regex
 * compile errors and the match limit, check and explain, and the vocabulary stemmer. */
#include "support.h"
#include "tt/lexicon.h"
#include "tt/stem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
load(tt_lexicon **lx, const char *text, tt_error *err)
{
    tt_error_clear(err);
    return tt_lexicon_load_mem(lx, "t.lex", text, strlen(text), NULL, NULL, err);
}

static void
test_valid(void)
{
    tt_lexicon *lx;
    tt_error err;
    const char *t = "# comment\n"
                    "concept compatriot population label=Compatriot (person)\n"
                    "concept otandastar_foundation institution parent=compatriot\n"
                    "kk compatriot lemma otandas   # trailing comment\n"
                    "ru compatriot lemma соотечественник ; forms=соотечественника,соотечественники\n"
                    "en compatriot exclude compatriotism*\n"
                    "kk/Latn-2021 otandastar_foundation multi otandastar qory\n"
                    "uz compatriot regex /vatandosh(lar)?/\n";
    CU_ASSERT_EQUAL_FATAL(load(&lx, t, &err), 0);
    CU_ASSERT_EQUAL(tt_lexicon_nconcepts(lx), 2);
    CU_ASSERT_STRING_EQUAL(tt_lexicon_concept(lx, 0)->label, "Compatriot (person)");
    CU_ASSERT_STRING_EQUAL(tt_lexicon_concept(lx, 1)->parent, "compatriot");
    CU_ASSERT_EQUAL(tt_lexicon_find_concept(lx, "otandastar_foundation"), 1);
    CU_ASSERT_EQUAL(tt_lexicon_find_concept(lx, "nope"), -1);
    CU_ASSERT_EQUAL(tt_lexicon_nentries(lx), 5);
    tt_entry_info ei;
    CU_ASSERT_EQUAL(tt_lexicon_entry(lx, 3, &ei), 0);
    CU_ASSERT_EQUAL(ei.kind, TT_ENTRY_MULTI);
    CU_ASSERT_EQUAL(ei.script, TT_SCRIPT_LATN_2021);
    CU_ASSERT_STRING_EQUAL(ei.text, "otandastar qory");
    CU_ASSERT_STRING_EQUAL(ei.where, "t.lex:7");
    CU_ASSERT_EQUAL(tt_lexicon_entry(lx, 5, &ei), TT_EUSAGE);
    CU_ASSERT_EQUAL(strlen(tt_lexicon_sha256(lx)), 64);
    tt_lexicon_free(lx);
}

/* Each bad lexicon: expected code, line, column and a piece of the message. */
static void
test_errors(void)
{
    static const struct {
        const char *text;
        int code;
        unsigned line, col;
        const char *msg;
    } cases[] = {
        {"concept a x\nxx a lemma b\n", TT_ESYNTAX, 2, 1, "unknown language"},
        {"concept a x\nkk/Grek a lemma b\n", TT_ESYNTAX, 2, 4, "unknown script"},
        {"concept a x\nkk b lemma c\n", TT_ESYNTAX, 2, 4, "concept 'b' is not defined"},
        {"concept a x\nconcept a y\n", TT_ESYNTAX, 2, 9, "duplicate concept 'a'"},
        {"concept a x\nkk a lemmas c\n", TT_ESYNTAX, 2, 6, "unknown kind"},
        {"concept a x\nkk a lemma otan ; class=verbb\n", TT_ESYNTAX, 2, 19, "unknown morphology class 'verbb'"},
        {"concept a x\nen a lemma home ; colour=red\n", TT_ESYNTAX, 2, 19, "unknown option"},
        {"concept a x\nen a lemma home ; class\n", TT_ESYNTAX, 2, 19, "key=value"},
        {"concept a x parent=b\n", TT_ESYNTAX, 1, 20, "parent 'b'"},
        {"concept A x\n", TT_ESYNTAX, 1, 9, "a-z"},
        {"concept a\n", TT_ESYNTAX, 1, 10, "category"},
        {"concept a x color=1\n", TT_ESYNTAX, 1, 13, "unknown concept attribute"},
        {"concept a x\nen a regex /a(b/\n", TT_ESYNTAX, 2, 16, "/a(b/ does not compile"},
        {"concept a x\nen a regex /a(b/\n", TT_ESYNTAX, 2, 16, "offset 3"},
        {"concept a x\nen a regex abc\n", TT_ESYNTAX, 2, 12, "/pattern/"},
        {"concept a x\nen a multi foo [2]\n", TT_ESYNTAX, 2, 12, "gap"},
        {"concept a x\nen a multi [2] foo\n", TT_ESYNTAX, 2, 12, "gap"},
        {"concept a x\nen a multi foo [x] bar\n", TT_ESYNTAX, 2, 16, "gap"},
        {"concept a x\nen a lemma two words\n", TT_ESYNTAX, 2, 12, "one word"},
        {"concept a x\nen a lemma\n", TT_ESYNTAX, 2, 11, "no text"},
        {"concept a x\nen a lemma ok\n\xC3(\n", TT_ESYNTAX, 3, 1, "invalid UTF-8"},
        {"concept a x\nen a lemma \xD0\xB0\xC3\n", TT_ESYNTAX, 2, 13, "invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tt_lexicon *lx = (tt_lexicon *)1;
        tt_error err;
        int rc = load(&lx, cases[i].text, &err);
        char msg[1300];
        tt_error_format(&err, msg, sizeof msg);
        int ok = rc == cases[i].code && err.line == cases[i].line && err.column == cases[i].col &&
                 strstr(err.msg, cases[i].msg) && strcmp(err.path, "t.lex") == 0 && lx == NULL;
        if (!ok)
            fprintf(stderr, "case %zu: rc %d, got %s\n", i, rc, msg);
        CU_ASSERT(ok);
        tt_lexicon_free(lx == (tt_lexicon *)1 ? NULL : lx);
    }
}

static void
test_empty_form_with_normalizer(void)
{
    tt_normalizer *nz;
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tt_normalizer_new(&nz, NULL, &err), 0);
    tt_lexicon *lx;
    const char *t = "concept a x\nen a lemma \xE2\x80\x8B\n"; /* a zero width space only */
    CU_ASSERT_EQUAL(tt_lexicon_load_mem(&lx, "z.lex", t, strlen(t), NULL, nz, &err), TT_ESYNTAX);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "empty match form"));
    CU_ASSERT_EQUAL(err.line, 2);
    /* an entry written in Cyrillic and one in Latin meet in the match form */
    t = "concept c population\nkk c lemma Отандас\nuz c lemma ВАТАНДОШ\n";
    CU_ASSERT_EQUAL_FATAL(tt_lexicon_load_mem(&lx, "n.lex", t, strlen(t), NULL, nz, &err), 0);
    tt_matcher *m;
    CU_ASSERT_EQUAL_FATAL(tt_matcher_new(&m, lx, &err), 0);
    CU_ASSERT_TRUE(tt_matcher_known(m, TT_LANG_KK, "otandastar", 10));
    CU_ASSERT_TRUE(tt_matcher_known(m, TT_LANG_UZ, "vatandoshlarimizga", 18));
    CU_ASSERT_FALSE(tt_matcher_known(m, TT_LANG_KK, "otan", 4));
    tt_matcher_free(m);
    tt_lexicon_free(lx);
    tt_normalizer_free(nz);
}

static void
test_catastrophic_regex(void)
{
    tt_lexicon *lx;
    tt_matcher *m;
    tt_error err;
    CU_ASSERT_EQUAL_FATAL(load(&lx, "concept a x\nen a regex /(a+)+$/\n", &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_matcher_new(&m, lx, &err), 0);
    char w[64];
    memset(w, 'a', 40);
    w[40] = 'b';
    tt_buf out = {0};
    int rc = tt_matcher_explain(m, TT_LANG_EN, w, 41, &out, &err);
    CU_ASSERT_EQUAL(rc, TT_EPCRE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "t.lex:2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "aaaaab"));
    /* the same pattern on a short token still answers */
    tt_buf_reset(&out);
    CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_EN, "aaa", 3, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "regex"));
    tt_buf_free(&out);
    tt_matcher_free(m);
    tt_lexicon_free(lx);
}

static void
test_yaml_and_liwc(void)
{
    char path[4096];
    tt_lexicon *lx;
    tt_error err;
    tt_error_clear(&err);
    snprintf(path, sizeof path, "%s/../tests/unit/data/small.yml", tt_data_dir());
    CU_ASSERT_EQUAL_FATAL(tt_lexicon_load(&lx, path, NULL, NULL, &err), 0);
    CU_ASSERT_EQUAL(tt_lexicon_nconcepts(lx), 3);
    CU_ASSERT(tt_lexicon_find_concept(lx, "migration_labour") >= 0);
    CU_ASSERT(tt_lexicon_find_concept(lx, "migration_general") >= 0);
    CU_ASSERT(tt_lexicon_find_concept(lx, "diaspora") >= 0);
    CU_ASSERT_STRING_EQUAL(tt_lexicon_concept(lx, 0)->category, "migration");
    CU_ASSERT_EQUAL(tt_lexicon_nentries(lx), 5 * 4); /* every value in each of the 4 languages */
    tt_matcher *m;
    CU_ASSERT_EQUAL_FATAL(tt_matcher_new(&m, lx, &err), 0);
    tt_buf out = {0};
    CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_EN, "immigrants", 10, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "migration_general"));
    tt_buf_reset(&out);
    CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_RU, "diasporas", 9, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "no entry matches"));
    tt_buf_free(&out);
    tt_matcher_free(m);
    tt_lexicon_free(lx);

    snprintf(path, sizeof path, "%s/../tests/unit/data/small.dic", tt_data_dir());
    CU_ASSERT_EQUAL_FATAL(tt_lexicon_load(&lx, path, NULL, NULL, &err), 0);
    CU_ASSERT_EQUAL(tt_lexicon_nconcepts(lx), 2);
    CU_ASSERT_STRING_EQUAL(tt_lexicon_concept(lx, 0)->id, "homeland");
    CU_ASSERT_STRING_EQUAL(tt_lexicon_concept(lx, 1)->id, "diaspora_words");
    CU_ASSERT_EQUAL(tt_lexicon_nentries(lx), 4 * 4);
    tt_lexicon_free(lx);

    snprintf(path, sizeof path, "%s/../tests/unit/data/bad.dic", tt_data_dir());
    CU_ASSERT_EQUAL(tt_lexicon_load(&lx, path, NULL, NULL, &err), TT_ESYNTAX);
    CU_ASSERT_EQUAL(err.line, 4);
    CU_ASSERT_EQUAL(err.column, 12);
    snprintf(path, sizeof path, "%s/../tests/unit/data/bad.yml", tt_data_dir());
    CU_ASSERT_EQUAL(tt_lexicon_load(&lx, path, NULL, NULL, &err), TT_ESYNTAX);
    CU_ASSERT_EQUAL(err.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "tab"));
}

static void
test_missing_file(void)
{
    tt_lexicon *lx;
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_EQUAL(tt_lexicon_load(&lx, "/nonexistent/x.lex", NULL, NULL, &err), TT_EIO);
    CU_ASSERT_STRING_EQUAL(err.path, "/nonexistent/x.lex");
    tt_lexicon_opts o = {0};
    o.max_entries = 1;
    const char *t = "concept a x\nen a lemma b\nen a lemma c\n";
    CU_ASSERT_EQUAL(tt_lexicon_load_mem(&lx, "l.lex", t, strlen(t), &o, NULL, &err), TT_ELIMIT);
    CU_ASSERT_EQUAL(err.line, 3);
}

static void
test_check_and_explain(void)
{
    tt_lexicon *lx;
    tt_matcher *m;
    tt_error err;
    const char *t = "concept homeland identity\nconcept compatriot population\n"
                    "kk homeland lemma otan\n"
                    "kk compatriot lemma otandas\n"
                    "kk compatriot lemma otan\n"    /* collides with homeland, listed earlier */
                    "kk compatriot exclude otandasu\n"
                    "kk homeland lemma halyq ; stem2=halq\n";
    CU_ASSERT_EQUAL_FATAL(load(&lx, t, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_matcher_new(&m, lx, &err), 0);
    tt_buf rep = {0};
    size_t nw = 99;
    CU_ASSERT_EQUAL(tt_lexicon_check(lx, m, &rep, &nw, &err), 0);
    CU_ASSERT_EQUAL(nw, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rep.data, "t.lex:5: warning"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rep.data, "otandastar\t+PL"));
    CU_ASSERT_PTR_NULL(strstr(rep.data, "not matched"));
    tt_buf out = {0};
    CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_KK, "otandastarymyzdyñ", strlen("otandastarymyzdyñ"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "otandas+tar+ymyz+dyñ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "t.lex:4"));
    tt_buf_reset(&out);
    CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_KK, "halqy", 5, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "oblique stem"));
    tt_buf_reset(&out);
    CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_KK, "otandyq", 7, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.data, "no entry matches"));
    tt_buf_free(&out);
    tt_buf_free(&rep);
    tt_matcher_free(m);
    tt_lexicon_free(lx);
}

static void
test_default_lexicon_checks(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/diaspora", tt_data_dir());
    tt_normalizer *nz;
    tt_lexicon *lx;
    tt_matcher *m;
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tt_normalizer_new(&nz, NULL, &err), 0);
    int rc = tt_lexicon_load(&lx, path, NULL, nz, &err);
    char msg[1300];
    if (rc)
        fprintf(stderr, "%s\n", tt_error_format(&err, msg, sizeof msg));
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    CU_ASSERT_EQUAL_FATAL(tt_matcher_new(&m, lx, &err), 0);
    tt_buf rep = {0};
    size_t nw;
    CU_ASSERT_EQUAL(tt_lexicon_check(lx, m, &rep, &nw, &err), 0);
    CU_ASSERT_PTR_NULL(strstr(rep.data, "not matched!"));
    tt_buf_free(&rep);
    tt_matcher_free(m);
    tt_lexicon_free(lx);
    tt_normalizer_free(nz);
}

static void
test_stemmer(void)
{
    tt_stemmer *s;
    tt_error err;
    tt_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tt_stemmer_new(&s, NULL, &err), 0);
    static const struct {
        tt_lang lang;
        const char *in, *out;
    } v[] = {
        {TT_LANG_KK, "otandastarymyzdyñ", "otandas"},
        {TT_LANG_KK, "otandas", "otandas"},
        {TT_LANG_KK, "qazağy", "qazaq"},
        {TT_LANG_KK, "diasporasynyñ", "diaspora"},
        {TT_LANG_UZ, "vatandoshlarimizga", "vatandosh"},
        {TT_LANG_UZ, "yuragi", "yurak"},
        {TT_LANG_RU, "соотечественниками", "соотечественник"},
        {TT_LANG_EN, "compatriots", "compatriot"},
        {TT_LANG_OTHER, "Xyz", "Xyz"},
    };
    tt_buf b = {0};
    /* pass 0 computes, pass 1 reads the stemmer's cache, pass 2 comes after 70,000 other forms have emptied it;
       the stem is appended to what the buffer holds */
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 2) {
            char w[32];
            for (int k = 0; k < 70000; k++) {
                tt_buf_reset(&b);
                snprintf(w, sizeof w, "soz%dlarymyzdyñ", k);
                CU_ASSERT_EQUAL(tt_stem(s, TT_LANG_KK, w, strlen(w), &b, &err), 0);
            }
        }
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            tt_buf_reset(&b);
            CU_ASSERT_EQUAL(tt_buf_putc(&b, '>'), 0);
            CU_ASSERT_EQUAL(tt_stem(s, v[i].lang, v[i].in, strlen(v[i].in), &b, &err), 0);
            CU_ASSERT_EQUAL(tt_buf_putc(&b, 0), 0);
            if (!b.data || strcmp(b.data + 1, v[i].out) != 0)
                fprintf(stderr, "stem %s (pass %d): got %s, want %s\n", v[i].in, pass, b.data ? b.data + 1 : "",
                        v[i].out);
            CU_ASSERT(b.data && b.data[0] == '>' && strcmp(b.data + 1, v[i].out) == 0);
        }
    }
    tt_buf_free(&b);
    tt_stemmer_free(s);
}

static void
reg(void)
{
    tt_test_suite("lexicon", "a valid lexicon loads with concepts, parents, labels and entries", test_valid,
                  "every parse error names file:line:column and the reason", test_errors,
                  "an entry that normalizes to nothing is an error; scripts meet", test_empty_form_with_normalizer,
                  "a catastrophic regex hits the match limit instead of hanging", test_catastrophic_regex,
                  "YAML and LIWC dictionaries import as concepts with glob entries", test_yaml_and_liwc,
                  "missing file and entry limit", test_missing_file,
                  "lexicon check warns of collisions; explain shows suffix chains", test_check_and_explain,
                  "the default lexicon loads and every generated form matches", test_default_lexicon_checks,
                  "the vocabulary stemmer strips suffix chains and uses Snowball (also from its cache, "
                  "and after the cache is emptied)",
                  test_stemmer, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
