/* test_suggest.c - the helpers behind issue 13's messages: nearest name by edit distance (tt/suggest.h), the
 * markup detector (tt/markup.h) and the decoder's declared-versus-detected encoding check (tt/decode.h
 * info.mismatch, opts.strict_encoding). */
#include "support.h"
#include "tt/decode.h"
#include "tt/markup.h"
#include "tt/suggest.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static size_t
dist(const char *a, const char *b)
{
    return tt_edit_distance(a, strlen(a), b, strlen(b));
}

static void
test_edit_distance(void)
{
    CU_ASSERT_EQUAL(dist("", ""), 0);
    CU_ASSERT_EQUAL(dist("perod", "period"), 1);   /* deletion */
    CU_ASSERT_EQUAL(dist("lnag", "lang"), 1);      /* adjacent swap */
    CU_ASSERT_EQUAL(dist("kurultai", "qurultai"), 1);
    CU_ASSERT_EQUAL(dist("kz", "KZ"), 0);          /* ASCII case is free */
    CU_ASSERT_EQUAL(dist("TJ", "KZ"), 2);
    CU_ASSERT_EQUAL(dist("кандас", "кандасы"), 1); /* code points, not bytes */
    CU_ASSERT_EQUAL(dist("оралман", "оралманов"), 2);
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CU_ASSERT_EQUAL(dist(big, "a"), (size_t)-1); /* not a name */
}

static void
test_suggest_nearest(void)
{
    static const char *const opts[] = {"corpus", "compare", "period", "group-by", "progress", "quiet"};
    CU_ASSERT_STRING_EQUAL(tt_suggest("perod", opts, 6), "period");
    CU_ASSERT_STRING_EQUAL(tt_suggest("grup-by", opts, 6), "group-by");
    CU_ASSERT_PTR_NULL(tt_suggest("lexicon", opts, 6)); /* nothing close */
    CU_ASSERT_PTR_NULL(tt_suggest("period", opts, 6));  /* an exact name is not "suggested" */
    static const char *const vals[] = {"INT", "KZ", "UZ"};
    CU_ASSERT_STRING_EQUAL(tt_suggest("kz", vals, 3), "KZ");
    CU_ASSERT_PTR_NULL(tt_suggest("TJ", vals, 3)); /* two letters away: no guess */
    CU_ASSERT_PTR_NULL(tt_suggest("c", (const char *const[]){"a", "b"}, 2));
    static const char *const ids[] = {"diaspora", "kandas", "oralman", "qurultai", NULL};
    CU_ASSERT_STRING_EQUAL(tt_suggest("kurultai", ids, 5), "qurultai");
    char buf[64];
    CU_ASSERT_STRING_EQUAL(tt_suggest_list(buf, sizeof buf, ids, 4, 2), "diaspora, kandas, ... (2 more)");
    CU_ASSERT_STRING_EQUAL(tt_suggest_list(buf, sizeof buf, vals, 3, 10), "INT, KZ, UZ");
    CU_ASSERT_STRING_EQUAL(tt_suggest_list(buf, 8, vals, 3, 10), "INT, KZ");
}

static void
test_markup(void)
{
    char why[160];
    const char *html = "<!DOCTYPE html>\n<html><head><title>Закон</title></head><body><p>Статья 1.</p></body></html>";
    CU_ASSERT_STRING_EQUAL(tt_markup_guess(html, strlen(html), why, sizeof why), "HTML");
    CU_ASSERT_STRING_EQUAL(why, "'<!DOCTYPE html' at byte 0, 11 tags in 102 bytes");
    const char *xml = "  <?xml version=\"1.0\"?><doc>кандас</doc>";
    CU_ASSERT_STRING_EQUAL(tt_markup_guess(xml, strlen(xml), NULL, 0), "XML");
    const char *text = "Статья 1. Если a < b и c > d, то <b> не тег, а <кандас>.";
    CU_ASSERT_PTR_NULL(tt_markup_guess(text, strlen(text), why, sizeof why));
    /* a mention of <html> in a sentence is not a page */
    const char *one = "The tag <html> opens a page.";
    CU_ASSERT_PTR_NULL(tt_markup_guess(one, strlen(one), NULL, 0));
    char tags[400] = "";
    for (int i = 0; i < 12; i++)
        strcat(tags, "<span>кандас</span> ");
    CU_ASSERT_STRING_EQUAL(tt_markup_guess(tags, strlen(tags), NULL, 0), "markup");
}

/* A real sentence (the 2021 migration law's definition of кандас, line 68) when ../shared has it. */
static char *
sentence(void)
{
    static const char fallback[] = "13) кандас – этнический казах и (или) члены его семьи казахской национальности, "
                                   "ранее не состоявшие в гражданстве Республики Казахстан.\n";
    const char *sh = tt_test_shared();
    char path[1024];
    char *all = NULL;
    if (sh) {
        snprintf(path, sizeof path, "%s/corpus/kz-law/migration-law-2011-ru-2021-06-29.md", sh);
        all = tt_test_slurp(path, NULL);
    }
    if (!all) {
        printf("\n  (../shared not found: a fixed sentence instead of the migration law's)\n");
        return strdup(fallback);
    }
    char *p = all;
    for (int line = 1; line < 68 && p; line++)
        p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
    char *s = strdup(p ? p : fallback);
    if (s && strchr(s, '\n'))
        strchr(s, '\n')[1] = 0;
    free(all);
    return s;
}

static char *
to_cp1251(const char *s, size_t *n)
{
    iconv_t cd = iconv_open("CP1251", "UTF-8");
    size_t in = strlen(s), cap = in + 1, out = cap;
    char *buf = malloc(cap), *o = buf, *i = (char *)(uintptr_t)s;
    iconv(cd, &i, &in, &o, &out);
    iconv_close(cd);
    *n = (size_t)(o - buf);
    return buf;
}

static int
decode_mem(const char *p, size_t n, const char *enc, int strict, tt_decode_info *info, tt_error *err)
{
    tt_decode_opts o = {.encoding = enc, .strict_encoding = strict};
    tt_decoder *d = NULL;
    tt_buf out = {0};
    tt_error_clear(err);
    int rc = tt_decoder_open_mem(&d, p, n, "mem", &o, err);
    while (rc == 0 && (rc = tt_decoder_read(d, &out, err)) == 1)
        rc = 0;
    if (d)
        *info = *tt_decoder_info(d);
    tt_decoder_free(d);
    tt_buf_free(&out);
    return rc;
}

static void
test_declared_mismatch(void)
{
    char *s = sentence();
    size_t wn;
    char *w = to_cp1251(s, &wn);
    tt_decode_info info;
    tt_error err;
    /* UTF-8 declared CP1251: decoded as declared, with the mismatch and the evidence */
    CU_ASSERT_EQUAL(decode_mem(s, strlen(s), "cp1251", 0, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.encoding, "CP1251");
    CU_ASSERT_STRING_EQUAL(info.mismatch, "UTF-8");
    CU_ASSERT_PTR_NOT_NULL(strstr(info.mismatch_why, "valid UTF-8: "));
    /* ... and refused with strict_encoding */
    CU_ASSERT_EQUAL(decode_mem(s, strlen(s), "cp1251", 1, &info, &err), TT_EENCODING);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "declared encoding CP1251 decodes worse than the detected UTF-8"));
    /* CP1251 declared UTF-8: the usual error, now with the hint */
    CU_ASSERT_EQUAL(decode_mem(w, wn, "UTF-8", 0, &info, &err), TT_EENCODING);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "; the bytes look like CP1251: clear the 'encoding' column"));
    /* correct declarations: no mismatch */
    CU_ASSERT_EQUAL(decode_mem(s, strlen(s), "UTF-8", 1, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.mismatch, "");
    CU_ASSERT_EQUAL(decode_mem(w, wn, "windows-1251", 1, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.mismatch, "");
    /* RK1048 decodes Russian like CP1251: declaring it is no mismatch */
    CU_ASSERT_EQUAL(decode_mem(w, wn, "RK1048", 1, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.mismatch, "");
    /* CP866 declared for CP1251 bytes: the letter scores differ clearly (207 against -14 on the law's line) */
    CU_ASSERT_EQUAL(decode_mem(w, wn, "CP866", 0, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.mismatch, "CP1251");
    CU_ASSERT_PTR_NOT_NULL(strstr(info.mismatch_why, "as CP1251 against"));
    /* MAC-CYRILLIC differs from CP1251 in a few letters only: scores within a tenth are no evidence */
    CU_ASSERT_EQUAL(decode_mem(w, wn, "MAC-CYRILLIC", 1, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.mismatch, "");
    /* a few stray bytes are no evidence */
    CU_ASSERT_EQUAL(decode_mem("abc \xc3\xa9 def", 10, "CP1251", 1, &info, &err), 0);
    CU_ASSERT_STRING_EQUAL(info.mismatch, "");
    free(s);
    free(w);
}

static void
reg(void)
{
    tt_test_suite("suggest", "edit distance: code points, swaps, ASCII case", test_edit_distance,
                  "nearest name within a third of the word, lists cut at max", test_suggest_nearest,
                  "markup: HTML landmarks, XML, tag density; a '<' in text is not markup", test_markup,
                  "declared encoding against the detected one (mismatch, strict, hint)", test_declared_mismatch,
                  NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
