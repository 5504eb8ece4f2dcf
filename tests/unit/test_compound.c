/* test_compound.c - hyphenated compounds (matching.md "Hyphenated compounds", tt/compound.h) and invisible
 * characters next to a hyphen (a default-ignorable character does not split a word).
 *
 * The words are those the issue measured on real documents (a policy paper's homeland-diaspora and
 * state-diaspora, a 1997 law's беженцы-репатрианты, Kazakh көші-қон and бизнес-көшіп); the sentences around them
 * are written for the test. */
#include "support.h"
#include "tt/compound.h"
#include "tt/lexicon.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
test_parts(void)
{
    size_t a[TT_MAX_PARTS], b[TT_MAX_PARTS];
    CU_ASSERT_EQUAL(tt_hyphen_parts("homeland-diaspora", 17, a, b), 2);
    CU_ASSERT(a[0] == 0 && b[0] == 8 && a[1] == 9 && b[1] == 17);
    const char *wj = "қадір-\xe2\x81\xa0қасиеті"; /* U+2060 after the hyphen */
    CU_ASSERT_EQUAL(tt_hyphen_parts(wj, strlen(wj), a, b), 2);
    CU_ASSERT(b[0] == strlen("қадір") && a[1] == strlen("қадір-\xe2\x81\xa0") && b[1] == strlen(wj));
    const char *nb = "көші\xe2\x80\x91қон"; /* U+2011 non-breaking hyphen */
    CU_ASSERT_EQUAL(tt_hyphen_parts(nb, strlen(nb), a, b), 2);
    CU_ASSERT_EQUAL(tt_hyphen_parts("diaspora", 8, a, b), 0);
    CU_ASSERT_EQUAL(tt_hyphen_parts("-diaspora", 9, a, b), 0);
    CU_ASSERT_EQUAL(tt_hyphen_parts("a--b", 4, a, b), 0);
    CU_ASSERT_EQUAL(tt_hyphen_parts("a-b-c-d-e-f-g-h-i", 17, a, b), 0); /* more than TT_MAX_PARTS */
    size_t x, y;
    CU_ASSERT(tt_hyphen_part("state-diaspora", 14, 2, &x, &y) && x == 6 && y == 14);
    CU_ASSERT(!tt_hyphen_part("state-diaspora", 14, 3, &x, &y));
}

typedef struct env {
    tt_normalizer *nz;
    tt_tokenizer *tk;
    tt_lexicon *lx;
    tt_matcher *m;
    tt_tokseq ts;
    tt_hit *hits;
    size_t nh, caph;
} env;

static int
env_open(env *v, const char *lex)
{
    tt_error e;
    tt_error_clear(&e);
    memset(v, 0, sizeof *v);
    tt_tokseq_init(&v->ts);
    if (tt_normalizer_new(&v->nz, NULL, &e) || tt_tokenizer_new(&v->tk, NULL, &e) ||
        tt_lexicon_load_mem(&v->lx, "t.lex", lex, strlen(lex), NULL, v->nz, &e) ||
        tt_matcher_new(&v->m, v->lx, &e)) {
        char msg[1200];
        fprintf(stderr, "setup: %s\n", tt_error_format(&e, msg, sizeof msg));
        return -1;
    }
    return 0;
}

static void
env_close(env *v)
{
    free(v->hits);
    tt_tokseq_free(&v->ts);
    tt_matcher_free(v->m);
    tt_lexicon_free(v->lx);
    tt_tokenizer_free(v->tk);
    tt_normalizer_free(v->nz);
}

static int
env_run(env *v, tt_lang lang, const char *text)
{
    tt_error e;
    tt_tokseq_reset_doc(&v->ts);
    v->nh = 0;
    if (tt_tokenize(v->tk, v->nz, lang, TT_SCRIPT_ANY, text, strlen(text), 0, NULL, NULL, &v->ts, &e) ||
        tt_matcher_run(v->m, lang, &v->ts, TT_OVERLAP_LONGEST, &v->hits, &v->nh, &v->caph, &e))
        return -1;
    return 0;
}

/* The span of hit i in text as written (tt_hyphen_part of its token for a part hit). */
static void
span(const env *v, const char *text, size_t i, size_t *s, size_t *e)
{
    const tt_hit *h = &v->hits[i];
    *s = v->ts.tok[h->first].start;
    *e = v->ts.tok[h->last].end;
    size_t a, b;
    if (h->part && tt_hyphen_part(text + *s, *e - *s, h->part, &a, &b)) {
        *e = *s + b;
        *s += a;
    }
}

static void
test_match_parts(void)
{
    static const char lex[] = "concept diaspora people\nconcept homeland place\nconcept state polity\n"
                              "concept repatriation process\nconcept migration process\nconcept hh place\n"
                              "en diaspora lemma diaspora\nen homeland lemma homeland\nen hh multi historical homeland\n"
                              "ru repatriation lemma репатриант ; forms=репатрианта,репатрианты\n"
                              "kk migration lemma көші-қон\nkk migration lemma көш\n";
    env v;
    CU_ASSERT_FATAL(env_open(&v, lex) == 0);
    const char *en = "The homeland-diaspora nexus and state-diaspora ties; a historical-homeland claim.";
    CU_ASSERT_FATAL(env_run(&v, TT_LANG_EN, en) == 0);
    /* homeland + diaspora from one token, diaspora from state-diaspora, homeland from historical-homeland (a
       multiword never applies to parts) */
    CU_ASSERT_EQUAL_FATAL(v.nh, 4);
    const char *want[] = {"homeland", "diaspora", "diaspora", "homeland"};
    size_t pos = 0;
    for (size_t i = 0; i < v.nh; i++) {
        size_t s, e;
        span(&v, en, i, &s, &e);
        CU_ASSERT(e - s == strlen(want[i]) && !memcmp(en + s, want[i], e - s));
        CU_ASSERT(s >= pos); /* in document order */
        pos = s;
        CU_ASSERT(v.hits[i].part >= 1);
    }
    CU_ASSERT_EQUAL(v.hits[0].first, v.hits[1].first);
    CU_ASSERT_EQUAL(v.hits[0].part, 1);
    CU_ASSERT_EQUAL(v.hits[1].part, 2);
    const char *ru = "Беженцы-репатрианты получают помощь.";
    CU_ASSERT_FATAL(env_run(&v, TT_LANG_RU, ru) == 0);
    CU_ASSERT_EQUAL_FATAL(v.nh, 1);
    size_t s, e;
    span(&v, ru, 0, &s, &e);
    CU_ASSERT(e - s == strlen("репатрианты") && !memcmp(ru + s, "репатрианты", e - s));
    /* matched whole first: көші-қон is one entry, not the parts көш + қон */
    const char *kk = "Көші-қон саясаты. Қадір-\xe2\x81\xa0қасиеті бар.";
    CU_ASSERT_FATAL(env_run(&v, TT_LANG_KK, kk) == 0);
    CU_ASSERT_EQUAL_FATAL(v.nh, 1);
    CU_ASSERT_EQUAL(v.hits[0].part, 0);
    span(&v, kk, 0, &s, &e);
    CU_ASSERT(e - s == strlen("Көші-қон"));
    env_close(&v);
    /* an exclusion that matches the whole is an entry that matches: the parts are not tried (civil law) */
    static const char lex2[] = "concept citizenship status\nkk citizenship lemma азаматтық\n"
                               "kk citizenship exclude азаматтық-*\n";
    CU_ASSERT_FATAL(env_open(&v, lex2) == 0);
    CU_ASSERT_FATAL(env_run(&v, TT_LANG_KK, "Азаматтық-құқықтық шарт. Азаматтық алды.") == 0);
    CU_ASSERT_EQUAL(v.nh, 1);
    CU_ASSERT_EQUAL(v.nh ? v.hits[0].first : 99, 2);
    env_close(&v);
    CU_ASSERT_FATAL(env_open(&v, lex) == 0);
    CU_ASSERT_FATAL(env_run(&v, TT_LANG_KK, kk) == 0);
    /* the word joiner after the hyphen does not split қадір-қасиеті: one token */
    size_t words = 0;
    for (size_t t = 0; t < v.ts.ntok; t++)
        words += v.ts.tok[t].end - v.ts.tok[t].start == strlen("Қадір-\xe2\x81\xa0қасиеті") &&
                 !memcmp(kk + v.ts.tok[t].start, "Қадір", strlen("Қадір"));
    CU_ASSERT_EQUAL(words, 1);
    env_close(&v);
}

/* Invisible characters (default-ignorable) next to a hyphen: before it, after it, several. */
static void
test_invisibles(void)
{
    static const char lex[] = "concept migration process\nkk migration lemma көші-қон\n";
    env v;
    CU_ASSERT_FATAL(env_open(&v, lex) == 0);
    static const char *const texts[] = {
        "көші-\xe2\x81\xa0қон", "көші\xe2\x81\xa0-қон",  "көші-\xc2\xadқон",
        "көші-\xe2\x80\x8bқон", "көші-\xef\xbb\xbfқон", "көші\xe2\x80\x8d-\xe2\x81\xa0қон",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "Біз %s туралы айтамыз.", texts[i]);
        CU_ASSERT_FATAL(env_run(&v, TT_LANG_KK, text) == 0);
        CU_ASSERT_EQUAL(v.ts.ntok, 4);
        CU_ASSERT_EQUAL(v.nh, 1);
        if (v.nh == 1)
            CU_ASSERT_EQUAL(v.ts.tok[v.hits[0].first].end - v.ts.tok[v.hits[0].first].start, strlen(texts[i]));
    }
    /* a space next to the hyphen still separates */
    CU_ASSERT_FATAL(env_run(&v, TT_LANG_KK, "Біз көші - қон туралы.") == 0);
    CU_ASSERT_EQUAL(v.nh, 0);
    env_close(&v);
}

static void
reg(void)
{
    tt_test_suite("compound", "hyphen parts of a word", test_parts,
                  "parts match where the whole does not, with their own offsets", test_match_parts,
                  "a default-ignorable next to a hyphen does not split a word", test_invisibles, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
