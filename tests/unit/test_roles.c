/* test_roles.c - hit roles (tt/roles.h, lexicons/roles/<lang>.tsv): notes, quoting instructions, quoted titles,
 * repealed articles and references lists in Kazakh, Uzbek (both scripts), Russian and English.
 *
 * The positive cases are written from the conventions of the legal databases (adilet.zan.kz / zan.gov.kz notes
 * "Сноска.", "Ескерту.", "Footnote.", "Примечание ИЗПИ!"; lex.uz parenthesised notes; amendment laws' wording
 * «...» заменить словом «...», «...» деген сөз ... ауыстырылсын, «...» soʻzi ... bilan almashtirilsin), not copied
 * from a document. Real text is read in place from ../shared/corpus: KazNERD sentences that say "деген сөз"
 * ('that means', reported speech) or "күші жойылды" (an ordinary 'lost force') and the Karakalpakstan
 * constitution in Russian, Uzbek and English must stay `text` throughout (the consolidated migration law is
 * tested end to end in tests/cli/t190-roles.sh). */
#include "support.h"
#include "tt/norm.h"
#include "tt/roles.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static tt_normalizer *nz;
static tt_tokenizer *tk;
static tt_rolefinder *rf;
static tt_tokseq ts;

static int
setup(void)
{
    if (rf)
        return 0;
    tt_error e;
    tt_error_clear(&e);
    tt_tokseq_init(&ts);
    if (tt_normalizer_new(&nz, NULL, &e) || tt_tokenizer_new(&tk, NULL, &e) || tt_rolefinder_new(&rf, NULL, &e)) {
        char msg[1200];
        fprintf(stderr, "setup: %s\n", tt_error_format(&e, msg, sizeof msg));
        return 1;
    }
    return 0;
}

static void
teardown(void)
{
    tt_rolefinder_free(rf);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
    tt_tokseq_free(&ts);
}

/* Tokenizes text as one document in lang; returns 0 or -1. */
static int
doc(tt_lang lang, tt_script script, const char *text, size_t n)
{
    if (setup())
        return -1;
    tt_error e;
    tt_error_clear(&e);
    tt_tokseq_reset_doc(&ts);
    tt_rolefinder_begin(rf, lang);
    if (tt_tokenize(tk, nz, lang, script, text, n, 0, NULL, NULL, &ts, &e) ||
        tt_rolefinder_piece(rf, text, n, 0, &ts, &e))
        return -1;
    return 0;
}

/* The role of the token at the nth (from 1) occurrence of needle in text, or -1 if there is no such token. */
static int
role_of(tt_lang lang, const char *text, const char *needle, int nth)
{
    size_t n = strlen(text);
    if (doc(lang, TT_SCRIPT_ANY, text, n))
        return -1;
    const char *p = text;
    for (int k = 0; p && k < nth; k++) {
        p = strstr(k ? p + 1 : p, needle);
    }
    if (!p)
        return -1;
    uint64_t off = (uint64_t)(p - text);
    for (size_t t = 0; t < ts.ntok; t++)
        if (ts.tok[t].start == off) {
            tt_role r;
            tt_error e;
            if (tt_rolefinder_role(rf, t, &r, &e))
                return -1;
            return (int)r;
        }
    return -1;
}

#define ROLE(lang, text, needle, nth, want) CU_ASSERT_EQUAL(role_of(lang, text, needle, nth), want)

static void
test_ru(void)
{
    const char *note = "# Закон\n\nСноска. По всему тексту слова «оралман», «оралманы» заменены соответственно словами "
                       "«кандас», «кандасы» в соответствии с Законом РК от 13.05.2020 № 327-VI.\n\nКандасы имеют "
                       "право на адаптацию.\n";
    ROLE(TT_LANG_RU, note, "оралман", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, note, "кандасы", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, note, "тексту", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_RU, note, "Кандасы", 1, TT_ROLE_TEXT);
    const char *amend = "1) в подпункте 13) статьи 1 слово «оралман» заменить словом «кандас»;\n"
                        "2) в статье 5 после слов «этнических казахов» дополнить словами «, кандасов»;\n"
                        "3) оралманы пользуются правами граждан.\n";
    ROLE(TT_LANG_RU, amend, "оралман", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, amend, "кандас", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, amend, "статьи", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_RU, amend, "казахов", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, amend, "кандасов", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, amend, "оралманы", 1, TT_ROLE_TEXT);
    const char *rep = "Статья 17. Категории оралманов\n\n> *Сноска. Cтатья 17 исключена Законом РК от 10.12.2013 "
                      "№ 153-V.*\n\nСтатья 18. Права оралманов\n\nОралманы имеют право на жилище.\n\nСтатья 19. "
                      "Квота оралманов\n\nСноска. Статья 16 исключена Законом РК от 10.12.2013 № 153-V.\n";
    ROLE(TT_LANG_RU, rep, "оралманов", 1, TT_ROLE_REPEALED);
    ROLE(TT_LANG_RU, rep, "Законом", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_RU, rep, "оралманов", 2, TT_ROLE_TEXT);
    ROLE(TT_LANG_RU, rep, "Оралманы", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_RU, rep, "оралманов", 3, TT_ROLE_TEXT); /* the note names another article */
    const char *items = "Статья 1. Понятия\n\n14) исключен Законом РК от 24.11.2015 № 421-V;\n15) оралман – "
                        "этнический казах.\n";
    ROLE(TT_LANG_RU, items, "Законом", 1, TT_ROLE_REPEALED);
    ROLE(TT_LANG_RU, items, "оралман", 1, TT_ROLE_TEXT);
    const char *title = "Признать утратившим силу постановление Правительства Республики Казахстан от 2 ноября 2016 "
                        "года № 650 «Об определении регионов для расселения оралманов».\n";
    ROLE(TT_LANG_RU, title, "оралманов", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_RU, title, "Правительства", 1, TT_ROLE_TEXT);
    const char *plain = "Фонд «Отандастар» поддерживает соотечественников за рубежом.\n";
    ROLE(TT_LANG_RU, plain, "Отандастар", 1, TT_ROLE_TEXT); /* a quoted name is used, not mentioned */
    const char *db = "Внимание! Недействующая редакция закона о миграции\nОтправить по почте миграция\n"
                     "Примечание ИЗПИ!\n   В статью 7 предусмотрены изменения о миграции.\n\nМиграция населения "
                     "(см. редакцию от 01.01.2019 о миграции) регулируется законом о миграции.\n";
    ROLE(TT_LANG_RU, db, "закона", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_RU, db, "миграция", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_RU, db, "миграции", 2, TT_ROLE_NOTE); /* the line after Примечание ИЗПИ! */
    ROLE(TT_LANG_RU, db, "Миграция", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_RU, db, "миграции", 3, TT_ROLE_NOTE); /* inside (см. редакцию ...) */
    ROLE(TT_LANG_RU, db, "миграции", 4, TT_ROLE_TEXT);
    const char *refs = "Введение. Диаспора и государство.\n\nСписок литературы\n\n1. Иванов И. Диаспора. 2019.\n";
    ROLE(TT_LANG_RU, refs, "Диаспора", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_RU, refs, "Диаспора", 2, TT_ROLE_NOTE);
}

static void
test_kk(void)
{
    const char *note = "Ескерту. Бүкіл мәтін бойынша «оралман» деген сөз «қандас» деген сөзбен ауыстырылды - ҚР "
                       "13.05.2020 № 327-VI Заңымен.\n\nҚандастар мемлекеттік қолдау алады.\n";
    ROLE(TT_LANG_KK, note, "оралман", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_KK, note, "мәтін", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_KK, note, "Қандастар", 1, TT_ROLE_TEXT);
    const char *amend = "1-баптың 13) тармақшасындағы «оралман» деген сөз «қандас» деген сөзбен ауыстырылсын;\n"
                        "«Отандастар» қоры отандастарды қолдайды.\n";
    ROLE(TT_LANG_KK, amend, "оралман", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_KK, amend, "қандас", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_KK, amend, "Отандастар", 1, TT_ROLE_TEXT);
    const char *rep = "17-бап. Оралмандардың санаттары\n\nЕскерту. 17-бап алып тасталды - ҚР 10.12.2013 № 153-V "
                      "Заңымен.\n\n18-бап. Қандастардың құқықтары\n\nҚандастар баспанаға құқылы.\n";
    ROLE(TT_LANG_KK, rep, "Оралмандардың", 1, TT_ROLE_REPEALED);
    ROLE(TT_LANG_KK, rep, "Қандастардың", 1, TT_ROLE_TEXT);
    const char *title = "Осы Қағида «Халықтың көші-қоны туралы» Қазақстан Республикасы Заңының 25-бабына сәйкес "
                        "әзірленді. Көші-қон процестері.\n";
    ROLE(TT_LANG_KK, title, "көші-қоны", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_KK, title, "Көші-қон", 1, TT_ROLE_TEXT);
    const char *izpi = "ЗҚАИ-ның ескертпесі!\nОсы баптың көші-қон туралы өзгерістері бар.\n\nКөші-қон саясаты.\n";
    ROLE(TT_LANG_KK, izpi, "көші-қон", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_KK, izpi, "Көші-қон", 1, TT_ROLE_TEXT);
    const char *refs = "Қорытынды: диаспора.\n\nӘдебиеттер тізімі\n\n1. Диаспора туралы. Алматы, 2010.\n";
    ROLE(TT_LANG_KK, refs, "диаспора", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_KK, refs, "Диаспора", 1, TT_ROLE_NOTE);
}

static void
test_uz(void)
{
    const char *amend = "1-moddaning birinchi qismidagi «muhojir» soʻzi «vatandosh» soʻzi bilan almashtirilsin.\n"
                        "Vatandoshlar jamoat fondi faoliyat koʻrsatadi.\n";
    ROLE(TT_LANG_UZ, amend, "muhojir", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_UZ, amend, "vatandosh", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_UZ, amend, "Vatandoshlar", 1, TT_ROLE_TEXT);
    const char *del = "3-moddadagi «xorijdagi vatandoshlar» soʻzlari chiqarib tashlansin.\n";
    ROLE(TT_LANG_UZ, del, "vatandoshlar", 1, TT_ROLE_QUOTED);
    const char *cyr = "2-моддадаги «муҳожир» сўзи «ватандош» сўзи билан алмаштирилсин.\n";
    ROLE(TT_LANG_UZ, cyr, "ватандош", 1, TT_ROLE_QUOTED);
    const char *rep = "17-modda. Vatandoshlarni qoʻllab-quvvatlash\n\n(17-modda Oʻzbekiston Respublikasining "
                      "2019-yil 10-sentyabrdagi OʻRQ-566-sonli Qonuniga asosan chiqarilgan — Qonunchilik "
                      "maʼlumotlari milliy bazasi, 11.09.2019-y.)\n\n18-modda. Vatandoshlar huquqlari\n\n"
                      "Vatandoshlar teng huquqlidir.\n";
    ROLE(TT_LANG_UZ, rep, "Vatandoshlarni", 1, TT_ROLE_REPEALED);
    ROLE(TT_LANG_UZ, rep, "Respublikasining", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_UZ, rep, "Vatandoshlar", 2, TT_ROLE_TEXT);
    const char *title = "«Chet eldagi vatandoshlarga nisbatan davlat siyosati toʻgʻrisida»gi Qonun ijrosi.\n";
    ROLE(TT_LANG_UZ, title, "vatandoshlarga", 1, TT_ROLE_QUOTED);
    const char *refs = "Xulosa: diaspora.\n\nFoydalanilgan adabiyotlar\n\n1. Diaspora va davlat. Toshkent, 2015.\n";
    ROLE(TT_LANG_UZ, refs, "diaspora", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_UZ, refs, "Diaspora", 1, TT_ROLE_NOTE);
}

static void
test_en(void)
{
    const char *note = "Footnote. Throughout the text the words \"oralman\", \"oralmans\" are replaced by the words "
                       "\"kandas\", \"kandases\" by the Law of the Republic of Kazakhstan dated 13.05.2020 No. "
                       "327-VI.\n\nKandases receive support.\n";
    ROLE(TT_LANG_EN, note, "oralman", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_EN, note, "Throughout", 1, TT_ROLE_NOTE);
    ROLE(TT_LANG_EN, note, "Kandases", 1, TT_ROLE_TEXT);
    const char *amend = "in subparagraph 13) of Article 1 the word \"oralman\" shall be replaced by the word "
                        "\"kandas\";\nthe \"Otandastar\" Foundation supports compatriots.\n";
    ROLE(TT_LANG_EN, amend, "oralman", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_EN, amend, "kandas", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_EN, amend, "Otandastar", 1, TT_ROLE_TEXT);
    const char *rep = "Article 17. Categories of oralmans\n\nFootnote. Article 17 is excluded by the Law of the "
                      "Republic of Kazakhstan dated 10.12.2013 No. 153-V.\n\nArticle 18. Rights of kandases\n\n"
                      "Kandases have the right to housing.\n";
    ROLE(TT_LANG_EN, rep, "oralmans", 1, TT_ROLE_REPEALED);
    ROLE(TT_LANG_EN, rep, "kandases", 1, TT_ROLE_TEXT);
    const char *title = "in accordance with the Law \"On Migration of Population\" the migration service acts.\n";
    ROLE(TT_LANG_EN, title, "Migration", 1, TT_ROLE_QUOTED);
    ROLE(TT_LANG_EN, title, "migration", 1, TT_ROLE_TEXT);
    const char *refs = "This paper studies diaspora policy.\n\nReferences\n\nBrubaker, R. (2005). The diaspora "
                       "diaspora. Ethnic and Racial Studies.\n";
    ROLE(TT_LANG_EN, refs, "diaspora", 1, TT_ROLE_TEXT);
    ROLE(TT_LANG_EN, refs, "diaspora", 2, TT_ROLE_NOTE);
}

/* Every token of s[0..n) in lang is `text`; returns the number that is not. */
static size_t
non_text(tt_lang lang, const char *s, size_t n, size_t *ntok)
{
    if (doc(lang, TT_SCRIPT_ANY, s, n))
        return (size_t)-1;
    size_t bad = 0;
    for (size_t t = 0; t < ts.ntok; t++) {
        tt_role r;
        tt_error e;
        if (tt_rolefinder_role(rf, t, &r, &e) || r != TT_ROLE_TEXT) {
            bad++;
            if (getenv("TT_VERBOSE"))
                fprintf(stderr, "  not text: %.80s\n", s + ts.tok[t].start);
        }
    }
    *ntok += ts.ntok;
    return bad;
}

static void
test_real_text(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: real text not checked");
        return;
    }
    char path[4096];
    size_t n, ntok = 0, lines = 0;
    snprintf(path, sizeof path, "%s/corpus/kaznerd/sentences_test.txt", sh);
    char *s = tt_test_slurp(path, &n);
    if (!s) {
        tt_test_skip(TT_SKIP_SHARED, "%s not found", path);
    } else {
        for (char *p = s, *end = s + n; p < end;) {
            char *e = memchr(p, '\n', (size_t)(end - p));
            if (!e)
                e = end;
            size_t l = (size_t)(e - p);
            int want = 0;
            static const char *const keys[] = {"деген сөз", "күші жойылды", "алып тасталды"};
            for (size_t k = 0; k < 3; k++)
                want |= memmem(p, l, keys[k], strlen(keys[k])) != NULL;
            if (want) {
                lines++;
                CU_ASSERT_EQUAL(non_text(TT_LANG_KK, p, l, &ntok), 0);
            }
            p = e + 1;
        }
        free(s);
        fprintf(stderr, "KazNERD: %zu sentences with деген сөз / күші жойылды / алып тасталды, %zu tokens, all text\n",
                lines, ntok);
        CU_ASSERT(lines >= 15);
    }
    static const struct {
        const char *file;
        tt_lang lang;
    } cons[] = {{"constitution-karakalpakstan.ru.txt", TT_LANG_RU},
                {"constitution-karakalpakstan.uz-latn.txt", TT_LANG_UZ},
                {"constitution-karakalpakstan.en.txt", TT_LANG_EN}};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/corpus/karakalpakstan-constitution/%s", sh, cons[i].file);
        if (!(s = tt_test_slurp(path, &n))) {
            tt_test_skip(TT_SKIP_SHARED, "%s not found", path);
            continue;
        }
        ntok = 0;
        CU_ASSERT_EQUAL(non_text(cons[i].lang, s, n, &ntok), 0);
        CU_ASSERT(ntok > 5000);
        free(s);
    }
}

/* A rule file that does not parse or compile is refused with its path, line and column. */
static void
test_bad_rules(void)
{
    char dir[] = "/tmp/tt-roles.XXXXXX", path[4200];
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/roles", dir);
    CU_ASSERT_FATAL(mkdir(path, 0777) == 0);
    static const char *const langs[] = {"kk", "uz", "ru", "en"};
    static const struct {
        const char *ru;
        const char *msg;
        uint64_t line, col;
    } cases[] = {
        {"# c\nnote\tline\t(unclosed\n", "pattern does not compile", 2, 20},
        {"note\twhere\tx\n", "unknown kind and reach 'note where'", 1, 1},
        {"note\tline\n", "expected 3 tab-separated columns", 1, 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t l = 0; l < 4; l++) {
            snprintf(path, sizeof path, "%s/roles/%s.tsv", dir, langs[l]);
            FILE *f = fopen(path, "w");
            CU_ASSERT_FATAL(f != NULL);
            fputs(!strcmp(langs[l], "ru") ? cases[c].ru : "note\tline\tx\n", f);
            fclose(f);
        }
        tt_rolefinder *bad = NULL;
        tt_error e;
        tt_error_clear(&e);
        CU_ASSERT_EQUAL(tt_rolefinder_new(&bad, dir, &e), TT_ESYNTAX);
        CU_ASSERT_PTR_NULL(bad);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, cases[c].msg));
        CU_ASSERT_PTR_NOT_NULL(strstr(e.path, "roles/ru.tsv"));
        CU_ASSERT_EQUAL(e.line, cases[c].line);
        CU_ASSERT_EQUAL(e.column, cases[c].col);
    }
    for (size_t l = 0; l < 4; l++) {
        snprintf(path, sizeof path, "%s/roles/%s.tsv", dir, langs[l]);
        unlink(path);
    }
    tt_rolefinder *none = NULL;
    tt_error e;
    CU_ASSERT_EQUAL(tt_rolefinder_new(&none, dir, &e), TT_EIO);
    snprintf(path, sizeof path, "%s/roles", dir);
    rmdir(path);
    rmdir(dir);
    CU_ASSERT_EQUAL(tt_role_parse("repealed", 8), TT_ROLE_REPEALED);
    CU_ASSERT_EQUAL(tt_role_parse("used", 4), -1);
    CU_ASSERT_STRING_EQUAL(tt_role_name(TT_ROLE_QUOTED), "quoted");
}

static void
reg(void)
{
    tt_test_suite("roles", "Russian (zan.gov.kz notes, amendment wording)", test_ru,
                  "Kazakh (adilet notes, деген сөз ... ауыстырылсын)", test_kk,
                  "Uzbek Latin and Cyrillic (lex.uz notes, soʻzi ... almashtirilsin)", test_uz,
                  "English (Footnote., the words ... are replaced)", test_en,
                  "real text stays text (KazNERD, the Karakalpakstan constitution)", test_real_text,
                  "rule files that do not parse are refused", test_bad_rules, NULL);
}

int
main(void)
{
    int rc = tt_test_main(reg);
    teardown();
    return rc;
}
