/* test_segmentation.c - word segmentation against the gold tokens of the UD treebanks in
 * ../shared/corpus/ud/<treebank>.conllu: for each sentence, tokenize its "# text" line and count the gold word tokens
 * (surface tokens that hold a letter or digit: multiword-token ranges count once, punctuation is not a word
 * token here) whose byte span we reproduce exactly. Prints the share per language and asserts a floor that was
 * measured (a little under the measured value, so that a regression fails). */
#include "support.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static int
has_alnum(const char *s, size_t n)
{
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
        if (c >= 0 && u_isalnum(c))
            return 1;
    }
    return 0;
}

typedef struct seg_stats {
    long gold, hit, unaligned, ours;
} seg_stats;

/* One sentence: gold spans from the forms, our spans from tt_tokenize. */
static void
score_sentence(tt_tokenizer *tk, tt_normalizer *nz, tt_lang lang, tt_script sc, const char *text,
               char **forms, size_t nforms, tt_tokseq *ts, seg_stats *st, int verbose)
{
    tt_error err;
    tt_tokseq_reset_doc(ts);
    size_t n = strlen(text);
    CU_ASSERT_EQUAL(tt_tokenize(tk, nz, lang, sc, text, n, 0, NULL, NULL, ts, &err), 0);
    st->ours += (long)ts->ntok;
    size_t pos = 0, k = 0;
    for (size_t i = 0; i < nforms; i++) {
        const char *f = forms[i];
        size_t fl = strlen(f);
        while (pos < n && (text[pos] == ' ' || text[pos] == '\t'))
            pos++;
        size_t at;
        if (pos + fl <= n && memcmp(text + pos, f, fl) == 0) {
            at = pos;
        } else {
            const char *p = strstr(text + pos, f);
            if (!p) {
                if (has_alnum(f, fl))
                    st->unaligned++;
                continue;
            }
            at = (size_t)(p - text);
        }
        pos = at + fl;
        if (!has_alnum(f, fl))
            continue;
        st->gold++;
        while (k < ts->ntok && ts->tok[k].start < at)
            k++;
        if (k < ts->ntok && ts->tok[k].start == at && ts->tok[k].end == at + fl)
            st->hit++;
        else if (verbose)
            printf("    miss [%s] in: %.80s\n", f, text);
    }
}

static void
run_treebank(const char *file, tt_lang lang, tt_script sc, double floor_pct)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: segmentation skipped");
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/ud/%s", sh, file);
    char *data = tt_test_slurp(path, NULL);
    if (!data) {
        tt_test_skip(TT_SKIP_SHARED, "treebank not found: skipped");
        return;
    }
    tt_error err;
    tt_normalizer *nz = NULL;
    tt_tokenizer *tk = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_normalizer_new(&nz, NULL, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_tokenizer_new(&tk, NULL, &err), 0);
    tt_tokseq ts;
    tt_tokseq_init(&ts);
    seg_stats st = {0};
    char *text = NULL;
    char **forms = NULL;
    size_t nforms = 0, cap = 0;
    long skip_to = 0;
    int verbose = getenv("TT_SEG_VERBOSE") != NULL;
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
        int end = line == NULL || strncmp(line, "# sent_id", 9) == 0;
        if (end && text) {
            score_sentence(tk, nz, lang, sc, text, forms, nforms, &ts, &st, verbose);
            text = NULL;
            nforms = 0;
            skip_to = 0;
        }
        if (!line)
            break;
        if (strncmp(line, "# text = ", 9) == 0) {
            text = line + 9;
            continue;
        }
        if (line[0] < '0' || line[0] > '9')
            continue;
        /* ID: n, n-m (multiword token: its surface form is the token), n.m (empty node) */
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        long id = strtol(line, NULL, 10);
        const char *dash = memchr(line, '-', (size_t)(tab - line));
        if (memchr(line, '.', (size_t)(tab - line)))
            continue;
        if (!dash && id <= skip_to)
            continue;
        if (dash)
            skip_to = strtol(dash + 1, NULL, 10);
        char *form = tab + 1;
        char *t2 = strchr(form, '\t');
        if (t2)
            *t2 = 0;
        if (nforms == cap) {
            cap = cap ? 2 * cap : 256;
            forms = realloc(forms, cap * sizeof *forms);
            CU_ASSERT_PTR_NOT_NULL_FATAL(forms);
        }
        forms[nforms++] = form;
    }
    double pct = st.gold ? 100.0 * (double)st.hit / (double)st.gold : 0;
    printf("\n  %s: %ld/%ld gold word tokens reproduced (%.2f %%), %ld not aligned, %ld tokens of ours "
           "(floor %.1f %%)\n",
           tt_lang_name(lang), st.hit, st.gold, pct, st.unaligned, st.ours, floor_pct);
    CU_ASSERT(st.gold > 1000);
    CU_ASSERT(pct >= floor_pct);
    free(forms);
    free(data);
    tt_tokseq_free(&ts);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
}

/* Floors: measured values minus about half a point. */
#define KK_FLOOR 97.0 /* measured 97.62 */
#define UZ_FLOOR 96.5 /* measured 97.08 */
#define RU_FLOOR 99.0 /* measured 99.43 */
#define EN_FLOOR 97.7 /* measured 98.29 */
static void
test_kk(void)
{
    run_treebank("kk_ktb-ud-test.conllu", TT_LANG_KK, TT_SCRIPT_CYRL, KK_FLOOR);
}

static void
test_uz(void)
{
    run_treebank("uz_ut-ud-test.conllu", TT_LANG_UZ, TT_SCRIPT_LATN, UZ_FLOOR);
}

static void
test_ru(void)
{
    run_treebank("ru_pud-ud-test.conllu", TT_LANG_RU, TT_SCRIPT_CYRL, RU_FLOOR);
}

static void
test_en(void)
{
    run_treebank("en_pud-ud-test.conllu", TT_LANG_EN, TT_SCRIPT_LATN, EN_FLOOR);
}

static void
reg(void)
{
    tt_test_suite("segmentation", "kk KTB", test_kk, "uz UT", test_uz, "ru PUD", test_ru, "en PUD", test_en,
                  NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
