/* test_match.c - the matcher over hand-built token sequences: leftmost-longest overlaps, ties by entry order,
 * --overlap all, multiword gaps, Russian agreement through stem sets, non-word tokens skipped, no match across
 * sentences, exclusions (single-word and multiword), scripts. */
#include "support.h"
#include "tt/lexicon.h"
#include "match_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builds a token sequence from "w1 w2 | w3": words separated by spaces, '|' starts a new sentence. The match
 * forms are the words themselves (the lexicons here are loaded without a normalizer). A word written "^w" is
 * the word w capitalised as written (TT_TOK_CAPITAL); a sentence's first token gets TT_TOK_SENT_START. */
static void
mkts(tt_tokseq *ts, const char *text)
{
    tt_tokseq_init(ts);
    uint32_t sent = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e - p == 1 && *p == '|') {
            sent++;
            p = e;
            continue;
        }
        if (ts->ntok == ts->captok) {
            ts->captok = ts->captok ? ts->captok * 2 : 16;
            ts->tok = realloc(ts->tok, ts->captok * sizeof *ts->tok);
        }
        tt_token *t = &ts->tok[ts->ntok++];
        memset(t, 0, sizeof *t);
        if (ts->ntok == 1 || ts->tok[ts->ntok - 2].sent != sent)
            t->flags |= TT_TOK_SENT_START;
        if (*p == '^' && e - p > 1) {
            t->flags |= TT_TOK_CAPITAL;
            p++;
        }
        t->start = (uint64_t)(p - text);
        t->end = (uint64_t)(e - text);
        t->sent = sent;
        t->match_off = (uint32_t)ts->forms.len;
        t->match_len = (uint32_t)(e - p);
        tt_buf_append(&ts->forms, p, (size_t)(e - p));
        p = e;
    }
}

/* Runs lexicon text over tokens; returns the hits as "concept[first-last] ..." (static buffer). */
static const char *
run(const char *lex, tt_lang lang, const char *text, tt_overlap ov)
{
    static char out[2048];
    tt_lexicon *lx;
    tt_matcher *m;
    tt_error err;
    tt_error_clear(&err);
    out[0] = 0;
    if (tt_lexicon_load_mem(&lx, "m.lex", lex, strlen(lex), NULL, NULL, &err)) {
        char msg[1300];
        snprintf(out, sizeof out, "load error: %s", tt_error_format(&err, msg, sizeof msg));
        return out;
    }
    if (tt_matcher_new(&m, lx, &err)) {
        tt_lexicon_free(lx);
        return "matcher error";
    }
    tt_tokseq ts;
    mkts(&ts, text);
    tt_hit *h = NULL;
    size_t nh = 0, ch = 0;
    /* twice: the second run is served from the type cache and must agree */
    for (int pass = 0; pass < 2; pass++) {
        nh = 0;
        if (tt_matcher_run(m, lang, &ts, ov, &h, &nh, &ch, &err)) {
            snprintf(out, sizeof out, "run error: %s", err.msg);
            break;
        }
        size_t len = 0;
        out[0] = 0;
        for (size_t i = 0; i < nh; i++)
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%s[%u-%u]", i ? " " : "",
                                    tt_lexicon_concept(lx, h[i].concept)->id, h[i].first, h[i].last);
    }
    free(h);
    tt_tokseq_free(&ts);
    tt_matcher_free(m);
    tt_lexicon_free(lx);
    return out;
}

static const char *KK = "concept compatriot population\n"
                        "concept foundation institution\n"
                        "concept homeland identity\n"
                        "kk compatriot lemma otandas\n"
                        "kk foundation multi otandastar qory\n"
                        "kk homeland lemma otan\n";

static void
test_longest(void)
{
    CU_ASSERT_STRING_EQUAL(run(KK, TT_LANG_KK, "otandastar qorynyñ", TT_OVERLAP_LONGEST), "foundation[0-1]");
    CU_ASSERT_STRING_EQUAL(run(KK, TT_LANG_KK, "bizdiñ otandastarymyzğa", TT_OVERLAP_LONGEST), "compatriot[1-1]");
    CU_ASSERT_STRING_EQUAL(run(KK, TT_LANG_KK, "otandastar otandastar qory otanyna", TT_OVERLAP_LONGEST),
                           "compatriot[0-0] foundation[1-2] homeland[3-3]");
    /* leftmost wins over a later overlapping span of the same length */
    const char *lex = "concept a x\nconcept b x\nen a multi red blue\nen b multi blue green\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "red blue green", TT_OVERLAP_LONGEST), "a[0-1]");
}

static void
test_ties_and_all(void)
{
    const char *lex = "concept first x\nconcept second x\nen first lemma home\nen second glob hom*\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "homes", TT_OVERLAP_LONGEST), "first[0-0]");
    const char *lex2 = "concept second x\nconcept first x\nen first glob hom*\nen second lemma home\n";
    CU_ASSERT_STRING_EQUAL(run(lex2, TT_LANG_EN, "homes", TT_OVERLAP_LONGEST), "first[0-0]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "homes", TT_OVERLAP_ALL), "first[0-0] second[0-0]");
    CU_ASSERT_STRING_EQUAL(run(KK, TT_LANG_KK, "otandastar qory", TT_OVERLAP_ALL),
                           "compatriot[0-0] foundation[0-1]");
    /* two entries of one concept on one span count once */
    const char *lex3 = "concept a x\nen a lemma home\nen a glob hom*\n";
    CU_ASSERT_STRING_EQUAL(run(lex3, TT_LANG_EN, "homes", TT_OVERLAP_ALL), "a[0-0]");
}

static void
test_gap(void)
{
    const char *lex = "concept rights policy\nen rights multi protection [2] right\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "protection rights", TT_OVERLAP_LONGEST), "rights[0-1]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "the protection of their rights", TT_OVERLAP_LONGEST),
                           "rights[1-4]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "protection of all their rights", TT_OVERLAP_LONGEST), "");
    /* non-word tokens do not count in the gap and are skipped between parts */
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "protection « of » their « rights", TT_OVERLAP_LONGEST),
                           "rights[0-6]");
}

static void
test_nonword_skipped(void)
{
    const char *lex = "concept fund institution\nru fund multi фонд =отандастар\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "фонда « отандастар »", TT_OVERLAP_LONGEST), "fund[0-2]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "фонд отандастарымыз", TT_OVERLAP_LONGEST), "");
}

static void
test_russian_agreement(void)
{
    const char *lex = "concept labour_migration process\nconcept ethnic_kazakh population\n"
                      "ru labour_migration multi трудовая миграция\n"
                      "ru ethnic_kazakh multi этнический казах\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "трудовой миграции", TT_OVERLAP_LONGEST), "labour_migration[0-1]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "трудовую миграцию", TT_OVERLAP_LONGEST), "labour_migration[0-1]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "этническими казахами", TT_OVERLAP_LONGEST), "ethnic_kazakh[0-1]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "этнический казах", TT_OVERLAP_LONGEST), "ethnic_kazakh[0-1]");
    /* the weak stem каз (from казах) does not reach other words */
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "этнические казы", TT_OVERLAP_LONGEST), "");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "трудовой | миграции", TT_OVERLAP_LONGEST), "");
}

static void
test_no_cross_sentence(void)
{
    CU_ASSERT_STRING_EQUAL(run(KK, TT_LANG_KK, "otandastar | qory", TT_OVERLAP_LONGEST), "compatriot[0-0]");
    const char *lex = "concept rights policy\nen rights multi protection [2] right\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "protection of | rights", TT_OVERLAP_LONGEST), "");
}

static void
test_exclusions(void)
{
    const char *lex = "concept homeland identity\nconcept compatriot population\n"
                      "ru homeland lemma отечество\n"
                      "ru compatriot glob *отечеств*\n"
                      "ru compatriot exclude отечество\n"
                      "ru compatriot exclude /отечествен.*/\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "отечества", TT_OVERLAP_ALL), "homeland[0-0]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "отечественный", TT_OVERLAP_ALL), "");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_RU, "соотечественники", TT_OVERLAP_ALL), "compatriot[0-0]");
    /* a multiword exclusion suppresses its concept's hits inside its span only */
    const char *lex2 = "concept citizenship status\nkk citizenship lemma azamattyq\n"
                       "kk citizenship exclude azamattyq qoğam\n";
    CU_ASSERT_STRING_EQUAL(run(lex2, TT_LANG_KK, "azamattyq qoğamnyñ azamattyğy", TT_OVERLAP_LONGEST),
                           "citizenship[2-2]");
    /* a parent is never counted implicitly */
    const char *lex3 = "concept migration process\nconcept labour process parent=migration\n"
                       "en labour multi labour migration\n";
    CU_ASSERT_STRING_EQUAL(run(lex3, TT_LANG_EN, "labour migration", TT_OVERLAP_ALL), "labour[0-1]");
}

static void
test_scripts_and_langs(void)
{
    const char *lex = "concept a x\nkk/Cyrl a lemma otan\n";
    tt_lexicon *lx;
    tt_matcher *m;
    tt_error err;
    CU_ASSERT_EQUAL_FATAL(tt_lexicon_load_mem(&lx, "s.lex", lex, strlen(lex), NULL, NULL, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_matcher_new(&m, lx, &err), 0);
    tt_tokseq ts;
    mkts(&ts, "otany");
    tt_hit *h = NULL;
    size_t nh = 0, ch = 0;
    CU_ASSERT_EQUAL(tt_matcher_run(m, TT_LANG_KK, &ts, TT_OVERLAP_LONGEST, &h, &nh, &ch, &err), 0);
    CU_ASSERT_EQUAL(nh, 1);
    tt_matcher_set_script(m, TT_SCRIPT_LATN_2021);
    nh = 0;
    CU_ASSERT_EQUAL(tt_matcher_run(m, TT_LANG_KK, &ts, TT_OVERLAP_LONGEST, &h, &nh, &ch, &err), 0);
    CU_ASSERT_EQUAL(nh, 0);
    nh = 0; /* another language: the kk entry does not apply */
    tt_matcher_set_script(m, TT_SCRIPT_ANY);
    CU_ASSERT_EQUAL(tt_matcher_run(m, TT_LANG_UZ, &ts, TT_OVERLAP_LONGEST, &h, &nh, &ch, &err), 0);
    CU_ASSERT_EQUAL(nh, 0);
    free(h);
    tt_tokseq_free(&ts);
    tt_matcher_free(m);
    tt_lexicon_free(lx);
}

static void
test_many_entries_index(void)
{
    /* 10,000 lemmas: each type is tested only against entries sharing its literal key */
    tt_buf lex = {0};
    tt_buf_puts(&lex, "concept a x\nconcept b y\n");
    for (int i = 0; i < 10000; i++)
        tt_buf_printf(&lex, "kk a lemma w%05dtan\n", i);
    tt_buf_puts(&lex, "kk b lemma otandas\n");
    CU_ASSERT_STRING_EQUAL(run(lex.data, TT_LANG_KK, "w00042tandarğa otandastar w1", TT_OVERLAP_LONGEST),
                           "a[0-0] b[1-1]");
    tt_buf_free(&lex);
}

/* case=: a per-token condition on the case as written, applied after the (case-free) type cache */
static void
test_case_conditions(void)
{
    const char *lex = "concept citizenship status\nconcept name person\n"
                      "kk citizenship lemma azamat\n"
                      "kk citizenship exclude azamat ; case=proper\n"
                      "kk name lemma azamat ; case=proper\n";
    /* mid-sentence capital: the name; lowercase and sentence-initial: citizenship. The same type (azamat)
       is in every sentence, so the second pass of run() reads it from the cache each time. */
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_KK, "sälem ^azamat | azamat keldi | ^azamat keldi", TT_OVERLAP_ALL),
                           "name[1-1] citizenship[2-2] citizenship[4-4]");
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_KK, "biz ^azamattyñ azamattarymyz", TT_OVERLAP_ALL),
                           "name[1-1] citizenship[2-2]");
    /* an unconditional exclusion still acts on the type */
    const char *lex2 = "concept citizenship status\n"
                       "kk citizenship lemma azamat\n"
                       "kk citizenship exclude azamat ; case=proper\n"
                       "kk citizenship exclude =azamatqa\n";
    CU_ASSERT_STRING_EQUAL(run(lex2, TT_LANG_KK, "x ^azamat azamatqa ^azamatqa azamat", TT_OVERLAP_ALL),
                           "citizenship[4-4]");
    /* case=lower on a lemma; a conditional exclusion also removes the concept's multiword parts there */
    const char *lex3 = "concept a x\nconcept b y\n"
                       "en a lemma bush ; case=lower\n"
                       "en b multi bush fire\n"
                       "en b exclude bush ; case=proper\n";
    CU_ASSERT_STRING_EQUAL(run(lex3, TT_LANG_EN, "the bush | ^bush said | the ^bush fire | a bush fire",
                               TT_OVERLAP_ALL),
                           "a[1-1] a[2-2] a[8-8] b[8-9]");
    /* on a multiword, the condition is on its first token */
    const char *lex4 = "concept org x\nen org multi green party ; case=proper\n";
    CU_ASSERT_STRING_EQUAL(run(lex4, TT_LANG_EN, "the ^green ^party | the green party | the ^green party",
                               TT_OVERLAP_ALL),
                           "org[1-2] org[7-8]");
    /* case=capital: capitalised wherever it stands (a name followed by a patronymic, even sentence-initial) */
    const char *lex5 = "concept c x\nkk c lemma azamat\nkk c exclude =azamat *ūly ; case=capital\n";
    CU_ASSERT_STRING_EQUAL(run(lex5, TT_LANG_KK, "^azamat ^tölegenūly keldi | azamat serikūly | x ^azamat ^serikūly",
                               TT_OVERLAP_ALL),
                           "c[3-3]");
    /* explain names the condition; check does not take a conditional exclusion for one that always applies */
    {
        tt_lexicon *lx;
        tt_matcher *m;
        tt_error err;
        tt_buf out = {0};
        size_t nw = 99;
        CU_ASSERT_FATAL(tt_lexicon_load_mem(&lx, "c.lex", lex, strlen(lex), NULL, NULL, &err) == 0);
        CU_ASSERT_FATAL(tt_matcher_new(&m, lx, &err) == 0);
        CU_ASSERT_EQUAL(tt_matcher_explain(m, TT_LANG_KK, "azamattar", 9, &out, &err), 0);
        CU_ASSERT(out.data && strstr(out.data, "excluded where the token is capitalised and not sentence-initial"));
        CU_ASSERT(out.data && strstr(out.data, "(case=proper)"));
        tt_buf_reset(&out);
        CU_ASSERT_EQUAL(tt_lexicon_check(lx, m, &out, &nw, &err), 0);
        CU_ASSERT_EQUAL(nw, 0);
        CU_ASSERT(out.data && strstr(out.data, "\tcase=proper\n"));
        tt_buf_free(&out);
        tt_matcher_free(m);
        tt_lexicon_free(lx);
    }
    /* an unknown case is an error */
    CU_ASSERT(strstr(run("concept a x\nen a lemma w ; case=upper\n", TT_LANG_EN, "w", TT_OVERLAP_ALL),
                     "unknown case 'upper'") != NULL);
}

/* A glob is matched by characters as tt_utf8_step reads them: its first ASCII literal may be written as an
 * overlong form (C1 AF reads as 'o'), which the quick test for that literal must let through. */
static void
test_glob_literals(void)
{
    const char *lex = "concept g x\nen g glob *ov*\n";
    CU_ASSERT_STRING_EQUAL(run(lex, TT_LANG_EN, "ivanov smirnova \xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2 x\xc1\xafvx ox",
                               TT_OVERLAP_LONGEST),
                           "g[0-0] g[1-1] g[3-3]");
}

/* The front cache's key names a form exactly: two forms of 1..FC_MAXLEN bytes that differ (in a byte, the
 * length or the language) never get the same key; the bytes after a form do not change its key. */
static void
test_front_keys(void)
{
    uint64_t st = 0x9E3779B97F4A7C15ull;
    char buf[64], cp[64];
    long bad = 0, same = 0;
    for (int round = 0; round < 20000; round++) {
        for (size_t i = 0; i < sizeof buf; i++)
            buf[i] = (char)(tt_test_xorshift(&st) % 4 ? 'a' + tt_test_xorshift(&st) % 3 : tt_test_xorshift(&st));
        size_t n = 1 + tt_test_xorshift(&st) % FC_MAXLEN, m = 1 + tt_test_xorshift(&st) % FC_MAXLEN;
        tt_lang lang = (tt_lang)(tt_test_xorshift(&st) % TT_LANG_COUNT), l2 = tt_test_xorshift(&st) % 8 ? lang
                                                                                                           : TT_LANG_EN;
        uint64_t a1, b1, a2, b2, a3, b3;
        uint32_t m1, m2, m3;
        size_t i1 = fc_key(lang, buf, n, &a1, &b1, &m1);
        memcpy(cp, buf, n);
        memset(cp + n, 'z', sizeof cp - n);
        size_t i2 = fc_key(lang, cp, n, &a2, &b2, &m2);
        bad += i1 != i2 || a1 != a2 || b1 != b2 || m1 != m2;
        fc_key(l2, buf + 32, m, &a3, &b3, &m3);
        int eq = n == m && lang == l2 && memcmp(buf, buf + 32, n) == 0;
        same += !eq && a1 == a3 && b1 == b3 && m1 == m3;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(same, 0);
}

static void
reg(void)
{
    tt_test_suite("match", "overlaps: leftmost-longest wins", test_longest,
                  "ties go to the entry listed first; --overlap all reports each", test_ties_and_all,
                  "multiword gaps count word tokens", test_gap, "non-word tokens are skipped",
                  test_nonword_skipped, "Russian multiwords agree through stem sets", test_russian_agreement,
                  "no match across sentences", test_no_cross_sentence, "exclusions beat matches", test_exclusions,
                  "script-restricted entries and languages", test_scripts_and_langs,
                  "a 10,000-entry lexicon is indexed", test_many_entries_index,
                  "case=proper / case=lower apply per token", test_case_conditions,
                  "the front cache's key names one form", test_front_keys,
                  "a glob's literals are read as characters", test_glob_literals, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
