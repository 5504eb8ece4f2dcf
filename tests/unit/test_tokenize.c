/* test_tokenize.c - the tokenizer: offsets into the text as written, Uzbek apostrophes and ZWSP before the
 * word break, hyphen and line-end joins, sentences (abbreviations, numbers, article numbers, wrapped lines),
 * paragraphs, article and chapter headings in kk/uz/ru/en, pieces and their document-wide numbering,
 * counters, tt_tokenize_cut. */
#include "support.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tt_normalizer *nz;
static tt_tokenizer *tk;
static tt_tokseq ts;

static int
init(void)
{
    tt_error err;
    tt_tokseq_init(&ts);
    return tt_normalizer_new(&nz, NULL, &err) != 0 || tt_tokenizer_new(&tk, NULL, &err) != 0;
}

static int
fini(void)
{
    tt_tokseq_free(&ts);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
    return 0;
}

static void
tok(tt_lang l, tt_script sc, const char *s)
{
    tt_error err;
    tt_tokseq_reset_doc(&ts);
    CU_ASSERT_EQUAL(tt_tokenize(tk, nz, l, sc, s, strlen(s), 0, NULL, NULL, &ts, &err), 0);
}

static int
form_is(size_t i, const char *want)
{
    if (i >= ts.ntok)
        return 0;
    return ts.tok[i].match_len == strlen(want) && memcmp(ts.forms.data + ts.tok[i].match_off, want,
                                                         strlen(want)) == 0;
}

static void
test_offsets_and_forms(void)
{
    const char *s = "«Отандастар» қоры, 2020 жыл.";
    tok(TT_LANG_KK, TT_SCRIPT_CYRL, s);
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 4);
    CU_ASSERT(form_is(0, "otandastar"));
    CU_ASSERT_EQUAL(ts.tok[0].start, strlen("«"));
    CU_ASSERT_EQUAL(ts.tok[0].end, strlen("«Отандастар"));
    CU_ASSERT(form_is(2, "2020"));
    CU_ASSERT(ts.tok[2].flags & TT_TOK_NUMBER);
    CU_ASSERT_EQUAL(ts.tok[3].end, strlen(s) - 1);
    /* base offset is added */
    tt_error err;
    tt_tokseq_reset_doc(&ts);
    CU_ASSERT_EQUAL(tt_tokenize(tk, nz, TT_LANG_EN, TT_SCRIPT_LATN, "a b", 3, 1000, NULL, NULL, &ts, &err), 0);
    CU_ASSERT_EQUAL(ts.tok[1].start, 1002);
}

static void
test_uzbek_apostrophes(void)
{
    tok(TT_LANG_UZ, TT_SCRIPT_LATN, "o'zbek g\xE2\x80\x98oya ta\xE2\x80\x99lim tog' O`zbekiston");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 5);
    CU_ASSERT(form_is(0, "o\xCA\xBBzbek"));
    CU_ASSERT(form_is(1, "g\xCA\xBBoya"));
    CU_ASSERT(form_is(2, "ta\xCA\xBClim"));
    CU_ASSERT(form_is(3, "tog\xCA\xBB"));
    CU_ASSERT_EQUAL(ts.tok[3].end - ts.tok[3].start, 4); /* the apostrophe is part of the token as written */
    CU_ASSERT(form_is(4, "o\xCA\xBBzbekiston"));
    /* in English, the apostrophe after a word is a closing quote */
    tok(TT_LANG_EN, TT_SCRIPT_LATN, "the 'dog' barks");
    CU_ASSERT_EQUAL(ts.ntok, 3);
    CU_ASSERT(form_is(1, "dog"));
}

static void
test_joins(void)
{
    tok(TT_LANG_KK, TT_SCRIPT_CYRL, "көші-қон АҚШ-пен Qazaqstan-Uzbekistan отан\xE2\x80\x8B" "дас");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 4);
    CU_ASSERT(form_is(0, "köşi-qon"));
    CU_ASSERT(ts.tok[0].flags & TT_TOK_HYPHEN);
    CU_ASSERT(form_is(1, "aqş-pen"));
    CU_ASSERT(form_is(2, "qazaqstan-uzbekistan"));
    CU_ASSERT(form_is(3, "otandas"));
    CU_ASSERT_EQUAL(ts.hyphen_joins, 3);
    /* a spaced dash does not join */
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "Астана - столица");
    CU_ASSERT_EQUAL(ts.ntok, 2);
    /* line-end hyphen: joined when the joined form occurs unhyphenated in the piece */
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "диаспора и диас-\nпора");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 3);
    CU_ASSERT(form_is(2, "диаспора"));
    CU_ASSERT(ts.tok[2].flags & TT_TOK_LINEJOIN);
    CU_ASSERT_EQUAL(ts.line_joins, 1);
    CU_ASSERT_EQUAL(ts.tok[2].end, strlen("диаспора и диас-\nпора"));
    /* else kept with its hyphen */
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "социально-  \r\n  экономический");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 1);
    CU_ASSERT(form_is(0, "социально-экономический"));
    CU_ASSERT(ts.tok[0].flags & TT_TOK_HYPHEN);
    /* soft hyphen at line end: always joined */
    tok(TT_LANG_EN, TT_SCRIPT_LATN, "repa\xC2\xAD\ntriation");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 1);
    CU_ASSERT(form_is(0, "repatriation"));
}

static void
test_homoglyph_counters(void)
{
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "cети oни диаспоrа");
    CU_ASSERT_EQUAL(ts.homoglyph_repairs, 2);
    CU_ASSERT_EQUAL(ts.mixed_unrepaired, 1);
    CU_ASSERT(ts.tok[0].flags & TT_TOK_HOMOGLYPH);
    CU_ASSERT(!(ts.tok[2].flags & TT_TOK_HOMOGLYPH));
}

static void
test_sentences(void)
{
    /* abbreviations, numbers and article numbers do not end a sentence */
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "См. ст. 6. Закона от 1998 г. И. И. Иванов сказал. Второе предложение. Третье.");
    CU_ASSERT_EQUAL(ts.sentences, 3);
    tok(TT_LANG_KK, TT_SCRIPT_CYRL, "1998 ж. Қазақстанда т.б. елдерде. Содан кейін 6-бап. Күшіне енеді.");
    CU_ASSERT_EQUAL(ts.sentences, 2);
    tok(TT_LANG_UZ, TT_SCRIPT_LATN, "2020 y. qonun va h.k. qabul qilindi. Keyin 6-modda. Kuchga kiradi.");
    CU_ASSERT_EQUAL(ts.sentences, 2);
    tok(TT_LANG_EN, TT_SCRIPT_LATN, "See Art. 6 and No. 5, e.g. this. Mr. Smith came. It rained.");
    CU_ASSERT_EQUAL(ts.sentences, 3);
    /* a hard-wrapped line goes on; a line ending a sentence does not */
    tok(TT_LANG_EN, TT_SCRIPT_LATN, "The law was\nadopted in May.\nThe next one");
    CU_ASSERT_EQUAL(ts.sentences, 2);
    CU_ASSERT_EQUAL(ts.tok[2].sent, 0);
    CU_ASSERT_EQUAL(ts.tok[5].sent, 0);
    CU_ASSERT_EQUAL(ts.tok[6].sent, 1);
}

static void
test_paragraphs_and_headings(void)
{
    const char *ru = "\xEF\xBB\xBFГлава 1. Общие положения\nСтатья 1. Основные понятия\nТекст статьи один.\n\n"
                     "Второй абзац.\nСтатья 2\nТекст два.";
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, ru);
    CU_ASSERT_EQUAL_FATAL(ts.narticles, 2);
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 1), "Статья 1");
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 2), "Статья 2");
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 0), "");
    CU_ASSERT(form_is(0, "глава"));
    CU_ASSERT_EQUAL(ts.tok[0].article, 0);
    CU_ASSERT(ts.tok[0].flags & TT_TOK_HEADING);
    CU_ASSERT(ts.tok[1].flags & TT_TOK_HEADING);
    CU_ASSERT(!(ts.tok[2].flags & TT_TOK_HEADING));
    /* "Статья" of article 1 */
    CU_ASSERT(form_is(4, "статья"));
    CU_ASSERT_EQUAL(ts.tok[4].article, 1);
    CU_ASSERT_EQUAL(ts.tok[ts.ntok - 1].article, 2);
    /* paragraphs: chapter, article 1, blank line, article 2 */
    CU_ASSERT_EQUAL(ts.paragraphs, 4);
    CU_ASSERT_EQUAL(ts.tok[ts.ntok - 1].para, 3);
    /* other languages */
    tok(TT_LANG_KK, TT_SCRIPT_CYRL, "1-тарау. Жалпы\n6-бап. Ұғымдар\nМәтін 7-бапта.\n7 - бап\nМәтін.");
    CU_ASSERT_EQUAL_FATAL(ts.narticles, 2);
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 1), "6-бап");
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 2), "7 - бап");
    tok(TT_LANG_UZ, TT_SCRIPT_LATN, "I bob\nDavlat\n1 modda\nMatn.\n2-modda. Matn.\nBirinchi bo`lim\nMatn.");
    CU_ASSERT_EQUAL_FATAL(ts.narticles, 2);
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 1), "1 modda");
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 2), "2-modda");
    CU_ASSERT_EQUAL(ts.tok[ts.ntok - 1].article, 0); /* after a chapter (bo'lim) heading */
    tok(TT_LANG_EN, TT_SCRIPT_LATN, "Part one\nChapter I\nArticle 1\nText.\nArticle 12a. Text.\nArticles of faith.");
    CU_ASSERT_EQUAL_FATAL(ts.narticles, 2);
    CU_ASSERT_STRING_EQUAL(tt_tokseq_article_label(&ts, 2), "Article 12a");
    CU_ASSERT_EQUAL(ts.tok[ts.ntok - 1].article, 2);
}

static void
test_pieces(void)
{
    /* a document fed in two pieces gets document-wide numbers and offsets */
    const char *doc = "Статья 1. Первое.\n\nСтатья 2. Второе предложение. Ещё одно.\n";
    size_t n = strlen(doc);
    size_t cut = tt_tokenize_cut(doc, 20);
    CU_ASSERT_EQUAL(cut, strlen("Статья 1. Первое.\n\n") > 20 ? cut : strlen("Статья 1. Первое.\n\n"));
    cut = tt_tokenize_cut(doc, strlen("Статья 1. Первое.\n\nСтатья"));
    CU_ASSERT_EQUAL(cut, strlen("Статья 1. Первое.\n\n"));
    tt_error err;
    tt_tokseq_reset_doc(&ts);
    CU_ASSERT_EQUAL(tt_tokenize(tk, nz, TT_LANG_RU, TT_SCRIPT_CYRL, doc, cut, 0, NULL, NULL, &ts, &err), 0);
    size_t first = ts.ntok;
    tt_tokseq_reset(&ts);
    CU_ASSERT_EQUAL(tt_tokenize(tk, nz, TT_LANG_RU, TT_SCRIPT_CYRL, doc + cut, n - cut, cut, NULL, NULL, &ts,
                                &err),
                    0);
    CU_ASSERT_EQUAL(first, 3);
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 6);
    CU_ASSERT_EQUAL(ts.tok[0].start, cut);
    CU_ASSERT_EQUAL(ts.tok[0].article, 2);
    CU_ASSERT_EQUAL(ts.tok[0].para, 1);
    CU_ASSERT_EQUAL(ts.tok[0].sent, 1);
    CU_ASSERT_EQUAL(ts.tok[5].sent, 2);
    CU_ASSERT_EQUAL(ts.sentences, 3);
    CU_ASSERT_EQUAL(ts.narticles, 2);
    /* no place to cut */
    CU_ASSERT_EQUAL(tt_tokenize_cut("abcdef", 6), 0);
    CU_ASSERT_EQUAL(tt_tokenize_cut("ab cd", 5), 3);
    /* a line ending in a hyphen is not a cut point */
    CU_ASSERT_EQUAL(tt_tokenize_cut("ab диас-\nпора x", strlen("ab диас-\nпора")), 3);
}

static void
test_kk_alphabet_from_text(void)
{
    /* script LATN: the alphabet is detected from the piece (2018 here: u is Ұ) */
    tok(TT_LANG_KK, TT_SCRIPT_LATN, "Ulttyq qandastardyń jáne úshin");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 4);
    CU_ASSERT(form_is(0, "ūlttyq"));
    CU_ASSERT(form_is(1, "qandastardyñ"));
    /* 2017 word-final apostrophe letters stay in the word */
    tok(TT_LANG_KK, TT_SCRIPT_LATN_2017, "ten' qazaqs'a");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 2);
    CU_ASSERT(form_is(0, "teñ"));
    CU_ASSERT(form_is(1, "qazaqşa"));
    /* a Cyrillic word inside a Latin Kazakh text still folds */
    tok(TT_LANG_KK, TT_SCRIPT_LATN_2018, "qandas қандас");
    CU_ASSERT(form_is(1, "qandas"));
}

static void
test_edge_inputs(void)
{
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "");
    CU_ASSERT_EQUAL(ts.ntok, 0);
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "\xEF\xBB\xBF \n\n ... «» —");
    CU_ASSERT_EQUAL(ts.ntok, 0);
    /* invalid UTF-8 does not break offsets */
    const char bad[] = "ab \xC0\xFF cd";
    tt_error err;
    tt_tokseq_reset_doc(&ts);
    CU_ASSERT_EQUAL(tt_tokenize(tk, nz, TT_LANG_EN, TT_SCRIPT_LATN, bad, sizeof bad - 1, 0, NULL, NULL, &ts, &err),
                    0);
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 2);
    CU_ASSERT_EQUAL(ts.tok[1].start, 6);
    CU_ASSERT_EQUAL(ts.tok[1].end, 8);
    tt_tokenizer_free(NULL);
}

/* flags of the token whose match form is `form`, or ~0 */
static uint32_t
flags_of(const char *form)
{
    for (size_t i = 0; i < ts.ntok; i++)
        if (form_is(i, form))
            return ts.tok[i].flags;
    return ~0u;
}

static void
test_case_and_sentence_start(void)
{
    const uint32_t C = TT_TOK_CAPITAL, S = TT_TOK_SENT_START;
    tok(TT_LANG_KK, TT_SCRIPT_CYRL, "Қайырлы күн, Азамат. АЗАМАТТАР азаматы ҚР-дың");
    CU_ASSERT_EQUAL(flags_of("qaiyrly") & (C | S), C | S);
    CU_ASSERT_EQUAL(flags_of("kün") & (C | S), 0);
    CU_ASSERT_EQUAL(flags_of("azamat") & (C | S), C);
    CU_ASSERT_EQUAL(flags_of("azamattar") & (C | S), S); /* all capitals: not capitalised */
    CU_ASSERT_EQUAL(flags_of("azamaty") & (C | S), 0);
    CU_ASSERT_EQUAL(flags_of("qr-dyñ") & C, C);           /* first letter upper, a lowercase letter follows */
    /* quotes and dashes are not tokens; numbers, labels and heading words do not take the first place */
    tok(TT_LANG_KK, TT_SCRIPT_CYRL, "«Азамат келді», — деді.\n— Азамат!\n1) Азаматтар.\nа) Отан\nII. Диаспора");
    CU_ASSERT_EQUAL_FATAL(ts.ntok, 10);
    CU_ASSERT_EQUAL(ts.tok[0].flags & (C | S), C | S);
    CU_ASSERT_EQUAL(ts.tok[3].flags & (C | S), C | S);
    CU_ASSERT_EQUAL(ts.tok[4].flags & S, 0);             /* 1 */
    CU_ASSERT_EQUAL(ts.tok[5].flags & (C | S), C | S);   /* Азаматтар */
    CU_ASSERT_EQUAL(ts.tok[6].flags & S, 0);             /* а) */
    CU_ASSERT_EQUAL(ts.tok[7].flags & (C | S), C | S);   /* Отан */
    CU_ASSERT_EQUAL(ts.tok[8].flags & S, 0);             /* II. */
    CU_ASSERT_EQUAL(ts.tok[9].flags & (C | S), C | S);   /* Диаспора */
    tok(TT_LANG_RU, TT_SCRIPT_CYRL, "Статья 6. Гражданство\nВ Казахстане iPhone McDonald");
    CU_ASSERT_EQUAL(flags_of("статья") & S, 0);           /* heading word */
    CU_ASSERT_EQUAL(flags_of("гражданство") & (C | S), C | S);
    CU_ASSERT_EQUAL(flags_of("в") & (C | S), S);           /* one capital letter: not capitalised */
    CU_ASSERT_EQUAL(flags_of("казахстане") & (C | S), C);
    CU_ASSERT_EQUAL(flags_of("iphone") & C, 0);
    CU_ASSERT_EQUAL(flags_of("mcdonald") & C, C);
    tok(TT_LANG_UZ, TT_SCRIPT_LATN, "Men Oʻzbekistonda yashayman.");
    CU_ASSERT_EQUAL(flags_of("oʻzbekistonda") & (C | S), C);
}

static void
reg(void)
{
    CU_pSuite s = CU_add_suite("tokenize", init, fini);
    CU_add_test(s, "offsets and match forms", test_offsets_and_forms);
    CU_add_test(s, "uz apostrophes keep words whole", test_uzbek_apostrophes);
    CU_add_test(s, "hyphen, ZWSP and line-end joins", test_joins);
    CU_add_test(s, "homoglyph counters", test_homoglyph_counters);
    CU_add_test(s, "sentences: abbreviations, numbers, wrapped lines", test_sentences);
    CU_add_test(s, "paragraphs and headings (ru kk uz en)", test_paragraphs_and_headings);
    CU_add_test(s, "pieces and tt_tokenize_cut", test_pieces);
    CU_add_test(s, "kk alphabet from the text", test_kk_alphabet_from_text);
    CU_add_test(s, "edge inputs", test_edge_inputs);
    CU_add_test(s, "case as written and the sentence's first token", test_case_and_sentence_start);
}

int
main(void)
{
    return tt_test_main(reg);
}
