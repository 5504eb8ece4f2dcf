/* test_normvectors.c - runs all rows of ../shared/spec/norm-vectors.tsv: tokenize the input with the row's
 * language and script, join the match forms of the word tokens with one space, compare with
 * expected_canonical. Rows marked KNOWN GAP are compared too (they state what ICU gives). The line-end
 * hyphenation rows need a lexicon: known() below is a tiny stand-in for the lexicon's "known word" answer. */
#include "support.h"
#include "tt/norm.h"
#include "tt/tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stand-in lexicon: lemmas (match forms) and, for kk/uz, the suffix chains of the rows that need them.
 * Honest and small: it knows exactly the words the manual rows are about. */
static int
known(void *ctx, tt_lang lang, const char *m, size_t n)
{
    (void)ctx;
    static const struct {
        tt_lang lang;
        const char *lemma;
        const char *suffixes[6];
    } lex[] = {
        {TT_LANG_RU, "диаспора", {"", "ы", "е", "у", "ой", NULL}},
        {TT_LANG_KK, "otandas", {"", "tar", "tarymyz", "tarymyzdyñ", "tarğa", NULL}},
        {TT_LANG_UZ, "vatandosh", {"", "lar", "larimiz", "larimizga", "larimizning", NULL}},
        {TT_LANG_EN, "repatriation", {"", "s", NULL}},
    };
    for (size_t i = 0; i < sizeof lex / sizeof lex[0]; i++) {
        size_t ln = strlen(lex[i].lemma);
        if (lex[i].lang != lang || n < ln || memcmp(m, lex[i].lemma, ln) != 0)
            continue;
        for (int k = 0; lex[i].suffixes[k]; k++)
            if (strlen(lex[i].suffixes[k]) == n - ln && memcmp(m + ln, lex[i].suffixes[k], n - ln) == 0)
                return 1;
    }
    return 0;
}

static void
test_norm_vectors(void)
{
    const char *sh = tt_test_shared();
    if (!sh) {
        tt_test_skip(TT_SKIP_SHARED, "../shared not found: norm-vectors skipped");
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/spec/norm-vectors.tsv", sh);
    char *text = tt_test_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tt_error err;
    tt_error_clear(&err);
    tt_normalizer *nz = NULL;
    tt_tokenizer *tk = NULL;
    CU_ASSERT_EQUAL_FATAL(tt_normalizer_new(&nz, NULL, &err), 0);
    CU_ASSERT_EQUAL_FATAL(tt_tokenizer_new(&tk, NULL, &err), 0);
    tt_tokseq ts;
    tt_tokseq_init(&ts);
    tt_buf got = {0};
    int rows = 0, pass = 0;
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[5] = {0};
        int nf = 0;
        for (char *p = line; nf < 5; nf++) {
            f[nf] = p;
            char *t = strchr(p, '\t');
            if (!t) {
                nf++;
                break;
            }
            *t = 0;
            p = t + 1;
        }
        if (nf < 4)
            continue;
        rows++;
        char *in = tt_test_unescape(f[2]), *want = tt_test_unescape(f[3]);
        tt_lang lang = tt_lang_parse(f[0], strlen(f[0]));
        int script = tt_script_parse(f[1], strlen(f[1]));
        tt_tokseq_reset_doc(&ts);
        tt_buf_reset(&got);
        int rc = tt_tokenize(tk, nz, lang, script < 0 ? TT_SCRIPT_ANY : (tt_script)script, in, strlen(in), 0,
                             known, NULL, &ts, &err);
        CU_ASSERT_EQUAL(rc, 0);
        for (size_t i = 0; i < ts.ntok; i++) {
            if (i)
                tt_buf_putc(&got, ' ');
            tt_buf_append(&got, ts.forms.data + ts.tok[i].match_off, ts.tok[i].match_len);
        }
        if (got.len == strlen(want) && memcmp(got.data, want, got.len) == 0) {
            pass++;
        } else {
            printf("norm-vectors row %d (%s %s) %s: got [%s], want [%s]\n", rows + 1, f[0], f[1], f[2],
                   got.data ? got.data : "", want);
        }
        free(in);
        free(want);
    }
    printf("norm-vectors: %d/%d rows pass\n", pass, rows);
    CU_ASSERT_EQUAL(rows, 154);
    CU_ASSERT_EQUAL(pass, rows);
    tt_buf_free(&got);
    tt_tokseq_free(&ts);
    tt_tokenizer_free(tk);
    tt_normalizer_free(nz);
    free(text);
}

static void
reg(void)
{
    tt_test_suite("normvectors", "all rows of norm-vectors.tsv", test_norm_vectors, NULL);
}

int
main(void)
{
    return tt_test_main(reg);
}
